import { randomUUID } from 'node:crypto';
import type { Delivery } from '@wardpulse/data';
import type { Contact, MessageTargeting, Topic } from '@wardpulse/domain';
import { MailError, type MailSender, type OutgoingMail } from '@wardpulse/functions/messages/delivery';
import { runSendJob, type SendJobOptions } from '@wardpulse/functions/features/messages/send-job';
import { resumeStalledSends, STALLED_SEND_MS } from '@wardpulse/functions/messages';
import { verifyRecipientToken } from '@wardpulse/functions/features/messages/tokens';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { AREA_ID, DISTRICTS, fragmentParam, linkTo, messageFixture, readOutbox, recipientsByWard, seedMessagingGeography, WARDS, type ReadMail } from '../support/messaging.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let tableName: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.stop();
});
// Each test gets a force of its own, so every expected figure is counted by hand from its set-up.
beforeEach(async () => {
  tableName = await createTestTable();
  testApp = createTestApp({ issuer, tableName });
  await seedMessagingGeography(testApp.repositories);
});

/** A resident who signed up (and, unless told, confirmed) in these wards for these topics. */
async function resident(email: string, wardCodes: string[], topics: Topic[], status: Contact['status'] = 'active', suppressedReason?: 'bounce' | 'complaint'): Promise<Contact> {
  const now = new Date().toISOString();
  const contact: Contact = { id: randomUUID(), email, wardCodes, topics, status, createdAt: now, ...(status === 'active' ? { confirmedAt: now } : {}), ...(suppressedReason ? { suppressedReason } : {}) };
  await testApp.repositories.contacts.create(contact);
  return contact;
}

async function residents(prefix: string, count: number, wardCodes: string[], topics: Topic[]): Promise<Contact[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => resident(`${prefix}.${String(i + 1).padStart(2, '0')}@example.org`, wardCodes, topics)));
}

async function createMessage(targeting: MessageTargeting, title: string) {
  const message = messageFixture(targeting, { title });
  await testApp.repositories.messages.create(message);
  return message;
}

const send = (messageId: string, mail: MailSender = testApp.outbox, options: SendJobOptions = {}) =>
  runSendJob({ repositories: testApp.repositories, messages: testApp.repositories.messages, messaging: { ...testApp.mailing, mail }, logger: testApp.logger, options: { ratePerSecond: 0, ...options } }, messageId);

async function mailsWithSubject(subject: string): Promise<ReadMail[]> {
  return (await readOutbox(testApp.outbox)).filter((mail) => mail.subject === subject);
}

/** How many e-mails each address got. */
const tally = (mails: ReadMail[]) => mails.reduce<Record<string, number>>((counts, mail) => ({ ...counts, [mail.to]: (counts[mail.to] ?? 0) + 1 }), {});

async function deliveries(messageId: string): Promise<Delivery[]> {
  const all: Delivery[] = [];
  for await (const page of testApp.repositories.deliveries.list(messageId)) all.push(...page);
  return all;
}

const states = (records: Delivery[]) => records.reduce<Record<string, number>>((counts, d) => ({ ...counts, [d.state]: (counts[d.state] ?? 0) + 1 }), {});

