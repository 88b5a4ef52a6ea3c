import type { RatingOutcome, Repositories, StoredReply } from '@wardpulse/data';
import { NotFoundError, type Message, type PublicMessage, type ShareChannel } from '@wardpulse/domain';
import { followUpReasons } from './follow-up.ts';
import { identifyEngager, NO_WARD, viewerHash, type RecipientVerifier } from './identity.ts';

/**
 * Residents' side of a message: reading it, and views, ratings, replies and shares — each counted
 * at most once however often a phone retries. No cookies and no personal data: see identity.ts.
 */

export interface EngagementDeps {
  repositories: Repositories;
  verifyRecipient: RecipientVerifier;
  /** Keys the daily view salt. */
  viewSecret: string | Uint8Array;
  now?: Date;
}

interface RaterBody {
  recipientToken?: string | undefined;
  deviceId?: string | undefined;
}

/** Messages residents can open: delivery has started (the e-mails carry the link) or finished. */
export const isPublic = (message: Message) => message.status === 'sending' || message.status === 'sent';

const VIEW_TTL_SECONDS = 2 * 86_400;

async function publicOnly(repositories: Repositories, id: string): Promise<Message> {
  const message = await repositories.messages.get(id);
  if (!message || !isPublic(message)) throw new NotFoundError('There is no message at this link. It may not have been sent yet.', 'message.not_found');
  return message;
}

/** What `/m/<id>` shows: the message without staff-only fields. */
export async function publicMessage(repositories: Repositories, id: string): Promise<PublicMessage> {
  const [message, settings] = await Promise.all([publicOnly(repositories, id), repositories.settings.get()]);
  return {
    id: message.id,
    title: message.title,
    concern: message.concern,
    action: message.action,
    advice: message.advice,
    ...(message.link ? { link: message.link } : {}),
    ...(message.image ? { image: message.image } : {}),
    sentAt: message.sentAt ?? null,
    forceName: settings.forceName,
  };
}

/**
 * Counts a view once per viewer and day. The viewer is the recipient pseudonym (from a valid
 * token), else the device id, else the client address with the user agent — hashed, see
 * `viewerHash`. An invalid token is not an error here: the page still opens and counts by address.
 */
export async function recordView(deps: EngagementDeps, messageId: string, body: RaterBody, client: { address: string; userAgent: string }): Promise<{ counted: boolean }> {
  await publicOnly(deps.repositories, messageId);
  const now = deps.now ?? new Date();
  let basis = `client#${client.address}#${client.userAgent}`;
  let wardCode = NO_WARD;
  if (body.recipientToken) {
    const claim = await deps.verifyRecipient(body.recipientToken).catch(() => null);
    if (claim && claim.messageId === messageId) {
      basis = `rater#${claim.rater}`;
      wardCode = claim.wardCode;
    }
  }
  if (basis.startsWith('client#') && body.deviceId) basis = `device#${body.deviceId}`;
  const day = now.toISOString().slice(0, 10);
  const counted = await deps.repositories.messageEngagement.recordView({
    messageId,
    wardCode,
    day,
    viewer: viewerHash(deps.viewSecret, day, messageId, basis),
    expiresAt: Math.floor(now.getTime() / 1000) + VIEW_TTL_SECONDS,
  });
  return { counted };
}

/** A rating: one per rater, changeable; a change moves the count between star buckets. */
export async function rateMessage(deps: EngagementDeps, messageId: string, body: RaterBody & { stars: number }): Promise<RatingOutcome> {
  await publicOnly(deps.repositories, messageId);
  const engager = await identifyEngager(deps.verifyRecipient, messageId, body);
  return deps.repositories.messageEngagement.rate({ messageId, rater: engager.rater, wardCode: engager.wardCode, stars: body.stars, at: (deps.now ?? new Date()).toISOString() });
}

export interface ReplyReceipt {
  id: string;
  receivedAt: string;
  replayed: boolean;
}

/**
 * A reply, stored once per device-generated id with its sentiment and follow-up flag. The text is
 * for staff only: it is never returned by a public route, not even to its author.
 */
export async function replyToMessage(deps: EngagementDeps, messageId: string, body: RaterBody & { id: string; text: string }): Promise<ReplyReceipt> {
  await publicOnly(deps.repositories, messageId);
  const engager = await identifyEngager(deps.verifyRecipient, messageId, body);
  const now = deps.now ?? new Date();
  // The lexicon loads with the first reply, not at the residents' function's cold start.
  const { scoreSentiment } = await import('@wardpulse/analytics/sentiment');
  const sentiment = scoreSentiment(body.text);
  const reasons = followUpReasons(body.text, sentiment);
  const reply: StoredReply = {
    id: body.id,
    messageId,
    rater: engager.rater,
    wardCode: engager.wardCode,
    text: body.text,
    sentiment,
    needsFollowUp: reasons.length > 0,
    followUpReasons: reasons,
    receivedAt: now.toISOString(),
  };
  const { retentionDays } = await deps.repositories.settings.get();
  const { reply: stored, replayed } = await deps.repositories.messageEngagement.reply(reply, Math.floor(now.getTime() / 1000) + retentionDays * 86_400);
  return { id: stored.id, receivedAt: stored.receivedAt, replayed };
}

/** A share by channel, counted once per device-generated id. */
export async function shareMessage(deps: EngagementDeps, messageId: string, body: RaterBody & { id: string; channel: ShareChannel }): Promise<{ id: string; replayed: boolean }> {
  await publicOnly(deps.repositories, messageId);
  const engager = await identifyEngager(deps.verifyRecipient, messageId, body);
  const { replayed } = await deps.repositories.messageEngagement.share({
    id: body.id,
    messageId,
    rater: engager.rater,
    wardCode: engager.wardCode,
    channel: body.channel,
    sharedAt: (deps.now ?? new Date()).toISOString(),
  });
  return { id: body.id, replayed };
}
