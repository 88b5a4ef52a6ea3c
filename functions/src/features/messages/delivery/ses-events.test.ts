import { describe, expect, it } from 'vitest';
import { suppressionsFromSesEvent } from './ses-events.ts';

describe('suppressionsFromSesEvent', () => {
  it('suppresses every recipient of a permanent bounce and of a complaint', () => {
    const bounce = { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: '"Ann" <Ann@Example.org>' }, { emailAddress: 'bob@example.org' }] }, mail: { messageId: 'x' } };
    const complaint = { notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'cat@example.org' }] } };

    expect(suppressionsFromSesEvent(bounce)).toEqual([
      { email: 'ann@example.org', reason: 'bounce' },
      { email: 'bob@example.org', reason: 'bounce' },
    ]);
    expect(suppressionsFromSesEvent(complaint)).toEqual([{ email: 'cat@example.org', reason: 'complaint' }]);
  });

  it('leaves transient bounces, deliveries and anything unrecognised alone', () => {
    expect(suppressionsFromSesEvent({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'full@example.org' }] } })).toEqual([]);
    expect(suppressionsFromSesEvent({ eventType: 'Delivery', delivery: {} })).toEqual([]);
    expect(suppressionsFromSesEvent('not json')).toEqual([]);
  });
});
