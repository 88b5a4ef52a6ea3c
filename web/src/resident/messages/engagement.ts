/**
 * What a message page keeps on the phone, in localStorage (never cookies): a random device id
 * (only for shared links, which carry no recipient token), the rating given, the message itself
 * for reading offline, and ratings, replies and shares still waiting for a connection.
 *
 * Sending is safe to repeat: a rating replaces the rater's earlier one, and replies and shares
 * carry their own id, so a retry after a lost answer never counts twice.
 */
import type { PublicMessage, ShareChannel } from '@wardpulse/domain';
import { ApiError } from '../../shared/api.ts';
import { readStored as read, storedKeys, writeStored as write } from '../../shared/storage.ts';
import { publicApi, type Rater } from './client.ts';
import { randomUuid, recipientTokenFromQuery } from './helpers.ts';

/** This device's random id, created the first time someone rates, replies or shares from a shared link. */
export function deviceId(): string {
  const existing = read<string>('device-id');
  if (existing) return existing;
  const created = randomUuid();
  write('device-id', created);
  return created;
}

/**
 * The e-mail link's recipient token, kept for this tab only (sessionStorage) once it has been
 * taken out of the address bar, so a resident who copies the address does not pass on a link
 * that rates as them.
 */
export function keepRecipientToken(messageId: string, search: string): string | undefined {
  const key = `wardpulse:recipient:${messageId}`;
  const fromLink = recipientTokenFromQuery(search);
  try {
    if (fromLink) window.sessionStorage.setItem(key, fromLink);
    return fromLink ?? window.sessionStorage.getItem(key) ?? undefined;
  } catch {
    return fromLink;
  }
}

/** The rater for this page: the e-mail link's token when there is one, else this device. */
export function raterFor(recipientToken: string | undefined): Rater {
  return recipientToken ? { recipientToken } : { deviceId: deviceId() };
}

export const savedRating = (messageId: string) => read<number>(`rating:${messageId}`) ?? undefined;
export const rememberRating = (messageId: string, stars: number) => write(`rating:${messageId}`, stars);

export const cachedMessage = (id: string) => read<PublicMessage>(`message:${id}`);
export const cacheMessage = (message: PublicMessage) => write(`message:${message.id}`, message);

export type Engagement =
  | { kind: 'rating'; messageId: string; stars: number; rater: Rater }
  | { kind: 'reply'; messageId: string; reply: { id: string; text: string }; rater: Rater }
  | { kind: 'share'; messageId: string; share: { id: string; channel: ShareChannel }; rater: Rater };

/** One queue slot per rating (a newer one replaces it), per reply and per share. */
export function engagementKey(item: Engagement): string {
  if (item.kind === 'rating') return `engagement:rating:${item.messageId}`;
  return `engagement:${item.kind}:${item.messageId}:${item.kind === 'reply' ? item.reply.id : item.share.id}`;
}

export const SENT_EVENT = 'wardpulse:engagement-sent';

/** Errors worth retrying later: no connection, the server busy or failing. */
export const isRetryable = (error: unknown) => error instanceof ApiError && (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500);

function post(item: Engagement): Promise<unknown> {
  if (item.kind === 'rating') return publicApi.rate(item.messageId, item.stars, item.rater);
  if (item.kind === 'reply') return publicApi.reply(item.messageId, item.reply, item.rater);
  return publicApi.share(item.messageId, item.share, item.rater);
}

const inFlight = new Map<string, Promise<'sent' | 'queued'>>();

/**
 * Sends one rating, reply or share. It is written to the phone first, so a lost connection
 * leaves it queued ('queued') to go when the phone is back online; a refusal (4xx) is thrown.
 */
export function sendEngagement(item: Engagement): Promise<'sent' | 'queued'> {
  const key = engagementKey(item);
  write(key, item);
  const previous = inFlight.get(key) ?? Promise.resolve('queued' as const);
  const attempt = previous
    .catch(() => 'queued' as const)
    .then(async () => {
      const current = read<Engagement>(key);
      if (!current) return 'sent' as const;
      try {
        await post(current);
      } catch (error) {
        if (isRetryable(error)) {
          retryLater();
          return 'queued' as const;
        }
        if (JSON.stringify(read<Engagement>(key)) === JSON.stringify(current)) write(key, null);
        throw error;
      }
      // A newer rating may have replaced this one while it was on its way: that one still has to go.
      if (JSON.stringify(read<Engagement>(key)) === JSON.stringify(current)) write(key, null);
      window.dispatchEvent(new CustomEvent<Engagement>(SENT_EVENT, { detail: current }));
      return 'sent' as const;
    });
  inFlight.set(key, attempt);
  void attempt.finally(() => {
    if (inFlight.get(key) === attempt) inFlight.delete(key);
  }).catch(() => undefined);
  return attempt;
}

const RETRY_MS = 20_000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** The server was busy or the connection dropped: try the queue again in a while (and on `online`). */
function retryLater() {
  if (retryTimer !== undefined || !navigator.onLine) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    flushEngagement();
  }, RETRY_MS);
}

/** Tries everything still queued on this phone. */
export function flushEngagement(): void {
  for (const key of storedKeys('engagement:')) {
    const item = read<Engagement>(key);
    if (item) sendEngagement(item).catch(() => undefined);
  }
}

export const pendingEngagement = (item: Engagement) => read<Engagement>(engagementKey(item)) !== null;

let started = false;

/** Sends what is queued now, and again whenever the phone comes back online. */
export function startEngagementQueue(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', flushEngagement);
  flushEngagement();
}