describe('sending a message', () => {
  it('e-mails each active, topic-matching resident of the targeted wards once, with signed links and one-click unsubscribe', async () => {
    const abbey = await residents('abbey', 12, [WARDS.abbey], ['burglary']);
    const brook = await residents('brook', 6, [WARDS.brook], ['burglary', 'asb']);
    const both = await resident('both.wards@example.org', [WARDS.abbey, WARDS.brook], ['burglary', 'events']);
    await residents('castle', 5, [WARDS.castle], ['burglary']);
    await resident('asb.only@example.org', [WARDS.abbey], ['asb']);
    await resident('pending.pat@example.org', [WARDS.abbey], ['burglary'], 'pending');
    await resident('gone.gail@example.org', [WARDS.brook], ['burglary'], 'unsubscribed');
    await resident('bounced.ben@example.org', [WARDS.brook], ['burglary'], 'suppressed', 'bounce');
    await resident('complained.cy@example.org', [WARDS.abbey], ['burglary'], 'suppressed', 'complaint');
    const targeting: MessageTargeting = { scope: { scope: 'areas', ids: [AREA_ID] }, topics: ['burglary'] };
    const message = await createMessage(targeting, 'Shed burglaries in the north <area> & what to do');
    const expected = [...abbey, ...brook, both].map((contact) => contact.email).sort();

    expect(await testApp.messaging.audience.count(targeting)).toEqual({ total: 19, byWard: { [WARDS.abbey]: 13, [WARDS.brook]: 6 } });
    await testApp.messaging.sender.start(message.id);
    await testApp.jobs.idle();

    const mails = await mailsWithSubject(message.title);
    expect(Object.keys(tally(mails)).sort()).toEqual(expected);
    expect(Object.values(tally(mails)).every((count) => count === 1)).toBe(true);
    const records = await deliveries(message.id);
    expect(states(records)).toEqual({ sent: 19 });
    expect(new Set(records.map((d) => d.rater)).size).toBe(19);
    expect(await recipientsByWard(testApp.client, tableName, message.id)).toEqual({ [WARDS.abbey]: 13, [WARDS.brook]: 6 });
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ status: 'sent', sentAt: expect.any(String), progress: { audience: 19, sent: 19, failed: 0, suppressed: 2 } });

    const mail = mails.find((m) => m.to === both.email)!;
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/wardpulse\.test\/api\/public\/unsubscribe\?token=[\w.-]+>, <mailto:unsubscribe@wardpulse\.test\?subject=unsubscribe>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain('Shed burglaries in the north &lt;area&gt; &amp; what to do');
    expect([...mail.html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['What’s happening', 'What we’re doing', 'What you can do', 'Was this message useful?']);
    expect(mail.text).toContain('What’s happening\n----------------\nThree sheds were broken into');
    const page = linkTo(mail, `/m/${message.id}`);
    const claim = await verifyRecipientToken(testApp.mailing.linkSecret, fragmentParam(page, 'r')!);
    const record = records.find((d) => d.contactId === both.id)!;
    expect(claim).toEqual({ messageId: message.id, wardCode: WARDS.abbey, rater: record.rater });
    expect(fragmentParam(page, 'r')!.length).toBeLessThanOrEqual(200);
    // Tokens ride in fragments, which browsers never send: no server log holds one. The RFC 8058
    // one-click URL (in the header, not the text) is the one exception, with an unsubscribe-only token.
    const links = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((url) => url.search !== '' || /[.][\w-]{20,}/.test(url.pathname)).map(String)).toEqual([]);
    const ratings = [...mail.text.matchAll(/https:\/\/\S+&rate=(\d)/g)].map((m) => Number(m[1]));
    expect(ratings).toEqual([5, 4, 3, 2, 1]);
  });

  it('sends nothing more when run again after it finished', async () => {
    await residents('again', 3, [WARDS.dale], ['general']);
    const message = await createMessage({ scope: { scope: 'wards', codes: [WARDS.dale] }, topics: [] }, 'Run twice');
    expect(await send(message.id)).toBe('sent');

    expect(await send(message.id)).toBe('skipped');

    expect(await mailsWithSubject('Run twice')).toHaveLength(3);
  });
});

