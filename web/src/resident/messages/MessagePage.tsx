import type { PublicMessage } from '@wardpulse/domain';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { publicApi } from './client.ts';
import { cachedMessage, cacheMessage, keepRecipientToken, raterFor, startEngagementQueue } from './engagement.ts';
import { paragraphs, ratingFromQuery, sentDate, withoutParams } from './helpers.ts';
import { keepMessagePageOffline } from './offline.ts';
import { RatingForm } from './RatingForm.tsx';
import { ReplyForm } from './ReplyForm.tsx';
import { SharePanel } from './SharePanel.tsx';
import { langTag } from '../strings/i18n.ts';
import { useT } from '../strings/messages.ts';

type Load = { state: 'loading' } | { state: 'ready'; message: PublicMessage; offline: boolean } | { state: 'failed'; status: number; message: string };

/** Views are counted once per page load, even if React runs the effect twice. */
const viewed = new Set<string>();
/** The e-mail's star link (`?rate=4`) is applied once, then dropped from the address. */
const ratedFromLink = new Set<string>();

/** The three parts, under the headings residents learn to expect. */
const PART_HEADINGS = { concern: 'partConcern', action: 'partAction', advice: 'partAdvice' } as const;

/** A community message as a resident reads it on a phone, with rating, reply and sharing. */
export function MessagePage({ id, search }: { id: string; search: string }) {
  const [load, setLoad] = useState<Load>(() => {
    const cached = cachedMessage(id);
    // A saved copy shows at once; it is called a saved copy only when the phone is offline or the
    // fetch fails, not while the fetch is under way (the note would come and go, moving the page).
    return cached ? { state: 'ready', message: cached, offline: !navigator.onLine } : { state: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);
  const [linkRating] = useState(() => (ratedFromLink.has(id) ? undefined : ratingFromQuery(search)));
  const [recipientToken] = useState(() => keepRecipientToken(id, search));
  // The device id is made only when someone rates, replies or shares, not by reading.
  const rater = useCallback(() => raterFor(recipientToken), [recipientToken]);
  const t = useT();

  useEffect(() => {
    startEngagementQueue();
  }, []);

  useEffect(() => {
    let live = true;
    publicApi
      .message(id)
      .then((message) => {
        if (!live) return;
        cacheMessage(message);
        setLoad({ state: 'ready', message, offline: false });
        void keepMessagePageOffline();
        if (!viewed.has(id)) {
          viewed.add(id);
          publicApi.view(id, recipientToken ? { recipientToken } : {}).catch(() => undefined);
        }
      })
      .catch((error: unknown) => {
        if (!live) return;
        const status = error instanceof ApiError ? error.status : 0;
        setLoad((current) =>
          current.state === 'ready' && status === 0 ? { ...current, offline: true } : { state: 'failed', status, message: error instanceof Error ? error.message : '' },
        );
      });
    return () => {
      live = false;
    };
  }, [id, recipientToken, attempt]);

  useEffect(() => {
    if (linkRating !== undefined) ratedFromLink.add(id);
    // A reload must not send the e-mail's rating again over one the resident has since changed, and
    // the address a resident copies must not carry the token that rates as them (this tab keeps it).
    const rest = withoutParams(window.location.search, 'rate', 'r');
    if (rest !== window.location.search || window.location.hash) window.history.replaceState(null, '', `${window.location.pathname}${rest}`);
  }, [id, linkRating]);

  const title = load.state === 'ready' ? load.message.title : null;
  useEffect(() => {
    if (title) document.title = `${title} — WardPulse`;
  }, [title]);

  if (load.state === 'loading') return <p role="status">{t('loadingMessage')}</p>;
  if (load.state === 'failed') {
    if (load.status === 404) {
      return (
        <>
          <h1>{t('messageNotFound')}</h1>
          <p>
            {load.message || t('noMessageHere')} {t('checkLinkComplete')}
          </p>
          <p>
            <a href="/signup">{t('signupForMessages')}</a>
          </p>
        </>
      );
    }
    return (
      <div className="r-alert" role="alert">
        <h1>{t('couldNotLoadMessage')}</h1>
        <p>{load.status === 0 ? t('offlineNoCopy') : load.message}</p>
        <button type="button" className="r-button r-button--secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }

  const { message } = load;
  const date = sentDate(message.sentAt, langTag(t.locale));
  return (
    <>
      {load.offline && (
        <p className="r-notice m-offline" role="status">
          {t('readingSaved')}
        </p>
      )}
      <article className="m-message" aria-labelledby="message-title">
        <p className="m-from">
          <bdi lang="en-GB">{message.forceName}</bdi>
          {date && (
            <>
              {' · '}
              <time dateTime={message.sentAt ?? undefined}>{date}</time>
            </>
          )}
        </p>
        {/* Officers write messages in English: the words keep their language whatever the page's. */}
        <h1 id="message-title" lang="en-GB" dir="ltr">
          {message.title}
        </h1>
        {message.image && <img className="m-image" src={message.image.url} alt={message.image.alt} lang="en-GB" />}
        {(['concern', 'action', 'advice'] as const).map((part) =>
          message[part].trim() ? (
            <section key={part} className="m-part" aria-labelledby={`part-${part}`}>
              <h2 id={`part-${part}`}>{t(PART_HEADINGS[part])}</h2>
              {paragraphs(message[part]).map((text, index) => (
                <p key={index} className="r-pre-wrap" lang="en-GB" dir="ltr">
                  {text}
                </p>
              ))}
            </section>
          ) : null,
        )}
        {message.link && (
          <p className="m-link" lang="en-GB" dir="ltr">
            <a href={message.link.url} rel="noopener noreferrer">
              {message.link.label}
            </a>
          </p>
        )}
      </article>
      <RatingForm messageId={message.id} rater={rater} linkRating={linkRating} />
      <ReplyForm messageId={message.id} rater={rater} forceName={message.forceName} />
      <SharePanel messageId={message.id} title={message.title} rater={rater} />
    </>
  );
}
