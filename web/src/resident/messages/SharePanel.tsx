import type { ShareChannel } from '@wardpulse/domain';
import { useId, useState } from 'react';
import type { Rater } from './client.ts';
import { sendEngagement } from './engagement.ts';
import { randomUuid, shareLinks, shareUrl } from './helpers.ts';
import { useT } from '../strings/messages.ts';

const LINK_CHANNELS = [
  { channel: 'whatsapp', label: 'WhatsApp' },
  { channel: 'facebook', label: 'Facebook' },
  { channel: 'x', label: 'X (Twitter)' },
] as const;

/**
 * Passing the message on: the phone's own share sheet where the browser has the Web Share API,
 * otherwise copy-link, WhatsApp, Facebook, X and e-mail. Each share is counted with its channel;
 * the link shared is the message alone, never the recipient token of this resident's copy.
 */
export function SharePanel({ messageId, title, rater }: { messageId: string; title: string; rater: () => Rater }) {
  const id = useId();
  const url = shareUrl(window.location.origin, messageId);
  const links = shareLinks(url, title);
  const canShare = typeof navigator.share === 'function';
  const [status, setStatus] = useState('');
  const [manualCopy, setManualCopy] = useState(false);
  const t = useT();

  const count = (channel: ShareChannel) => {
    sendEngagement({ kind: 'share', messageId, share: { id: randomUuid(), channel }, rater: rater() }).catch(() => undefined);
  };

  const shareNatively = async () => {
    try {
      await navigator.share({ title, text: title, url });
    } catch {
      // Cancelled (or refused): nothing was shared, so nothing is counted.
      return;
    }
    count('native');
    setStatus(t('thanksSharing'));
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      setManualCopy(true);
      setStatus(t('copyFailed'));
      return;
    }
    count('copy');
    setManualCopy(false);
    setStatus(t('copied'));
  };

  return (
    <section className="m-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="m-section__title">
        {t('shareTitle')}
      </h2>
      <p className="r-hint">{t('shareHint')}</p>
      <div className="m-share">
        {canShare && (
          <button type="button" className="r-button m-share__button" onClick={() => void shareNatively()}>
            {t('share')}
          </button>
        )}
        <button type="button" className="r-button r-button--secondary m-share__button" onClick={() => void copy()}>
          {t('copyLink')}
        </button>
        {!canShare && (
          <ul className="m-share__links">
            {LINK_CHANNELS.map(({ channel, label }) => (
              <li key={channel}>
                <a className="m-share__link" href={links[channel]} target="_blank" rel="noopener noreferrer" onClick={() => count(channel)}>
                  {label}
                  <span className="r-visually-hidden"> {t('opensNewTab')}</span>
                </a>
              </li>
            ))}
            <li>
              <a className="m-share__link" href={`mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`} onClick={() => count('email')}>
                {t('emailShare')}
              </a>
            </li>
          </ul>
        )}
      </div>
      <p className="m-status" role="status" data-testid="share-status">
        {status}
      </p>
      {manualCopy && (
        <div className="r-form-group">
          <label className="r-label" htmlFor={`${id}-url`}>
            {t('linkToMessage')}
          </label>
          <input id={`${id}-url`} className="r-input" type="text" readOnly value={url} onFocus={(event) => event.target.select()} />
        </div>
      )}
    </section>
  );
}
