/**
 * Signed links in e-mails: HS256 JWTs (jose) with a purpose claim and an expiry, signed with the
 * link secret (Secrets Manager in AWS, a generated file locally). A token made for one purpose is
 * refused for every other, so an unsubscribe link can never be used to manage or confirm.
 * Claim names are short because tokens ride in URLs and `RaterSchema` caps their length.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { TopicSchema, type Topic } from '@wardpulse/domain';
import { z } from 'zod';
import type { RecipientClaim } from './contracts.ts';

export type LinkSecret = Uint8Array | string;

export type ContactTokenPurpose = 'confirm' | 'unsubscribe' | 'manage';

/** How long each kind of link works. Unsubscribe and message links must outlive an inbox's memory. */
export const TOKEN_LIFETIME = { confirm: '7d', manage: '30d', unsubscribe: '400d', recipient: '400d' } as const;

const PURPOSE_CODE = { confirm: 'c', unsubscribe: 'u', manage: 'm', recipient: 'r' } as const;

const key = (secret: LinkSecret) => (typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

const sign = (secret: LinkSecret, claims: Record<string, unknown>, lifetime: string) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(lifetime).sign(key(secret));

export type VerifyOutcome<T> = { ok: true; claims: T } | { ok: false; reason: 'expired' | 'invalid' };

async function verify<T>(secret: LinkSecret, token: string, purpose: keyof typeof PURPOSE_CODE, schema: z.ZodType<T>): Promise<VerifyOutcome<T>> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], requiredClaims: ['exp'] });
    if (payload.p !== PURPOSE_CODE[purpose]) return { ok: false, reason: 'invalid' };
    const parsed = schema.safeParse(payload);
    return parsed.success ? { ok: true, claims: parsed.data } : { ok: false, reason: 'invalid' };
  } catch (error) {
    return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/**
 * The recipient claim travels as one `s` claim, `<messageId>.<wardCode>.<rater>`, rather than three:
 * with a UUID message id the whole token stays under the 200 characters `RaterSchema` accepts.
 */
const RecipientPayloadSchema = z.object({ s: z.string().regex(/^.+\.[^.]+\.[\w-]+$/) });

/**
 * The `r` of `/m/<id>?r=<token>`: proves a message went to a resident of a ward, under a
 * per-message pseudonym, without naming them.
 *
 * @example
 * const r = await signRecipientToken(secret, { messageId, wardCode: 'E05001278', rater: delivery.rater });
 * const claim = await verifyRecipientToken(secret, r); // → { messageId, wardCode, rater } or null
 */
export async function signRecipientToken(secret: LinkSecret, claim: RecipientClaim): Promise<string> {
  if (claim.wardCode.includes('.') || !/^[\w-]+$/.test(claim.rater)) throw new Error('ward codes cannot hold "." and raters must be base64url');
  return sign(secret, { p: PURPOSE_CODE.recipient, s: `${claim.messageId}.${claim.wardCode}.${claim.rater}` }, TOKEN_LIFETIME.recipient);
}

/** The claim of a valid, unexpired recipient token; null for anything else (forged, expired, another purpose). */
export async function verifyRecipientToken(secret: LinkSecret, token: string): Promise<RecipientClaim | null> {
  const outcome = await verify(secret, token, 'recipient', RecipientPayloadSchema);
  if (!outcome.ok) return null;
  const { s } = outcome.claims;
  const raterAt = s.lastIndexOf('.');
  const wardAt = s.lastIndexOf('.', raterAt - 1);
  return { messageId: s.slice(0, wardAt), wardCode: s.slice(wardAt + 1, raterAt), rater: s.slice(raterAt + 1) };
}

/** What a confirmation link carries: the choices to apply and the contact revision it was issued at. */
export interface ConfirmClaim {
  contactId: string;
  revision: number;
  wardCodes: string[];
  topics: Topic[];
}

export async function signConfirmToken(secret: LinkSecret, claim: ConfirmClaim): Promise<string> {
  return sign(secret, { p: PURPOSE_CODE.confirm, sub: claim.contactId, v: claim.revision, w: claim.wardCodes, t: claim.topics }, TOKEN_LIFETIME.confirm);
}

const ConfirmPayloadSchema = z.object({ sub: z.string().min(1), v: z.number().int().min(1), w: z.array(z.string()).min(1), t: z.array(TopicSchema).min(1) });

export async function verifyConfirmToken(secret: LinkSecret, token: string): Promise<VerifyOutcome<ConfirmClaim>> {
  const outcome = await verify(secret, token, 'confirm', ConfirmPayloadSchema);
  return outcome.ok ? { ok: true, claims: { contactId: outcome.claims.sub, revision: outcome.claims.v, wardCodes: outcome.claims.w, topics: outcome.claims.t } } : outcome;
}

/** Unsubscribe (one click, RFC 8058) and manage ("change my areas", "delete my data") links. */
export async function signContactToken(secret: LinkSecret, purpose: 'unsubscribe' | 'manage', contactId: string): Promise<string> {
  return sign(secret, { p: PURPOSE_CODE[purpose], sub: contactId }, TOKEN_LIFETIME[purpose]);
}

const ContactPayloadSchema = z.object({ sub: z.string().min(1) });

export async function verifyContactToken(secret: LinkSecret, token: string, purpose: 'unsubscribe' | 'manage'): Promise<VerifyOutcome<{ contactId: string }>> {
  const outcome = await verify(secret, token, purpose, ContactPayloadSchema);
  return outcome.ok ? { ok: true, claims: { contactId: outcome.claims.sub } } : outcome;
}
