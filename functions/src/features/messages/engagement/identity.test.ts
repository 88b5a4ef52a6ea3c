import { describe, expect, it } from 'vitest';
import { identifyEngager, viewerHash, type RecipientVerifier } from './identity.ts';

const verify: RecipientVerifier = async (token) => (token === 'good' ? { messageId: 'm1', wardCode: 'E05000001', rater: 'r-123' } : null);

describe('identifyEngager', () => {
  it('takes the recipient pseudonym and ward from a valid token for this message', async () => {
    expect(await identifyEngager(verify, 'm1', { recipientToken: 'good' })).toEqual({ rater: 'r-123', wardCode: 'E05000001', recipient: true });
  });

  it('falls back to the device when the token is for another message', async () => {
    expect(await identifyEngager(verify, 'm2', { recipientToken: 'good', deviceId: 'd1' })).toEqual({ rater: 'device#d1', wardCode: 'none', recipient: false });
  });

  it('refuses a bad token without a device id, naming the field', async () => {
    await expect(identifyEngager(verify, 'm1', { recipientToken: 'forged' })).rejects.toMatchObject({ code: 'message.invalid_recipient', issues: [{ path: ['json', 'recipientToken'] }] });
  });
});

describe('viewerHash', () => {
  it('is the same for the same viewer on the same day, and unlinkable across days and messages', () => {
    const today = viewerHash('secret', '2026-05-01', 'm1', 'client#203.0.113.9#Firefox');

    expect(viewerHash('secret', '2026-05-01', 'm1', 'client#203.0.113.9#Firefox')).toBe(today);
    expect(viewerHash('secret', '2026-05-02', 'm1', 'client#203.0.113.9#Firefox')).not.toBe(today);
    expect(viewerHash('secret', '2026-05-01', 'm2', 'client#203.0.113.9#Firefox')).not.toBe(today);
    expect(viewerHash('another', '2026-05-01', 'm1', 'client#203.0.113.9#Firefox')).not.toBe(today);
    expect(today).not.toContain('203.0.113.9');
  });
});
