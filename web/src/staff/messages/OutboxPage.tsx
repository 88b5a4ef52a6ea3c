import { useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';
import { formatDateTime } from '../shared/dates.ts';
import { useMessagesApi, type OutboxEntry, type OutboxMail } from './client.ts';
import { linksIn } from './outbox.ts';
import { SectionNav } from './SectionNav.tsx';

const SHOWN_HEADERS = ['from', 'to', 'subject', 'date', 'list-unsubscribe', 'list-unsubscribe-post'];

/**
 * On one machine e-mails are written to an outbox folder instead of going through Amazon SES.
 * This lists them, newest first, and opens one: its headers, plain text, HTML (sandboxed) and
 * the links in it, so the whole journey can be followed without a mail server.
 */
export function OutboxPage() {
  const messagesApi = useMessagesApi();
  const outbox = useResource(() => messagesApi.outbox(), [messagesApi]);
  const mails: OutboxEntry[] | null = outbox.data?.mails ?? null;
  const problem = outbox.status === 'error' ? { local: !(outbox.error instanceof ApiError && outbox.error.status === 404), text: errorText(outbox.error, 'Could not load the outbox.') } : null;
  const [open, setOpen] = useState<OutboxMail | null>(null);
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  useDocumentTitle('Outbox — Messages');

  const show = async (file: string) => {
    setOpenProblem(null);
    try {
      setOpen(await messagesApi.outboxFile(file));
      requestAnimationFrame(() => document.getElementById('outbox-mail')?.focus());
    } catch (error) {
      setOpenProblem(errorText(error, 'Could not open the e-mail.'));
    }
  };

  return (
    <>
      <h1>Outbox</h1>
      <SectionNav />
      {problem && !problem.local && <p className="sv-readonly">{problem.text}</p>}
      {problem?.local && (
        <div className="s-alert" role="alert">
          <p>{problem.text}</p>
          <button type="button" onClick={() => void outbox.reload()}>
            Try again
          </button>
        </div>
      )}
      {!mails && !problem && <p role="status">Loading the outbox…</p>}
      {mails && (
        <>
          <div className="sv-page-head">
            <p className="s-muted">
              {mails.length === 0 ? 'No e-mails yet.' : `The ${mails.length} most recent e-mails, newest first.`} Addresses are masked unless you are an administrator.
            </p>
            <button type="button" className="sv-button-secondary sv-button-small" onClick={() => void outbox.reload()}>
              Refresh
            </button>
          </div>
          {mails.length > 0 && (
            <div className="ms-table-wrap" tabIndex={0} role="region" aria-label="E-mails in the outbox">
              <table className="s-table" data-testid="outbox">
                <caption className="s-visually-hidden">E-mails in the outbox, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Subject</th>
                    <th scope="col">To</th>
                    <th scope="col">Sent</th>
                  </tr>
                </thead>
                <tbody>
                  {mails.map((mail) => (
                    <tr key={mail.file}>
                      <th scope="row">
                        <button type="button" className="sv-link-like" aria-pressed={open?.file === mail.file} onClick={() => void show(mail.file)}>
                          {mail.subject || '(no subject)'}
                        </button>
                      </th>
                      <td>{mail.to}</td>
                      <td>{formatDateTime(mail.date, { seconds: true })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {openProblem && <p className="s-alert">{openProblem}</p>}
      {open && (
        <section className="ms-mail" id="outbox-mail" tabIndex={-1} aria-labelledby="outbox-mail-title" data-testid="outbox-mail">
          <h2 id="outbox-mail-title">{open.subject}</h2>
          <dl className="ms-mail-headers">
            {SHOWN_HEADERS.filter((name) => open.headers[name]).map((name) => (
              <div key={name}>
                <dt>{name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash}${c.toUpperCase()}`)}</dt>
                <dd>{open.headers[name]}</dd>
              </div>
            ))}
          </dl>
          {linksIn(open.text).length > 0 && (
            <>
              <h3>Links in this e-mail</h3>
              <ul className="ms-mail-links">
                {linksIn(open.text).map((link) => (
                  <li key={link.href}>
                    <a href={link.href}>{link.label}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <details open>
            <summary>As HTML</summary>
            <iframe className="ms-email-frame" title={`E-mail “${open.subject}” (HTML)`} sandbox="" srcDoc={open.html} referrerPolicy="no-referrer" />
          </details>
          <details>
            <summary>As plain text</summary>
            <pre className="ms-email-text" tabIndex={0}>
              {open.text}
            </pre>
          </details>
        </section>
      )}
    </>
  );
}
