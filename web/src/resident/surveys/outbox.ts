import type { ResponseSubmission } from '@wardpulse/domain';
import { api } from '../../shared/api.ts';
import { loadProgress, loadSubmission, pendingIds, saveProgress, saveSubmission, type SubmissionRecord } from '../storage.ts';

/**
 * The outbox: a submission is written to the phone *before* the first attempt to send it, and
 * stays there until the server has answered 201 (stored) or 200 (already stored — the same id
 * and body, i.e. an earlier attempt got through). Offline, network errors, 5xx and 429 keep it
 * queued and retry with exponential back-off and jitter, honouring `Retry-After`, and at once
 * when the phone comes back online. Only failures while the phone says it is online ("busy")
 * lengthen the back-off: time spent offline does not, so the first retries after coming back are
 * seconds apart even after an hour without signal. A request that hangs (a poor connection) is
 * abandoned after REQUEST_TIMEOUT_MS and retried like any other failure. 409 and 422 are final: the resident sees the message.
 * The server is idempotent by response id, so a duplicate attempt (two tabs, a manual retry
 * racing the automatic one) can never count twice.
 */

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/** While the phone is offline: look again this often, in case the `online` event never comes. */
const OFFLINE_RECHECK_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** Exponential back-off with "equal jitter": between half and all of the doubled delay. */
interface RejectionBody {
  error?: { code?: unknown; message?: string; issues?: { path: (string | number)[]; message: string }[] };
}

/** Statuses with which WardPulse refuses this very submission (bad answers, a closed survey, an id used for other answers). */
const REFUSALS = new Set([400, 404, 409, 410, 413, 415, 422]);

/**
 * Whether an answer means "this submission will never be accepted": one of WardPulse's refusals,
 * with its JSON error body. Anything else — busy or down (429, 5xx), a timeout, or a page from
 * something in between (a captive portal, a proxy, a firewall's 403) — keeps the answers queued.
 */
export function isDefiniteRejection(status: number, body: unknown): boolean {
  const code = (body as RejectionBody | null)?.error?.code;
  return REFUSALS.has(status) && typeof code === 'string' && code.length > 0;
}

export function backoffDelay(attempts: number, retryAfterSeconds?: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempts, 20));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

type Pending = Extract<SubmissionRecord, { state: 'pending' }>;

/** The record after a failed attempt: when to try again, and why it is still waiting. */
export function afterFailure(record: Pending, reason: 'offline' | 'busy', now: number, retryAfterSeconds?: number, random = Math.random): Pending {
  const busyAttempts = record.busyAttempts ?? 0;
  if (reason === 'offline') return { ...record, attempts: record.attempts + 1, reason, nextAttemptAt: now + OFFLINE_RECHECK_MS };
  return { ...record, attempts: record.attempts + 1, busyAttempts: busyAttempts + 1, reason, nextAttemptAt: now + backoffDelay(busyAttempts, retryAfterSeconds, random) };
}

const inFlight = new Map<string, Promise<void>>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Queues a finished response and tries to send it straight away. */
export function enqueue(submission: ResponseSubmission, slug: string): Promise<void> {
  saveSubmission(submission.id, { state: 'pending', submission, slug, queuedAt: new Date().toISOString(), attempts: 0, nextAttemptAt: Date.now(), reason: navigator.onLine ? 'busy' : 'offline' });
  return send(submission.id);
}

/** One attempt to send one queued response (shared if one is already under way). */
export function send(id: string): Promise<void> {
  const running = inFlight.get(id);
  if (running) return running;
  const attempt = attemptSend(id).finally(() => {
    inFlight.delete(id);
    schedule();
  });
  inFlight.set(id, attempt);
  return attempt;
}

/** Tries every queued response now (on start, on `online`, on "Try sending now"). */
export function sendAll(): Promise<void> {
  return Promise.all(pendingIds().map((id) => send(id))).then(() => undefined);
}

async function attemptSend(id: string): Promise<void> {
  const record = loadSubmission(id);
  if (record?.state !== 'pending') return;
  const { submission, slug } = record;
  const requeue = (reason: 'offline' | 'busy', retryAfterSeconds?: number) => {
    const latest = loadSubmission(id);
    if (latest?.state !== 'pending') return;
    saveSubmission(id, afterFailure(latest, reason, Date.now(), retryAfterSeconds));
  };
  const done = (next: SubmissionRecord) => saveSubmission(id, next);

  let response: Awaited<ReturnType<typeof api.api.public.responses.$post>>;
  try {
    response = await api.api.public.responses.$post({ json: submission }, { init: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } });
  } catch {
    requeue(navigator.onLine ? 'busy' : 'offline');
    return;
  }
  if (response.status === 200 || response.status === 201) {
    const receipt = await response.json().catch(() => null);
    done({ state: 'sent', surveyId: submission.surveyId, version: submission.version, slug, receivedAt: receipt?.receivedAt ?? new Date().toISOString(), sentAt: new Date().toISOString() });
    forgetAnswers(submission.surveyId, submission.version, id);
    return;
  }
  const status: number = response.status;
  const body = (await response.json().catch(() => null)) as RejectionBody | null;
  if (!isDefiniteRejection(status, body)) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    requeue('busy', Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    return;
  }
  done({
    state: 'rejected',
    surveyId: submission.surveyId,
    version: submission.version,
    slug,
    status: response.status,
    message: body?.error?.message ?? `The server answered ${response.status}.`,
    issues: body?.error?.issues ?? [],
  });
}

/** Sets one timer for the earliest queued retry. */
function schedule() {
  clearTimeout(timer);
  const due = pendingIds()
    .filter((id) => !inFlight.has(id))
    .map((id) => {
      const record = loadSubmission(id);
      return record?.state === 'pending' ? record.nextAttemptAt : Infinity;
    });
  const next = Math.min(...due);
  if (!Number.isFinite(next)) return;
  timer = setTimeout(() => {
    const now = Date.now();
    for (const id of pendingIds()) {
      const record = loadSubmission(id);
      if (record?.state === 'pending' && record.nextAttemptAt <= now) void send(id);
    }
    schedule();
  }, Math.max(0, next - Date.now()));
}

let started = false;

/** Starts sending whatever is queued, and keeps doing so whenever the phone comes back online. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void sendAll());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sendAll();
  });
  void sendAll();
}

/**
 * Once the server has the response, the phone keeps none of it: the answers and any free text
 * leave the progress record (the reference and "sent" stay, for the thank-you page). A shared or
 * borrowed phone then shows nothing of what was said.
 */
function forgetAnswers(surveyId: string, version: number, responseId: string): void {
  const progress = loadProgress(surveyId, version);
  if (progress?.responseId === responseId) saveProgress(surveyId, version, { ...progress, answers: {}, wardLabels: {} });
}
