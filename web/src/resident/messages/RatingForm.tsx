import { useEffect, useId, useRef, useState } from 'react';
import type { Rater } from './client.ts';
import { rememberRating, savedRating, sendEngagement, SENT_EVENT, type Engagement } from './engagement.ts';
import { useT } from '../strings/messages.ts';

type Status = { kind: 'idle' } | { kind: 'sending'; stars: number } | { kind: 'saved'; stars: number } | { kind: 'queued'; stars: number } | { kind: 'failed'; stars: number; message: string };

/** Arrow keys move through a radio group choosing as they go: send only once the choice settles. */
const SETTLE_MS = 600;

/**
 * "Was this message useful?": five radio buttons drawn as stars. Choosing one sends it; choosing
 * again changes it (the API keeps one rating per rater). A rating from the e-mail's star links
 * arrives as `linkRating` and is sent once.
 */
export function RatingForm({ messageId, rater, linkRating }: { messageId: string; rater: () => Rater; linkRating: number | undefined }) {
  const id = useId();
  const [chosen, setChosen] = useState<number | undefined>(() => linkRating ?? savedRating(messageId));
  const [status, setStatus] = useState<Status>(() => {
    const saved = savedRating(messageId);
    return saved !== undefined && linkRating === undefined ? { kind: 'saved', stars: saved } : { kind: 'idle' };
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const t = useT();

  const send = async (stars: number) => {
    setStatus({ kind: 'sending', stars });
    try {
      const result = await sendEngagement({ kind: 'rating', messageId, stars, rater: rater() });
      rememberRating(messageId, stars);
      setStatus({ kind: result === 'sent' ? 'saved' : 'queued', stars });
    } catch (error) {
      setStatus({ kind: 'failed', stars, message: error instanceof Error ? error.message : '' });
    }
  };

  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (linkRating !== undefined) void sendRef.current(linkRating);
  }, [linkRating]);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    const onSent = (event: Event) => {
      const item = (event as CustomEvent<Engagement>).detail;
      if (item.kind === 'rating' && item.messageId === messageId) setStatus((current) => (current.kind === 'queued' && current.stars === item.stars ? { kind: 'saved', stars: item.stars } : current));
    };
    window.addEventListener(SENT_EVENT, onSent);
    return () => window.removeEventListener(SENT_EVENT, onSent);
  }, [messageId]);

  const choose = (stars: number) => {
    setChosen(stars);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void sendRef.current(stars), SETTLE_MS);
  };

  let statusText = '';
  if (status.kind === 'sending') statusText = t('sendingRating');
  if (status.kind === 'saved') statusText = t('ratedSaved', { stars: status.stars });
  if (status.kind === 'queued') statusText = t('ratedQueued', { stars: status.stars });

  return (
    <section className="m-section" aria-labelledby={`${id}-legend`}>
      <fieldset className="r-fieldset" aria-describedby={`${id}-hint`}>
        <legend className="r-legend">
          <h2 id={`${id}-legend`} className="m-section__title">
            {t('wasUseful')}
          </h2>
        </legend>
        <p id={`${id}-hint`} className="r-hint">
          {t('starsHint')}
        </p>
        <div className={`m-stars m-stars--${chosen ?? 0}`}>
          {[1, 2, 3, 4, 5].map((stars) => (
            <div className="m-star" key={stars}>
              <input className="m-star__input" type="radio" id={`${id}-${stars}`} name={`${id}-stars`} value={stars} checked={chosen === stars} onChange={() => choose(stars)} />
              <label className="m-star__label" htmlFor={`${id}-${stars}`}>
                <svg className="m-star__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
                </svg>
                <span className="m-star__number" aria-hidden="true">
                  {stars}
                </span>
                <span className="r-visually-hidden">{t.plural('stars', stars)}</span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <p className="m-status" role="status" data-testid="rating-status">
        {statusText}
      </p>
      {status.kind === 'failed' && (
        <div className="r-alert" role="alert">
          <p>
            {t('ratingNotSaved')} {status.message}
          </p>
          <button type="button" className="r-button r-button--secondary" onClick={() => void send(status.stars)}>
            {t('tryAgain')}
          </button>
        </div>
      )}
    </section>
  );
}
