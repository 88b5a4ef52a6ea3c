import { seedDemoData } from '@wardpulse/dev';
import { runSendJob } from '@wardpulse/functions/features/messages/send-job';
import type { Message, MessageTargeting } from '@wardpulse/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { messageFixture } from '../support/messaging.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

/**
 * Issue 18: "a message to two wards showed 1,299 recipients while the demo force has about 1,200
 * sign-ups". A live audience counts each active sign-up once across the targeted wards, on the
 * demo force's own sign-ups (15 % of which are in two neighbouring wards); the 1,299 was a demo
 * message's made-up history figure, which these tests tell apart from a real count.
 */

const SIGNUPS = 240;

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let members: Map<string, { contactId: string; status: string; topics: string[] }[]>;

beforeAll(async () => {
  issuer = await startTestIssuer();
  testApp = createTestApp({ issuer, tableName: await createTestTable() });
  await seedDemoData(testApp.repositories, { signups: SIGNUPS });
  const vintage = (await testApp.repositories.geography.currentVintage())!;
  members = new Map();
  for (const ward of await testApp.repositories.geography.listWards(vintage)) {
    const all: { contactId: string; status: string; topics: string[] }[] = [];
    for await (const page of testApp.repositories.contacts.wardMembers(ward.code)) all.push(...page);
    members.set(ward.code, all);
  }
}, 120_000);
afterAll(async () => {
  await issuer.stop();
});

/** Two neighbouring demo wards that share at least one resident signed up in both. */
function twoWardsSharingSomeone(): [string, string] {
  const codes = [...members.keys()].sort();
  for (let i = 0; i < codes.length - 1; i++) {
    const first = new Set(members.get(codes[i]!)!.map((m) => m.contactId));
    if (members.get(codes[i + 1]!)!.some((m) => first.has(m.contactId))) return [codes[i]!, codes[i + 1]!];
  }
  throw new Error('the demo sign-ups have nobody in two wards');
}

describe('how many people a message reaches', () => {
  it('counts a resident signed up in both targeted wards once, so two wards never exceed their sign-ups', async () => {
    const [a, b] = twoWardsSharingSomeone();
    const memberships = [...members.get(a)!, ...members.get(b)!].filter((m) => m.status === 'active');
    const people = new Set(memberships.map((m) => m.contactId));
    const targeting: MessageTargeting = { scope: { scope: 'wards', codes: [a, b] }, topics: [] };

    const count = await testApp.messaging.audience.count(targeting);

    expect(memberships.length).toBeGreaterThan(people.size);
    expect(count.total).toBe(people.size);
    expect(Object.values(count.byWard).reduce((sum, n) => sum + n, 0)).toBe(people.size);
    expect(count.total).toBeLessThanOrEqual(SIGNUPS);
  });

  it('records the same once-per-person figure when the message is sent: progress, deliveries and ward recipients', async () => {
    const [a, b] = twoWardsSharingSomeone();
    const people = new Set([...members.get(a)!, ...members.get(b)!].filter((m) => m.status === 'active').map((m) => m.contactId));
    const message: Message = messageFixture({ scope: { scope: 'wards', codes: [a, b] }, topics: [] }, { title: 'Two wards, counted once' });
    await testApp.repositories.messages.create(message);
    await testApp.repositories.messages.setStatus(message.id, ['draft'], 'sending');

    await runSendJob({ repositories: testApp.repositories, messages: testApp.repositories.messages, messaging: testApp.mailing, logger: testApp.logger, options: { ratePerSecond: 0 } }, message.id);

    const sent = (await testApp.repositories.messages.get(message.id))!;
    expect(sent.progress).toMatchObject({ audience: people.size, sent: people.size, failed: 0 });
    const aggregates = await testApp.repositories.messageEngagement.aggregates(message.id);
    const recipients = [...aggregates.values()].reduce((sum, counters) => sum + (counters.recipients ?? 0), 0);
    expect(recipients).toBe(people.size);
  });

});
