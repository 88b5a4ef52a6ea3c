import type { MessageContent } from '@wardpulse/domain';
import { useId, useState } from 'react';
import { PARTS } from './coaching.ts';

export interface EmailPreview {
  html: string;
  text: string;
}

type View = 'phone' | 'email' | 'text';

/**
 * What residents will see: the message page on a phone (from the text as typed), and the e-mail
 * as the API renders it for the last saved version, HTML in a sandboxed frame (no scripts, no
 * same-origin access, no forms) or as plain text.
 */
export function MessagePreview({
  content,
  forceName,
  email,
  emailState,
  onRefreshEmail,
}: {
  content: MessageContent;
  forceName: string;
  email: EmailPreview | null;
  emailState: 'unsaved' | 'loading' | 'ready' | 'stale' | 'failed';
  onRefreshEmail: () => void;
}) {
  const id = useId();
  const [view, setView] = useState<View>('phone');
  const views: { view: View; label: string }[] = [
    { view: 'phone', label: 'Phone' },
    { view: 'email', label: 'E-mail' },
    { view: 'text', label: 'Plain text' },
  ];
  return (
    <section className="ms-preview" aria-labelledby={`${id}-title`} data-testid="message-preview">
      <h2 id={`${id}-title`}>Preview</h2>
      <div className="sv-views ms-preview-views" role="group" aria-label="Preview as">
        {views.map((item) => (
          <button key={item.view} type="button" className="sv-view" aria-pressed={view === item.view} onClick={() => setView(item.view)}>
            {item.label}
          </button>
        ))}
      </div>
      {view === 'phone' && (
        <div className="sv-phone ms-phone" data-testid="phone-frame">
          <div className="sv-phone-bar" aria-hidden="true" />
          <div className="sv-phone-screen ms-phone-screen" tabIndex={0} aria-label="Phone preview of the message page">
            <p className="ms-phone-from">{forceName}</p>
            <h3 className="sv-phone-title">{content.title || <span className="s-muted">(no title yet)</span>}</h3>
            {content.image?.url && <p className="ms-phone-image">Image: {content.image.alt || <span className="ms-phone-missing">no description yet</span>}</p>}
            {PARTS.map(({ part, heading }) => (
              <div key={part}>
                <h4 className="ms-phone-heading">{heading}</h4>
                {content[part].trim() ? (
                  content[part]
                    .split(/\n\s*\n/)
                    .filter((p) => p.trim())
                    .map((p, index) => (
                      <p key={index} className="ms-phone-text">
                        {p.trim()}
                      </p>
                    ))
                ) : (
                  <p className="ms-phone-missing">Not written yet</p>
                )}
              </div>
            ))}
            {content.link?.url && (
              <p>
                <span className="ms-phone-link">{content.link.label || content.link.url}</span>
              </p>
            )}
            <p className="ms-phone-heading">Was this message useful?</p>
            <p className="ms-phone-stars" aria-hidden="true">
              ☆ ☆ ☆ ☆ ☆
            </p>
          </div>
        </div>
      )}
      {view !== 'phone' && (
        <div className="ms-email">
          {emailState === 'unsaved' && <p className="s-hint">Save the draft to see the e-mail as it will be sent.</p>}
          {emailState === 'stale' && (
            <p className="s-hint">
              This is the last saved version; save to see your latest changes.{' '}
              <button type="button" className="sv-link-like" onClick={onRefreshEmail}>
                Refresh
              </button>
            </p>
          )}
          {emailState === 'loading' && <p role="status">Loading the e-mail preview…</p>}
          {emailState === 'failed' && (
            <p className="s-alert">
              The e-mail preview could not be loaded.{' '}
              <button type="button" className="sv-link-like" onClick={onRefreshEmail}>
                Try again
              </button>
            </p>
          )}
          {email && view === 'email' && <iframe className="ms-email-frame" title="E-mail preview (HTML)" sandbox="" srcDoc={email.html} referrerPolicy="no-referrer" />}
          {email && view === 'text' && (
            <pre className="ms-email-text" tabIndex={0} aria-label="E-mail preview (plain text)">
              {email.text}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}
