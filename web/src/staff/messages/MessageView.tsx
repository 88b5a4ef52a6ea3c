import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { Link } from '../../shared/navigation.tsx';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';
import { useMessagesApi, type KpiDetail, type MessageDetail, type StaffReply } from './client.ts';
import { justCreated, Composer } from './Composer.tsx';
import { progressText } from './draft.ts';
import { formatDate, formatDateTime } from '../shared/dates.ts';
import { scoreText, statusLine } from './format.ts';
import { KpiCards, KpiCounts, KpiTable } from './KpiBlocks.tsx';
import { targetingSummary } from './TargetingPicker.tsx';

const PROGRESS_POLL_MS = 1500;

/** A message: the composer while it is a draft or scheduled; once it is going out, its progress, KPIs and replies. */
export function MessageView({ id, canEdit, forceName }: { id: string; canEdit: boolean; forceName: string }) {
  const messagesApi = useMessagesApi();
  const [detail, setDetail] = useState<MessageDetail | null>(() => justCreated(id));
  const created = useRef(detail !== null);
  const [problem, setProblem] = useState<{ status: number; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await messagesApi.get(id));
      setProblem(null);
    } catch (error) {
      setProblem({ status: error instanceof ApiError ? error.status : 0, text: errorText(error, 'Could not load the message.') });
    }
  }, [id, messagesApi]);
  useEffect(() => {
    // Loaded once (unless the first save just handed it over); the composer and report keep it current.
    if (!created.current) void load();
  }, [load]);

  if (problem) {
    return (
      <>
        <BackLink />
        <div className="s-alert" role="alert">
          <h1>{problem.status === 404 ? 'Message not found' : 'The message could not be opened'}</h1>
          <p>{problem.text}</p>
          {problem.status !== 404 && (
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          )}
        </div>
      </>
    );
  }
  if (!detail) {
    return (
      <>
        <BackLink />
        <p role="status">Loading the message…</p>
      </>
    );
  }
  const { status } = detail.message;
  if (status === 'draft' || status === 'scheduled') return <Composer initial={detail} canEdit={canEdit} forceName={forceName} onChanged={setDetail} />;
  return <MessageReport detail={detail} canEdit={canEdit} onProgress={setDetail} />;
}

function BackLink() {
  return (
    <p className="sv-back">
      <Link to="/staff/messages">Back to messages</Link>
    </p>
  );
}

