import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Rater } from './client.ts';
import { sendEngagement, SENT_EVENT, type Engagement } from './engagement.ts';
import { characterCount, randomUuid, REPLY_MAX_LENGTH } from './helpers.ts';
import { useT } from '../strings/messages.ts';

type Status = { kind: 'editing' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'queued' } | { kind: 'failed'; message: string };

/**
 * A reply to the team: free text, never published. The reply's id is made when the resident
 * starts writing and kept through retries, so a reply whose answer was lost is not stored twice.
 */
export function ReplyForm({ messageId, rater, forceName }: { messageId: string; rater: () => Rater; forceName: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [replyId, setReplyId] = useState(randomUuid);
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const done = useRef<HTMLParagraphElement>(null);

  const t = useT();
  const counted = characterCount(text, REPLY_MAX_LENGTH);
  const count = { over: counted.over, text: t.plural(counted.over ? 'charsOver' : 'charsLeft', counted.n) };
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    // Announce the count once typing pauses, as GOV.UK's character count does.
    const timer = setTimeout(() => setSpoken(text ? count.text : ''), 1000);
    return () => clearTimeout(timer);
  }, [count.text, text]);

  useEffect(() => {
    const onSent = (event: Event) => {
      const item = (event as CustomEvent<Engagement>).detail;
      if (item.kind === 'reply' && item.reply.id === replyId) setStatus((current) => (current.kind === 'queued' ? { kind: 'sent' } : current));
    };
    window.addEventListener(SENT_EVENT, onSent);
    return () => window.removeEventListener(SENT_EVENT, onSent);
  }, [replyId]);

  useEffect(() => {
    if (status.kind === 'sent' || status.kind === 'queued') done.current?.focus();
  }, [status.kind]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status.kind === 'sending') return;
    const trimmed = text.trim();
    const problem = trimmed === '' ? t('writeReplyFirst') : count.over ? t('replyTooLong', { max: REPLY_MAX_LENGTH }) : null;
    setError(problem);
    if (problem) {
      field.current?.focus();
      return;
    }
    setStatus({ kind: 'sending' });
    try {
      const result = await sendEngagement({ kind: 'reply', messageId, reply: { id: replyId, text: trimmed }, rater: rater() });
      setStatus({ kind: result === 'sent' ? 'sent' : 'queued' });
    } catch (failure) {
      setStatus({ kind: 'failed', message: failure instanceof Error ? failure.message : '' });
    }
  };

  const another = () => {
    setText('');
    setReplyId(randomUuid());
    setStatus({ kind: 'editing' });
    setTimeout(() => field.current?.focus());
  };

  if (status.kind === 'sent' || status.kind === 'queued') {
    return (
      <section className="m-section" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="m-section__title">
          {t('replyTitle')}
        </h2>
        <p className="m-done" ref={done} tabIndex={-1} data-testid="reply-status">
          {status.kind === 'sent' ? t('replySent') : t('replyQueued')}
        </p>
        <button type="button" className="r-link-button" onClick={another}>
          {t('writeAnother')}
        </button>
      </section>
    );
  }

  const describedBy = [`${id}-hint`, error ? `${id}-error` : '', `${id}-count`].filter(Boolean).join(' ');
  return (
    <section className="m-section" aria-labelledby={`${id}-title`}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
          <h2 className="r-label-wrapper m-section__title" id={`${id}-title`}>
            <label htmlFor={`${id}-text`}>{t('replyTitle')}</label>
          </h2>
          <p id={`${id}-hint`} className="r-hint">
            {t('replyHint', { force: forceName })}
          </p>
          {error && (
            <p id={`${id}-error`} className="r-error-message">
              <span className="r-visually-hidden">{t('errorPrefix')} </span>
              {error}
            </p>
          )}
          <textarea
            id={`${id}-text`}
            ref={field}
            className={`r-textarea${error ? ' r-input--error' : ''}`}
            rows={5}
            value={text}
            spellCheck
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => setText(event.target.value)}
          />
          <p id={`${id}-count`} className={count.over ? 'r-count r-count--over' : 'r-count'} aria-hidden="true">
            {count.text}
          </p>
          <p className="r-visually-hidden" aria-live="polite">
            {spoken === count.text ? spoken : ''}
          </p>
        </div>
        {status.kind === 'failed' && (
          <div className="r-alert" role="alert">
            <p>
              {t('replyNotSent')} {status.message}
            </p>
          </div>
        )}
        <button type="submit" className="r-button">
          {status.kind === 'sending' ? t('sending') : status.kind === 'failed' ? t('trySendingAgain') : t('sendReply')}
        </button>
      </form>
    </section>
  );
}
