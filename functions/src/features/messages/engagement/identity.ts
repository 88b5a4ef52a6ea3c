import { createHmac } from 'node:crypto';
import { ValidationError } from '@wardpulse/domain';
import type { RecipientClaim } from '../contracts.ts';

/** Checks a recipient token from an e-mail link (the sign-ups & delivery side's `verifyRecipientToken`, bound to its secret). */
export type RecipientVerifier = (token: string) => Promise<RecipientClaim | null>;

/** Who is rating, replying or sharing, as engagement data records it: a pseudonym and a ward. */
export interface Engager {
  /** The recipient link's per-message pseudonym, or `device#<id>` for a shared link. */
  rater: string;
  /** The recipient's ward; `none` for shared links. */
  wardCode: string;
  /** Whether a verified recipient link said who this is. */
  recipient: boolean;
}

export const NO_WARD = 'none';

/**
 * The rater behind a request: a valid recipient token for this message wins; otherwise the
 * device id. A token that is not valid for this message, with no device id to fall back on, is
 * refused naming `recipientToken` (nothing is counted).
 */
export async function identifyEngager(verify: RecipientVerifier, messageId: string, body: { recipientToken?: string | undefined; deviceId?: string | undefined }): Promise<Engager> {
  if (body.recipientToken) {
    const claim = await verify(body.recipientToken).catch(() => null);
    if (claim && claim.messageId === messageId) return { rater: claim.rater, wardCode: claim.wardCode, recipient: true };
    if (!body.deviceId) {
      throw new ValidationError('The link you used is not valid for this message; open the message from its e-mail again.', [{ path: ['json', 'recipientToken'], message: 'Not a valid recipient token for this message.', code: 'invalid_token' }], 'message.invalid_recipient');
    }
  }
  if (body.deviceId) return { rater: `device#${body.deviceId}`, wardCode: NO_WARD, recipient: false };
  throw new ValidationError('Send the recipient token from the e-mail link or a device id.', [{ path: ['json', 'deviceId'], message: 'Send the recipient token from the e-mail link or a device id.' }], 'message.no_rater');
}

/**
 * A viewer, counted once a day without cookies: HMAC of the message and what identifies the
 * viewer (the rater pseudonym, or the client address and user agent) under a salt that rotates
 * daily — `salt = HMAC(secret, day)` — so hashes of different days cannot be linked, and nobody
 * without the secret can test a guess. Only the hash is stored, and it expires after two days.
 */
export function viewerHash(secret: string | Uint8Array, day: string, messageId: string, basis: string): string {
  const salt = createHmac('sha256', secret).update(`wardpulse-view-salt#${day}`).digest();
  return createHmac('sha256', salt).update(`${messageId}|${basis}`).digest('base64url').slice(0, 32);
}
