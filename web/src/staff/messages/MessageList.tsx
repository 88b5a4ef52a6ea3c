import type { Message } from '@wardpulse/domain';
import { Link } from '../../shared/navigation.tsx';
import { useResource } from '../../shared/useResource.ts';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';
import { useMessagesApi } from './client.ts';
import { progressText } from './draft.ts';
import { scoreText, shortDate, STATUS_LABELS } from './format.ts';
import { SectionNav } from './SectionNav.tsx';

/** Every message, newest first: status, when it went, readability and reach. */
export function MessageList({ canEdit }: { canEdit: boolean }) {
  const messagesApi = useMessagesApi();
  const list = useResource(() => messagesApi.list(), [messagesApi]);
  const messages: Message[] | null = list.data?.messages ?? null;
  const problem = list.status === 'error' ? errorText(list.error, 'Could not load the messages.') : null;
  useDocumentTitle('Messages');

  return (
    <>
      <div className="sv-page-head">
        <h1>Community messages</h1>
        {canEdit && (
          <Link to="/staff/messages/new" className="sv-button-link">
            Write a message
          </Link>
        )}
      </div>
      <SectionNav />
      <p className="s-muted">
        Each message says three things: what the concern is, what the police are doing about it, and what residents can do. Residents rate, reply and share from the message page.
      </p>
      {problem && (
        <div className="s-alert" role="alert">
          <p>{problem}</p>
          <button type="button" onClick={() => void list.reload()}>
            Try again
          </button>
        </div>
      )}
      {!messages && !problem && <p role="status">Loading messages…</p>}
      {messages?.length === 0 && (
        <div className="sv-empty">
          <h2>No messages yet</h2>
          <p>Write the first one: say what is happening, what the police are doing, and what people can do.</p>
        </div>
      )}
      {messages && messages.length > 0 && (
        <table className="s-table s-stack ms-list" data-testid="message-list">
          <caption className="s-visually-hidden">Messages, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col" className="s-numeric">
                Readability
              </th>
              <th scope="col" className="s-numeric">
                Recipients
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} data-id={message.id}>
                <th scope="row">
                  <Link to={`/staff/messages/${message.id}`}>{message.title || 'Untitled message'}</Link>
                  {message.style && <span className="ms-demo-tag">Demo: {message.style === 'three-part' ? 'three-part style' : 'old style'}</span>}
                </th>
                <td data-label="Status">
                  <span className={`sv-status ms-status-${message.status}`}>{STATUS_LABELS[message.status]}</span>
                  {message.status === 'sending' && message.progress && <span className="s-hint sv-block">{progressText(message.progress)}</span>}
                </td>
                <td data-label="Sent">{message.status === 'scheduled' ? `Scheduled ${shortDate(message.scheduledFor)}` : shortDate(message.sentAt)}</td>
                <td className="s-numeric" data-label="Readability">{scoreText(message.readability.score)}</td>
                <td className="s-numeric" data-label="Recipients">{message.progress ? message.progress.audience.toLocaleString('en-GB') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {messages?.some((message) => message.style) && (
        <p className="s-hint" data-testid="demo-recipients-note">
          The demo messages&rsquo; recipient figures are made up for the dashboard (a few hundred people a ward), so they are not drawn from the demo sign-ups. A real message reaches each
          active sign-up of its wards once, even someone signed up in two of them.
        </p>
      )}
    </>
  );
}