describe('idempotency and crashes', () => {
  it('after a crash mid-send, resuming e-mails every recipient exactly once', async () => {
    const castle = await residents('castle', 23, [WARDS.castle], ['general']);
    const dale = await residents('dale', 17, [WARDS.dale], ['road_safety']);
    const message = await createMessage({ scope: { scope: 'districts', codes: [DISTRICTS.south] }, topics: [] }, 'Crash and resume');
    let handedOver = 0;
    const crashing: MailSender = {
      send: async (mail: OutgoingMail) => {
        if (handedOver >= 13) throw new Error('simulated crash: the process died before handing the e-mail over');
        handedOver++;
        return testApp.outbox.send(mail);
      },
    };

    expect(await send(message.id, crashing, { batchSize: 10, concurrency: 3 })).toBe('failed');
    expect(await mailsWithSubject('Crash and resume')).toHaveLength(13);
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ status: 'failed', progress: { audience: 40, sent: 13 } });
    expect(states(await deliveries(message.id))).not.toHaveProperty('sending');

    expect(await send(message.id, testApp.outbox, { batchSize: 10, concurrency: 3 })).toBe('sent');

    const mails = await mailsWithSubject('Crash and resume');
    expect(tally(mails)).toEqual(Object.fromEntries([...castle, ...dale].map((contact) => [contact.email, 1])));
    expect(states(await deliveries(message.id))).toEqual({ sent: 40 });
    expect(await recipientsByWard(testApp.client, tableName, message.id)).toEqual({ [WARDS.castle]: 23, [WARDS.dale]: 17 });
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ status: 'sent', progress: { audience: 40, sent: 40, failed: 0, suppressed: 0 } });
  });

  it('never sends again to a recipient whose worker died mid-call (at most once), and sends the rest', async () => {
    const dale = await residents('hang', 8, [WARDS.dale], ['vehicle_crime']);
    const message = await createMessage({ scope: { scope: 'wards', codes: [WARDS.dale] }, topics: ['vehicle_crime'] }, 'Worker died mid-call');
    let calls = 0;
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    // The provider takes the third e-mail, then the worker dies before it hears back.
    const dying: MailSender = {
      send: async (mail: OutgoingMail) => {
        calls++;
        const result = await testApp.outbox.send(mail);
        if (calls < 3) return result;
        died();
        return new Promise<never>(() => undefined);
      },
    };
    void send(message.id, dying, { concurrency: 1 });
    await dead;
    expect(await mailsWithSubject('Worker died mid-call')).toHaveLength(3);

    const later = () => new Date(Date.now() + 10 * 60_000);
    expect(await send(message.id, testApp.outbox, { now: later })).toBe('sent');

    const mails = await mailsWithSubject('Worker died mid-call');
    expect(tally(mails)).toEqual(Object.fromEntries(dale.map((contact) => [contact.email, 1])));
    const records = await deliveries(message.id);
    expect(states(records)).toEqual({ sent: 7, unknown: 1 });
    expect(records.find((d) => d.state === 'unknown')).toMatchObject({ failure: 'interrupted' });
    // They may have it and may rate it, so they stay a recipient.
    expect(await recipientsByWard(testApp.client, tableName, message.id)).toEqual({ [WARDS.dale]: 8 });
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ status: 'sent', progress: { audience: 8, sent: 7, failed: 1 } });
  });

  it('fails a refused address for good, marks an unanswered one unknown, and resends neither', async () => {
    const [refused, unanswered, fine] = [await resident('refused@example.org', [WARDS.brook], ['scams']), await resident('unanswered@example.org', [WARDS.brook], ['scams']), await resident('fine@example.org', [WARDS.brook], ['scams'])];
    const message = await createMessage({ scope: { scope: 'wards', codes: [WARDS.brook] }, topics: ['scams'] }, 'Refused and unanswered');
    const provider: MailSender = {
      send: async (mail: OutgoingMail) => {
        if (mail.to === refused.email) throw new MailError('rejected', 'MessageRejected');
        const result = await testApp.outbox.send(mail);
        if (mail.to === unanswered.email) throw new MailError('uncertain', 'socket hang up');
        return result;
      },
    };

    expect(await send(message.id, provider)).toBe('sent');
    expect(await testApp.repositories.messages.setStatus(message.id, ['sent'], 'failed')).toBe(true);
    expect(await send(message.id, provider)).toBe('sent');

    expect(tally(await mailsWithSubject('Refused and unanswered'))).toEqual({ [unanswered.email]: 1, [fine.email]: 1 });
    const records = await deliveries(message.id);
    expect(Object.fromEntries(records.map((d) => [d.contactId, d.state]))).toEqual({ [refused.id]: 'failed', [unanswered.id]: 'unknown', [fine.id]: 'sent' });
    expect(await recipientsByWard(testApp.client, tableName, message.id)).toEqual({ [WARDS.brook]: 2 });
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ progress: { audience: 3, sent: 1, failed: 2 } });
  });

  it('never resends an e-mail the provider accepted when recording "sent" failed', async () => {
    const brook = await residents('unrecorded', 6, [WARDS.brook], ['scams']);
    const message = await createMessage({ scope: { scope: 'wards', codes: [WARDS.brook] }, topics: ['scams'] }, 'Sent but not recorded');
    const { deliveries: real } = testApp.repositories;
    let marks = 0;
    // The table stops answering just as the fourth e-mail's "sent" is written.
    const flaky = { ...testApp.repositories, deliveries: { ...real, markSent: async (...args: Parameters<typeof real.markSent>) => (++marks === 4 ? Promise.reject(new Error('simulated outage')) : real.markSent(...args)) } };
    const run = (repositories: typeof testApp.repositories, now?: () => Date) =>
      runSendJob({ repositories, messages: testApp.repositories.messages, messaging: testApp.mailing, logger: testApp.logger, options: { ratePerSecond: 0, concurrency: 1, ...(now ? { now } : {}) } }, message.id);

    expect(await run(flaky)).toBe('failed');
    expect(await mailsWithSubject('Sent but not recorded')).toHaveLength(4);
    expect(states(await deliveries(message.id))).toMatchObject({ sending: 1 });

    expect(await run(testApp.repositories, () => new Date(Date.now() + 10 * 60_000))).toBe('sent');

    expect(tally(await mailsWithSubject('Sent but not recorded'))).toEqual(Object.fromEntries(brook.map((contact) => [contact.email, 1])));
    expect(states(await deliveries(message.id))).toEqual({ sent: 5, unknown: 1 });
  });

  it('starts again a send whose job died without a word (stalled progress), and e-mails each recipient once', async () => {
    const abbey = await residents('stalled', 5, [WARDS.abbey], ['general']);
    const message = await createMessage({ scope: { scope: 'wards', codes: [WARDS.abbey] }, topics: [] }, 'Stalled send');
    let calls = 0;
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    // The job sends two e-mails, then its Lambda times out mid-call: nothing more is heard from it.
    const dying: MailSender = {
      send: async (mail: OutgoingMail) => {
        if (++calls <= 2) return testApp.outbox.send(mail);
        died();
        return new Promise<never>(() => undefined);
      },
    };
    void send(message.id, dying, { concurrency: 1 });
    await dead;
    const deps = { repositories: testApp.repositories, sender: testApp.messaging.sender };

    expect(await resumeStalledSends(deps)).toEqual([]);
    expect(await resumeStalledSends({ ...deps, now: () => new Date(Date.now() + STALLED_SEND_MS + 60_000) })).toEqual([message.id]);
    await testApp.jobs.idle();

    const records = await deliveries(message.id);
    // The e-mail in hand when the job died was within the staleness window when resumed, so it stays `sending`: never resent.
    expect(records.filter((d) => d.state === 'sent')).toHaveLength(4);
    expect(tally(await mailsWithSubject('Stalled send'))).toEqual(Object.fromEntries(abbey.filter((c) => records.find((d) => d.contactId === c.id)?.state === 'sent').map((c) => [c.email, 1])));
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ progress: { audience: 5, sent: 4 } });
  });

  it('counts a recipient recorded twice only once', async () => {
    const messageId = randomUUID();
    const delivery = (contactId: string): Delivery => ({ messageId, contactId, wardCode: WARDS.abbey, rater: randomUUID().slice(0, 16).replace(/-/g, 'x'), state: 'queued', queuedAt: new Date().toISOString() });
    const first = [delivery('c-1'), delivery('c-2')];

    expect(await testApp.repositories.deliveries.record(first)).toHaveLength(2);
    const again = await testApp.repositories.deliveries.record([delivery('c-2'), delivery('c-3'), delivery('c-1')]);

    expect(again.map((d) => d.contactId)).toEqual(['c-3']);
    expect(await recipientsByWard(testApp.client, tableName, messageId)).toEqual({ [WARDS.abbey]: 3 });
    expect((await deliveries(messageId)).find((d) => d.contactId === 'c-2')!.rater).toBe(first[1]!.rater);
  });
});

