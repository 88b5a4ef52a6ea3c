/**
 * The one retry policy of the data layer.
 *
 * Every call first goes through the SDK's own standard retry strategy (client.ts): throttling,
 * 5xx and network errors are retried there, per call, with the SDK's back-off. Two outcomes reach
 * us as answers rather than as errors the SDK retries, and only those are retried here, all with
 * the same jittered exponential back-off and the same limit:
 *
 * - a transaction cancelled because another transaction held one of its items at the same
 *   moment (cancellation reason `TransactionConflict`, typical on a busy ward's shared counter
 *   item) or because one of its items was throttled;
 * - items or keys a batch call left unprocessed.
 */
export const RETRY_POLICY = { attempts: 7, baseMs: 25, capMs: 2_000 } as const;

/** How long to wait before retry `attempt` (1, 2, …): "full jitter" over an exponential ceiling. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** attempt);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CONTENTION_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** Lost a race for an item, or was throttled after the SDK's own retries: worth another try. */
export function isContention(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  // A failed condition is a definite answer, never contention, even beside a conflict elsewhere.
  if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
  return reasons.some((reason) => reason.Code !== undefined && CONTENTION_REASONS.has(reason.Code));
}

/**
 * Runs `write`, retrying contention (see above) under the policy; any other error passes through
 * at once. When the attempts run out, throws `exhausted()` if given (e.g. a 503 the caller can
 * act on), else the last error.
 */
export async function retryContention<T>(write: () => Promise<T>, exhausted?: () => Error): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isContention(error)) throw error;
      if (attempt >= RETRY_POLICY.attempts) throw exhausted ? exhausted() : error;
      await sleep(backoffMs(attempt));
    }
  }
}

/**
 * Sends a batch and then what it left unprocessed until nothing is left, under the policy. `send`
 * returns the unprocessed part of what it was given.
 */
export async function drainUnprocessed<T>(requests: T[], send: (pending: T[]) => Promise<T[]>, what = 'items'): Promise<void> {
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > RETRY_POLICY.attempts) throw new Error(`DynamoDB kept ${pending.length} ${what} unprocessed after ${RETRY_POLICY.attempts} attempts`);
    if (attempt > 1) await sleep(backoffMs(attempt));
    pending = await send(pending);
  }
}

/** Error names DynamoDB (or the SDK) gives a request that may well succeed if sent again shortly. */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
]);
/** Socket errors of a table that cannot be reached (a restart, a network blip). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/**
 * Whether a storage call failed for a reason of the moment — throttled, conflicting, the table
 * out of reach — after every retry of the SDK and of `retryContention`: the API answers 503 with
 * Retry-After, and the resident outbox sends again, rather than a 500.
 */
export function isTransientStorageError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_NAMES.has(error.name) || isContention(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return (error as { $retryable?: unknown }).$retryable !== undefined;
}
