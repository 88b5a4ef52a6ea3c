import { randomBytes, randomUUID } from 'node:crypto';
import { RaterSchema } from '@wardpulse/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signConfirmToken, signContactToken, signRecipientToken, verifyConfirmToken, verifyContactToken, verifyRecipientToken } from './tokens.ts';

const secret = randomBytes(32);
const claim = { messageId: randomUUID(), wardCode: 'E05001278', rater: randomBytes(12).toString('base64url') };

afterEach(() => {
  vi.useRealTimers();
});

describe('recipient tokens', () => {
  it('round-trips the claim and fits the length RaterSchema accepts', async () => {
    const token = await signRecipientToken(secret, claim);

    expect(await verifyRecipientToken(secret, token)).toEqual(claim);
    expect(RaterSchema.safeParse({ recipientToken: token }).success).toBe(true);
  });

  it('refuses a token signed with another key, altered, expired, or made for another purpose', async () => {
    const token = await signRecipientToken(secret, claim);
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), s: `${claim.messageId}.E05009999.${claim.rater}` })).toString('base64url')}.${signature}`;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 401 * 86_400_000));
    const expired = await signRecipientToken(secret, claim);
    vi.useRealTimers();

    expect(await verifyRecipientToken(randomBytes(32), token)).toBeNull();
    expect(await verifyRecipientToken(secret, altered)).toBeNull();
    expect(await verifyRecipientToken(secret, expired)).toBeNull();
    expect(await verifyRecipientToken(secret, await signContactToken(secret, 'manage', randomUUID()))).toBeNull();
    expect(await verifyRecipientToken(secret, 'not-a-token')).toBeNull();
  });
});

describe('contact tokens', () => {
  it('tells an expired link from an invalid one, and never accepts one purpose for another', async () => {
    const contactId = randomUUID();
    const unsubscribe = await signContactToken(secret, 'unsubscribe', contactId);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 31 * 86_400_000));
    const oldManage = await signContactToken(secret, 'manage', contactId);
    vi.useRealTimers();

    expect(await verifyContactToken(secret, unsubscribe, 'unsubscribe')).toEqual({ ok: true, claims: { contactId } });
    expect(await verifyContactToken(secret, unsubscribe, 'manage')).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyContactToken(secret, oldManage, 'manage')).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyConfirmToken(secret, unsubscribe)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('carries the choices and revision a confirmation applies', async () => {
    const confirm = { contactId: randomUUID(), revision: 3, wardCodes: ['E05001278', 'E05001279'], topics: ['asb' as const, 'scams' as const] };

    expect(await verifyConfirmToken(secret, await signConfirmToken(secret, confirm))).toEqual({ ok: true, claims: confirm });
  });
});