describe('bounces and complaints', () => {
  it('suppresses a bounced address, takes it off the counts and skips it when sending', async () => {
    const admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'] })}`, 'content-type': 'application/json' };
    const officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'] })}`, 'content-type': 'application/json' };
    const bouncing = await resident('bouncing.bea@example.org', [WARDS.castle], ['events']);
    const fine = await resident('fine.fay@example.org', [WARDS.castle], ['events']);
    const simulate = (headers: Record<string, string>, body: unknown) => testApp.app.request('/api/staff/outbox/bounce', { method: 'POST', headers, body: JSON.stringify(body) });

    expect((await simulate(officer, { email: bouncing.email, type: 'bounce' })).status).toBe(403);
    const bounced = await simulate(admin, { email: 'BOUNCING.bea@example.org', type: 'bounce' });
    expect(bounced.status).toBe(200);
    expect(await bounced.json()).toEqual({ suppressed: true });
    expect(await (await simulate(admin, { email: 'nobody@example.org', type: 'complaint' })).json()).toEqual({ suppressed: false });

    expect(await testApp.repositories.contacts.get(bouncing.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'bounce' });
    expect((await testApp.repositories.contacts.signupCounts()).get(WARDS.castle)).toMatchObject({ active: 1, 't#events': 1 });
    const message = await createMessage({ scope: { scope: 'wards', codes: [WARDS.castle] }, topics: ['events'] }, 'After a bounce');
    expect(await send(message.id)).toBe('sent');
    expect(tally(await mailsWithSubject('After a bounce'))).toEqual({ [fine.email]: 1 });
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ progress: { audience: 1, sent: 1, failed: 0, suppressed: 1 } });
  });
});