/** A sent (or sending) message: send progress, what it said, its KPIs by ward, and residents' replies. */
function MessageReport({ detail, canEdit, onProgress }: { detail: MessageDetail; canEdit: boolean; onProgress: (detail: MessageDetail) => void }) {
  const messagesApi = useMessagesApi();
  const { message } = detail;
  const [kpis, setKpis] = useState<KpiDetail | null>(null);
  const [kpiProblem, setKpiProblem] = useState<string | null>(null);
  const [replies, setReplies] = useState<StaffReply[] | null>(null);
  const [replyProblem, setReplyProblem] = useState<string | null>(null);
  useDocumentTitle(`${message.title} — Messages`);

  // While the send job runs, follow its progress.
  useEffect(() => {
    if (message.status !== 'sending') return;
    let live = true;
    const timer = setTimeout(() => {
      messagesApi
        .get(message.id)
        .then((next) => live && onProgress(next))
        .catch(() => live && onProgress({ ...detail }));
    }, PROGRESS_POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [detail, message.id, message.status, messagesApi, onProgress]);

  const loadFigures = useCallback(async () => {
    try {
      setKpis(await messagesApi.kpis(message.id));
      setKpiProblem(null);
    } catch (error) {
      setKpiProblem(errorText(error, 'Could not load the figures.'));
    }
    try {
      setReplies((await messagesApi.replies(message.id)).replies);
      setReplyProblem(null);
    } catch (error) {
      setReplyProblem(errorText(error, 'Could not load the replies.'));
    }
  }, [message.id, messagesApi]);
  useEffect(() => {
    void loadFigures();
  }, [loadFigures, message.status]);

  const markDone = async (reply: StaffReply, done: boolean) => {
    try {
      const next = await messagesApi.setFollowUp(message.id, reply.id, done);
      setReplies((current) => current?.map((r) => (r.id === next.id ? next : r)) ?? null);
    } catch (error) {
      setReplyProblem(errorText(error, 'Could not update the reply.'));
    }
  };

  const progress = message.progress;
  const threshold = kpis?.disclosure.threshold ?? 10;
  return (
    <div className="ms-report">
      <BackLink />
      <h1>{message.title}</h1>
      <dl className="sv-meta">
        <div>
          <dt>Status</dt>
          <dd data-testid="message-status">{statusLine(message)}</dd>
        </div>
        <div>
          <dt>Sent to</dt>
          <dd>{targetingSummary(message.targeting)}</dd>
        </div>
        <div>
          <dt>Readability</dt>
          <dd>{scoreText(message.readability.score)} out of 10</dd>
        </div>
        <div>
          <dt>Page for residents</dt>
          <dd>
            <a href={`/m/${message.id}`} className="sv-public-link">
              /m/{message.id}
            </a>
          </dd>
        </div>
      </dl>

      {progress && (
        <div className="ms-progress" data-testid="send-progress">
          <label htmlFor="send-progress">{message.status === 'sending' ? 'Sending' : 'Send finished'}</label>
          <progress id="send-progress" max={Math.max(1, progress.audience)} value={progress.sent + progress.failed + progress.suppressed} />
          <p role="status">{progressText(progress)}</p>
        </div>
      )}
      {message.status === 'failed' && (
        <p className="s-alert" role="alert">
          Sending stopped before everyone got the message. {progress ? progressText(progress) : ''} Ask an administrator to check the delivery settings.
        </p>
      )}

      <details className="ms-sent-text">
        <summary>What the message said</summary>
        <h2 className="sv-small-heading">What’s happening</h2>
        <p className="ms-pre">{message.concern}</p>
        <h2 className="sv-small-heading">What we’re doing</h2>
        <p className="ms-pre">{message.action}</p>
        <h2 className="sv-small-heading">What you can do</h2>
        <p className="ms-pre">{message.advice}</p>
      </details>

      <section aria-labelledby="message-kpis">
        <h2 id="message-kpis">How residents responded</h2>
        {kpiProblem && (
          <div className="s-alert" role="alert">
            <p>{kpiProblem}</p>
            <button type="button" onClick={() => void loadFigures()}>
              Try again
            </button>
          </div>
        )}
        {!kpis && !kpiProblem && <p role="status">Loading the figures…</p>}
        {kpis && (
          <>
            <KpiCards kpis={kpis.totals} threshold={threshold} />
            <KpiCounts kpis={kpis.totals} />
            <button type="button" className="sv-button-secondary sv-button-small" onClick={() => void loadFigures()}>
              Refresh figures
            </button>
            <p className="s-hint">{kpis.disclosure.description}</p>
            {kpis.units.length > 0 ? <KpiTable units={kpis.units} threshold={threshold} caption="By ward" unitLabel="Ward" /> : <p className="s-muted">No figures by ward yet.</p>}
          </>
        )}
      </section>

      <section aria-labelledby="message-replies">
        <h2 id="message-replies">Replies{replies ? ` (${replies.length})` : ''}</h2>
        <p className="s-hint">Replies go to the team only; they are never published.</p>
        {replyProblem && <p className="s-alert">{replyProblem}</p>}
        {replies?.length === 0 && <p className="s-muted">No replies yet.</p>}
        {replies && replies.length > 0 && (
          <ol className="ms-replies" data-testid="replies">
            {replies.map((reply) => (
              <li key={reply.id} className={`ms-reply${reply.needsFollowUp && !reply.followUpDone ? ' ms-reply--flagged' : ''}`}>
                <blockquote className="ms-reply-text">{reply.text}</blockquote>
                <p className="ms-reply-meta">
                  <span className={`ms-sentiment ms-sentiment--${reply.sentiment.label}`}>
                    {reply.sentiment.label[0]!.toUpperCase() + reply.sentiment.label.slice(1)} ({reply.sentiment.score.toLocaleString('en-GB', { maximumFractionDigits: 2, signDisplay: 'exceptZero' })})
                  </span>
                  {' · '}
                  {formatDateTime(reply.receivedAt)}
                  {' · '}
                  {reply.fromRecipient ? `From a recipient (${reply.wardCode})` : 'From a shared link'}
                </p>
                {reply.needsFollowUp && (
                  <div className="ms-follow-up">
                    <p>
                      <strong>{reply.followUpDone ? 'Followed up' : 'Needs follow-up'}</strong>
                      {reply.followUpReasons.length > 0 && `: ${reply.followUpReasons.join('; ')}`}
                      {reply.followUpDone && reply.followUpDoneBy && ` — done by ${reply.followUpDoneBy}${reply.followUpDoneAt ? ` on ${formatDate(reply.followUpDoneAt)}` : ''}`}
                    </p>
                    {canEdit && (
                      <button type="button" className="sv-button-secondary sv-button-small" onClick={() => void markDone(reply, !reply.followUpDone)}>
                        {reply.followUpDone ? 'Mark as not done' : 'Mark follow-up done'}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