describe('audiences', () => {
  it('counts distinct active residents by ward for wards, districts, Impact Areas, the force and topics', async () => {
    await residents('a', 4, [WARDS.abbey], ['burglary']);
    await residents('b', 3, [WARDS.brook], ['asb']);
    await residents('c', 2, [WARDS.castle], ['burglary', 'asb']);
    await resident('ab@example.org', [WARDS.abbey, WARDS.brook], ['asb']);
    await resident('bd@example.org', [WARDS.brook, WARDS.dale], ['scams']);
    await resident('p@example.org', [WARDS.dale], ['burglary'], 'pending');
    await resident('s@example.org', [WARDS.dale], ['burglary'], 'suppressed', 'bounce');
    const count = (scope: MessageTargeting['scope'], topics: Topic[] = []) => testApp.messaging.audience.count({ scope, topics });

    expect(await count({ scope: 'force' })).toEqual({ total: 11, byWard: { [WARDS.abbey]: 5, [WARDS.brook]: 4, [WARDS.castle]: 2 } });
    expect(await count({ scope: 'wards', codes: [WARDS.brook, WARDS.dale] })).toEqual({ total: 5, byWard: { [WARDS.brook]: 5 } });
    expect(await count({ scope: 'districts', codes: [DISTRICTS.south] })).toEqual({ total: 3, byWard: { [WARDS.castle]: 2, [WARDS.dale]: 1 } });
    expect(await count({ scope: 'areas', ids: [AREA_ID] }, ['asb'])).toEqual({ total: 4, byWard: { [WARDS.abbey]: 1, [WARDS.brook]: 3 } });
    expect(await count({ scope: 'force' }, ['burglary', 'scams'])).toEqual({ total: 7, byWard: { [WARDS.abbey]: 4, [WARDS.brook]: 1, [WARDS.castle]: 2 } });
    expect(await count({ scope: 'areas', ids: ['no-such-area'] })).toEqual({ total: 0, byWard: {} });
  });
});
