import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { measureReadability, type Contact, type Message, type MessageTargeting, type Readability, type Topic } from '@wardpulse/domain';
import { releaseDueMessages } from '@wardpulse/functions/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { fragmentParam, linkTo, readOutbox, seedMessagingGeography, WARDS } from '../support/messaging.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let officer: Record<string, string>;
let analyst: Record<string, string>;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies, checked field by field

const request = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  testApp.app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

const issuesOf = async (response: Response) => ((await response.json()) as { error: { issues: { path: (string | number)[] }[] } }).error.issues.map((issue) => issue.path.join('.'));

const abbeyOnly: MessageTargeting = { scope: { scope: 'wards', codes: [WARDS.abbey] }, topics: [] };

const draft = (overrides: Json = {}) => ({
  title: 'Sheds broken into in Abbey',
  concern: 'Three sheds on Mill Lane were broken into this week. Tools and bikes were taken.',
  action: 'We are patrolling at night and checking second-hand shops.',
  advice: 'Lock your shed. Mark your tools. Report anything odd on 101.',
  targeting: abbeyOnly,
  ...overrides,
});

async function resident(email: string, wardCodes: string[], topics: Topic[] = ['burglary']): Promise<Contact> {
  const now = new Date().toISOString();
  const contact: Contact = { id: randomUUID(), email, wardCodes, topics, status: 'active', createdAt: now, confirmedAt: now };
  await testApp.repositories.contacts.create(contact);
  return contact;
}

async function createDraft(overrides: Json = {}): Promise<Json> {
  const response = await request('POST', '/api/staff/messages', officer, draft(overrides));
  expect(response.status).toBe(201);
  return ((await response.json()) as Json).message;
}

/** Composes and sends a message to Abbey through the API and the real send job; returns its id and the recipient tokens from the outbox. */
async function sentMessage(title: string): Promise<{ id: string; tokens: string[] }> {
  const message = await createDraft({ title });
  const sent = await request('POST', `/api/staff/messages/${message.id}/send`, officer, {});
  expect(sent.status).toBe(202);
  await testApp.jobs.idle();
  const mails = (await readOutbox(testApp.outbox)).filter((mail) => mail.subject === title);
  return { id: message.id, tokens: mails.map((mail) => fragmentParam(linkTo(mail, `/m/${message.id}`), 'r')!) };
}

const aggregates = async (id: string) => Object.fromEntries(await testApp.repositories.messageEngagement.aggregates(id));

beforeAll(async () => {
  issuer = await startTestIssuer();
  testApp = createTestApp({ issuer, tableName: await createTestTable() });
  await seedMessagingGeography(testApp.repositories);
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'olive' })}` };
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'], username: 'ana' })}` };
  await Promise.all([1, 2, 3].map((n) => resident(`abbey.${n}@example.org`, [WARDS.abbey])));
  await resident('brook.1@example.org', [WARDS.brook]);
});
afterAll(async () => {
  await issuer.stop();
});

describe('composing', () => {
  it('stores a draft with readability measured on its text, and returns live coaching', async () => {
    const response = await request('POST', '/api/staff/messages', officer, draft({ concern: 'Officers were in attendance following reports of ASB.' }));

    expect(response.status).toBe(201);
    const body = (await response.json()) as Json;
    expect(body.message).toMatchObject({ status: 'draft', revision: 1, createdBy: 'olive', targeting: abbeyOnly });
    const expected: Readability = measureReadability({ title: body.message.title, concern: body.message.concern, action: body.message.action, advice: body.message.advice });
    expect(body.message.readability).toEqual(expected);
    expect(body.coaching).toEqual(expect.arrayContaining([expect.objectContaining({ part: 'concern', kind: 'jargon', suggestion: 'anti-social behaviour' })]));
    expect(body.problems).toEqual([]);
  });

  it('saves with the current revision, measures again, and refuses a stale one with 409', async () => {
    const message = await createDraft();

    const saved = await request('PUT', `/api/staff/messages/${message.id}`, officer, { ...draft({ action: '' }), expectedRevision: 1 });
    const stale = await request('PUT', `/api/staff/messages/${message.id}`, officer, { ...draft(), expectedRevision: 1 });

    expect(saved.status).toBe(200);
    const body = (await saved.json()) as Json;
    expect(body.message).toMatchObject({ revision: 2, action: '' });
    expect(body.message.readability.words).toBeLessThan(message.readability.words);
    expect(body.problems).toEqual([expect.objectContaining({ part: 'action', kind: 'missing_part', severity: 'error' })]);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Json).error.code).toBe('message.revision_conflict');
  });

  it('names each bad field with 422 and stores nothing', async () => {
    const before = (await testApp.repositories.messages.list()).length;

    const missing = await request('POST', '/api/staff/messages', officer, draft({ title: '', link: { url: 'http://example.org', label: 'More' } }));
    const unknownWard = await request('POST', '/api/staff/messages', officer, draft({ targeting: { scope: { scope: 'wards', codes: [WARDS.abbey, 'E05999999'] }, topics: [] } }));

    expect(missing.status).toBe(422);
    expect(await issuesOf(missing)).toEqual(expect.arrayContaining(['json.title', 'json.link.url']));
    expect(unknownWard.status).toBe(422);
    expect(await issuesOf(unknownWard)).toEqual(['json.targeting.scope.codes.1']);
    expect((await testApp.repositories.messages.list()).length).toBe(before);
  });

  it('lets analysts read but not write', async () => {
    const message = await createDraft();

    expect((await request('GET', `/api/staff/messages/${message.id}`, analyst)).status).toBe(200);
    expect((await request('GET', '/api/staff/messages', analyst)).status).toBe(200);
    expect((await request('POST', '/api/staff/messages', analyst, draft())).status).toBe(403);
    expect((await request('POST', `/api/staff/messages/${message.id}/send`, analyst, {})).status).toBe(403);
  });

  it('counts the audience by ward and previews the e-mail', async () => {
    const message = await createDraft({ title: 'Preview me', targeting: { scope: { scope: 'wards', codes: [WARDS.abbey, WARDS.brook] }, topics: ['burglary'] } });

    const audience = await request('GET', `/api/staff/messages/${message.id}/audience`, analyst);
    const preview = await request('GET', `/api/staff/messages/${message.id}/preview`, analyst);

    expect(await audience.json()).toEqual({ total: 4, byWard: { [WARDS.abbey]: 3, [WARDS.brook]: 1 } });
    const mail = (await preview.json()) as { html: string; text: string };
    expect(mail.html).toContain('<h1>Preview me</h1>');
    expect(mail.text).toContain('Lock your shed.');
  });
});

describe('sending', () => {
  it('refuses a message with a missing part, naming it, and leaves it a draft', async () => {
    const message = await createDraft({ advice: '   ' });

    const response = await request('POST', `/api/staff/messages/${message.id}/send`, officer, {});

    expect(response.status).toBe(422);
    expect(await issuesOf(response)).toEqual(['advice']);
    expect((await testApp.repositories.messages.get(message.id))?.status).toBe('draft');
  });

  it('refuses a message nobody would receive', async () => {
    const message = await createDraft({ targeting: { scope: { scope: 'wards', codes: [WARDS.dale] }, topics: [] } });

    const response = await request('POST', `/api/staff/messages/${message.id}/send`, officer, {});

    expect(response.status).toBe(422);
    expect(await issuesOf(response)).toEqual(['targeting']);
  });

  it('sends now through the send job, and refuses to send it again', async () => {
    const message = await createDraft({ title: 'Send me once' });

    const first = await request('POST', `/api/staff/messages/${message.id}/send`, officer, {});
    const body = (await first.json()) as Json;
    await testApp.jobs.idle();
    const again = await request('POST', `/api/staff/messages/${message.id}/send`, officer, {});

    expect(first.status).toBe(202);
    expect(body).toMatchObject({ message: { status: 'sending' }, audience: { total: 3 } });
    expect(body.message.sentAt).toEqual(expect.any(String));
    expect(again.status).toBe(409);
    expect((await readOutbox(testApp.outbox)).filter((mail) => mail.subject === 'Send me once')).toHaveLength(3);
    expect(await testApp.repositories.messages.get(message.id)).toMatchObject({ status: 'sent', progress: { sent: 3 } });
    expect((await aggregates(message.id))[WARDS.abbey]).toMatchObject({ recipients: 3 });
  });

  it('schedules for later, and the scheduler starts it once it is due', async () => {
    const message = await createDraft({ title: 'Send me later' });
    const at = new Date(Date.now() + 3_600_000).toISOString();

    const scheduled = await request('POST', `/api/staff/messages/${message.id}/send`, officer, { at });
    const early = await releaseDueMessages({ repositories: testApp.repositories, sender: testApp.messaging.sender });
    const due = await releaseDueMessages({ repositories: testApp.repositories, sender: testApp.messaging.sender, now: () => new Date(Date.now() + 2 * 3_600_000) });
    await testApp.jobs.idle();

    expect(scheduled.status).toBe(202);
    expect(((await scheduled.json()) as Json).message).toMatchObject({ status: 'scheduled', scheduledFor: at });
    expect(early).not.toContain(message.id);
    expect(due).toEqual([message.id]);
    expect((await testApp.repositories.messages.get(message.id))?.status).toBe('sent');
    expect((await readOutbox(testApp.outbox)).filter((mail) => mail.subject === 'Send me later')).toHaveLength(3);
  });

  it('refuses a time in the past', async () => {
    const message = await createDraft();

    const response = await request('POST', `/api/staff/messages/${message.id}/send`, officer, { at: '2020-01-01T00:00:00Z' });

    expect(response.status).toBe(422);
    expect(await issuesOf(response)).toEqual(['json.at']);
  });
});

describe('the public message', () => {
  it('is 404 until the message is sent', async () => {
    const message = await createDraft();

    expect((await request('GET', `/api/public/messages/${message.id}`)).status).toBe(404);
    expect((await request('POST', `/api/public/messages/${message.id}/rating`, {}, { stars: 5, deviceId: randomUUID() })).status).toBe(404);
    expect((await request('POST', `/api/public/messages/${message.id}/view`, {}, {})).status).toBe(404);
  });

  it('shows a sent message without staff fields or cookies', async () => {
    const { id } = await sentMessage('Public page');

    const response = await request('GET', `/api/public/messages/${id}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ id, title: 'Public page', forceName: expect.any(String), sentAt: expect.any(String) });
    expect(Object.keys(body).sort()).toEqual(['action', 'advice', 'concern', 'forceName', 'id', 'sentAt', 'title']);
  });
});

describe('ratings', () => {
  it('counts a rater once: a change moves the count between star buckets, a retry changes nothing', async () => {
    const { id, tokens } = await sentMessage('Rate me');
    const rate = (stars: number) => request('POST', `/api/public/messages/${id}/rating`, {}, { stars, recipientToken: tokens[0] });

    const first = await rate(2);
    const changed = await rate(5);
    const retried = await rate(5);

    expect(await first.json()).toEqual({ stars: 2, previous: null, changed: true });
    expect(await changed.json()).toEqual({ stars: 5, previous: 2, changed: true });
    expect(await retried.json()).toEqual({ stars: 5, previous: 5, changed: false });
    expect((await aggregates(id))[WARDS.abbey]).toMatchObject({ recipients: 3, ratings: 1, r5: 1, r2: 0, stars: 5 });
  });

  it('counts each recipient and each device once, shared-link devices without a ward', async () => {
    const { id, tokens } = await sentMessage('Rate us all');
    const device = randomUUID();

    await Promise.all(tokens.map((token) => request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 4, recipientToken: token })));
    await request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 1, deviceId: device });
    await request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 1, deviceId: device });

    const counters = await aggregates(id);
    expect(counters[WARDS.abbey]).toMatchObject({ ratings: 3, r4: 3, stars: 12 });
    expect(counters.none).toMatchObject({ ratings: 1, r1: 1, stars: 1 });
  });

  it('names what is wrong and counts nothing', async () => {
    const { id } = await sentMessage('Rate me wrongly');

    const badStars = await request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 6, deviceId: randomUUID() });
    const forged = await request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 5, recipientToken: 'not.a.token' });
    const nobody = await request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 5 });

    expect(badStars.status).toBe(422);
    expect(await issuesOf(badStars)).toEqual(['json.stars']);
    expect(forged.status).toBe(422);
    expect(await issuesOf(forged)).toEqual(['json.recipientToken']);
    expect(nobody.status).toBe(422);
    expect(await issuesOf(nobody)).toEqual(['json.deviceId']);
    expect((await aggregates(id))[WARDS.abbey]?.ratings ?? 0).toBe(0);
  });
});

describe('replies', () => {
  it('stores a reply once per id with its sentiment and follow-up flag, for staff only', async () => {
    const { id, tokens } = await sentMessage('Reply to me');
    const reply = { id: randomUUID(), text: 'This keeps happening and nobody comes. It is awful and I am scared. Can someone help?', recipientToken: tokens[1] };

    const first = await request('POST', `/api/public/messages/${id}/reply`, {}, reply);
    const retry = await request('POST', `/api/public/messages/${id}/reply`, {}, reply);
    const reused = await request('POST', `/api/public/messages/${id}/reply`, {}, { ...reply, text: 'Something else' });
    const thanks = await request('POST', `/api/public/messages/${id}/reply`, {}, { id: randomUUID(), text: 'Thank you, really useful.', deviceId: randomUUID() });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as Json).replayed).toBe(true);
    expect(reused.status).toBe(409);
    expect(thanks.status).toBe(201);
    const counters = await aggregates(id);
    expect(counters[WARDS.abbey]).toMatchObject({ replies: 1, 's#negative': 1, followups: 1 });
    expect(counters.none).toMatchObject({ replies: 1, 's#positive': 1 });
    expect(counters.none?.followups ?? 0).toBe(0);

    const staff = (await (await request('GET', `/api/staff/messages/${id}/replies`, analyst)).json()) as { replies: Json[] };
    expect(staff.replies).toHaveLength(2);
    expect(staff.replies.find((r) => r.id === reply.id)).toMatchObject({
      text: reply.text,
      sentiment: { label: 'negative' },
      needsFollowUp: true,
      followUpReasons: expect.arrayContaining(['negative', 'question', 'keyword:help']),
      followUpDone: false,
      wardCode: WARDS.abbey,
      fromRecipient: true,
    });
    expect(JSON.stringify(await (await request('GET', `/api/public/messages/${id}`)).json())).not.toContain('nobody comes');
  });

  it('marks a follow-up done, once, and the KPIs count it off', async () => {
    const { id, tokens } = await sentMessage('Follow me up');
    const replyId = randomUUID();
    await request('POST', `/api/public/messages/${id}/reply`, {}, { id: replyId, text: 'Urgent: please call me', recipientToken: tokens[0] });
    const before = ((await (await request('GET', `/api/staff/messages/${id}/kpis`, analyst)).json()) as Json).totals.followUps;

    const done = await request('PATCH', `/api/staff/messages/${id}/replies/${replyId}`, officer, { followUpDone: true });
    const twice = await request('PATCH', `/api/staff/messages/${id}/replies/${replyId}`, officer, { followUpDone: true });

    expect(before).toBe(1);
    expect(await done.json()).toMatchObject({ followUpDone: true, followUpDoneBy: 'olive' });
    expect(twice.status).toBe(200);
    expect(((await (await request('GET', `/api/staff/messages/${id}/kpis`, analyst)).json()) as Json).totals.followUps).toBe(0);
    expect((await aggregates(id))[WARDS.abbey]).toMatchObject({ followups: 1, followups_done: 1 });
  });

  it('refuses an empty reply, naming the field', async () => {
    const { id } = await sentMessage('Reply with nothing');

    const response = await request('POST', `/api/public/messages/${id}/reply`, {}, { id: randomUUID(), text: '   ', deviceId: randomUUID() });

    expect(response.status).toBe(422);
    expect(await issuesOf(response)).toEqual(['json.text']);
  });
});

describe('shares and views', () => {
  it('counts a share once per id, by channel', async () => {
    const { id, tokens } = await sentMessage('Share me');
    const share = { id: randomUUID(), channel: 'whatsapp', recipientToken: tokens[0] };

    expect((await request('POST', `/api/public/messages/${id}/share`, {}, share)).status).toBe(201);
    expect((await request('POST', `/api/public/messages/${id}/share`, {}, share)).status).toBe(200);
    expect((await request('POST', `/api/public/messages/${id}/share`, {}, { ...share, channel: 'x' })).status).toBe(409);
    expect((await request('POST', `/api/public/messages/${id}/share`, {}, { id: randomUUID(), channel: 'copy', recipientToken: tokens[0] })).status).toBe(201);
    const bad = await request('POST', `/api/public/messages/${id}/share`, {}, { id: randomUUID(), channel: 'carrier-pigeon', deviceId: randomUUID() });

    expect(bad.status).toBe(422);
    expect(await issuesOf(bad)).toEqual(['json.channel']);
    expect((await aggregates(id))[WARDS.abbey]).toMatchObject({ shares: 2, 'sh#whatsapp': 1, 'sh#copy': 1 });
    const kpis = ((await (await request('GET', `/api/staff/messages/${id}/kpis`, analyst)).json()) as Json).totals;
    expect(kpis.sharesByChannel).toEqual({ whatsapp: 1, copy: 1 });
  });

  it('counts a view once a day per viewer, without cookies or addresses', async () => {
    const { id, tokens } = await sentMessage('View me');
    const from = (address: string, agent = 'Mozilla/5.0 (Android 14; Mobile)') => ({ 'x-forwarded-for': address, 'user-agent': agent });

    const first = await request('POST', `/api/public/messages/${id}/view`, from('198.51.100.7'), {});
    const again = await request('POST', `/api/public/messages/${id}/view`, from('198.51.100.7'), {});
    const otherPhone = await request('POST', `/api/public/messages/${id}/view`, from('198.51.100.7', 'Mozilla/5.0 (iPhone)'), {});
    const recipient = await request('POST', `/api/public/messages/${id}/view`, from('198.51.100.8'), { recipientToken: tokens[2] });
    const recipientAgain = await request('POST', `/api/public/messages/${id}/view`, from('203.0.113.50'), { recipientToken: tokens[2] });

    expect(await first.json()).toEqual({ counted: true });
    expect(await again.json()).toEqual({ counted: false });
    expect(await otherPhone.json()).toEqual({ counted: true });
    expect(await recipient.json()).toEqual({ counted: true });
    expect(await recipientAgain.json()).toEqual({ counted: false });
    expect(first.headers.get('set-cookie')).toBeNull();
    const counters = await aggregates(id);
    expect(counters.none).toMatchObject({ views: 2 });
    expect(counters[WARDS.abbey]).toMatchObject({ views: 1 });
  });

  it('limits the views one network address can record in an hour, whatever user agent it sends', async () => {
    const { id } = await sentMessage('Viewed in a loop');
    const view = (i: number) => request('POST', `/api/public/messages/${id}/view`, { 'x-forwarded-for': '198.51.100.99', 'user-agent': `bot/${i}` }, {});

    const statuses: number[] = [];
    for (let i = 0; i < 601; i++) statuses.push((await view(i)).status);

    expect(statuses.slice(0, 600).every((status) => status === 200)).toBe(true);
    expect(statuses[600]).toBe(429);
    expect((await aggregates(id)).none).toMatchObject({ views: 600 });
  });
});

describe('KPIs', () => {
  // Hand-computed: each figure below follows from these counters with the textbook formulas
  // (Wilson score interval, pooled two-proportion z test), worked out outside the code.
  const readability = (score: number): Readability => ({ fleschReadingEase: 60, fleschKincaidGrade: 7, score, words: 40, sentences: 4, longSentences: 0, passiveVoice: 0, jargon: 0 });

  async function historic(title: string, sentAt: string, score: number, counters: Record<string, Record<string, number>>): Promise<Message> {
    const message: Message = {
      id: randomUUID(),
      title,
      concern: 'A concern.',
      action: 'An action.',
      advice: 'Some advice.',
      status: 'sent',
      targeting: { scope: { scope: 'force' }, topics: [] },
      readability: readability(score),
      createdBy: 'kpi-test',
      createdAt: sentAt,
      updatedAt: sentAt,
      sentAt,
      revision: 1,
    };
    await testApp.repositories.messages.create(message);
    for (const [ward, values] of Object.entries(counters)) await testApp.repositories.messageEngagement.addCounters(message.id, ward, values);
    return message;
  }

  beforeAll(async () => {
    await historic('Before', '2019-10-01T09:00:00.000Z', 5, {
      [WARDS.abbey]: { recipients: 100, ratings: 20, r3: 10, r5: 10, stars: 80, replies: 10, 's#negative': 10, 's#sum': -5 },
      [WARDS.castle]: { recipients: 50 },
    });
    await historic('After', '2020-03-01T09:00:00.000Z', 9, {
      [WARDS.abbey]: { recipients: 100, ratings: 30, r4: 10, r5: 20, stars: 140, replies: 10, 's#positive': 10, 's#sum': 6, shares: 10, 'sh#whatsapp': 10 },
      [WARDS.castle]: { recipients: 50, ratings: 10, r5: 10, stars: 50 },
    });
    // A small ward beside two ordinary ones, for the export's disclosure control.
    await historic('Small', '2018-05-01T09:00:00.000Z', 8, {
      [WARDS.abbey]: { recipients: 100, ratings: 30, r4: 15, r5: 15, stars: 135 },
      [WARDS.brook]: { recipients: 5, ratings: 3, r5: 3, stars: 15 },
      [WARDS.castle]: { recipients: 100, ratings: 30, r4: 15, r5: 15, stars: 135 },
    });
  });

  it('reports a period by district against hand-computed figures, with the change from a baseline', async () => {
    const query = 'level=district&from=2020-01-01T00:00:00Z&to=2020-07-01T00:00:00Z&compareFrom=2019-07-01T00:00:00Z&compareTo=2020-01-01T00:00:00Z';

    const response = await request('GET', `/api/staff/messages/kpis?${query}`, analyst);

    expect(response.status).toBe(200);
    const report = (await response.json()) as Json;
    expect(report).toMatchObject({ level: 'district', messages: 1, disclosure: { threshold: 10 } });
    expect(report.totals).toMatchObject({
      recipients: 150,
      ratings: 40,
      meanStars: 4.75,
      readability: 9,
      satisfaction: { status: 'shown', count: 40, n: 40, share: 1, lower: 0.9124, upper: 1 },
      interactionRate: { status: 'shown', count: 50, n: 150, share: 0.3333, lower: 0.2629, upper: 0.4121 },
      shareRate: { status: 'shown', count: 10, n: 150, share: 0.0667, lower: 0.0366, upper: 0.1184 },
    });
    const [north, south] = report.units as Json[];
    expect(north).toMatchObject({ name: 'Northvale (test)', messages: 1, kpis: { recipients: 100, interactionRate: { count: 40, n: 100, share: 0.4, lower: 0.3094, upper: 0.498 } } });
    expect(south).toMatchObject({ name: 'Southmere (test)', kpis: { satisfaction: { share: 1, lower: 0.7225 }, interactionRate: { share: 0.2, lower: 0.1124, upper: 0.3304 }, shareRate: { count: 0, share: 0, upper: 0.0713 } } });

    const force = (measure: string) => (report.comparison.rows as Json[]).find((row) => row.unitCode === 'force' && row.measure === measure)!;
    expect(report.comparison.before).toMatchObject({ messages: 1, totals: { recipients: 150, ratings: 20 } });
    expect(force('satisfaction')).toMatchObject({ before: { share: 0.5 }, after: { share: 1 }, difference: 0.5, z: 4.899, significant: true });
    expect(force('interactionRate')).toMatchObject({ before: { count: 30, n: 150 }, difference: 0.1333, z: 2.611, relativeChange: 0.6667 });
    expect(force('interactionRate').p).toBeCloseTo(0.009023438818080352, 10);
    expect(force('shareRate')).toMatchObject({ difference: 0.0667, z: 3.216, relativeChange: null });
  });

  it('refuses malformed periods, naming the parameter', async () => {
    const level = await request('GET', '/api/staff/messages/kpis?level=street', analyst);
    const backwards = await request('GET', '/api/staff/messages/kpis?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z', analyst);

    expect(level.status).toBe(400);
    expect(await issuesOf(level)).toEqual(['query.level']);
    expect(backwards.status).toBe(422);
    expect(await issuesOf(backwards)).toEqual(['query.to']);
  });

  it('exports the KPI table as CSV with small counts withheld, never shown as numbers', async () => {
    const response = await request('GET', '/api/staff/messages/kpis/export?format=csv&level=ward&from=2018-01-01T00:00:00Z&to=2019-01-01T00:00:00Z', analyst);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
    const row = (code: string) => rows.find((r) => r.code === code)!;
    expect(row(WARDS.brook)).toMatchObject({ recipients: '', recipients_status: 'suppressed (primary)', satisfaction: '', satisfaction_status: 'suppressed (primary)' });
    expect(row(WARDS.abbey)).toMatchObject({ recipients: '', recipients_status: 'suppressed (secondary)', ratings: '', ratings_status: 'suppressed (secondary)' });
    expect(row(WARDS.dale)).toMatchObject({ recipients: '', recipients_status: 'empty' });
    expect(row('force')).toMatchObject({ recipients: '205', recipients_status: 'shown', ratings: '63', satisfaction_count: '63', satisfaction_n: '63', satisfaction: '1' });
  });

  it('exports the same table as XLSX, with a sheet that says how it was controlled', async () => {
    const response = await request('GET', '/api/staff/messages/kpis/export?format=xlsx&level=district&from=2018-01-01T00:00:00Z&to=2019-01-01T00:00:00Z', analyst);

    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Message KPIs', 'About']);
    const sheet = workbook.getWorksheet('Message KPIs')!;
    const header = sheet.getRow(1).values as unknown[];
    const force = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(force[header.indexOf('code')]).toBe('force');
    expect(force[header.indexOf('recipients')]).toBe(205);
    expect(workbook.getWorksheet('About')!.getRow(5).values).toEqual([undefined, 'disclosure_threshold', 10]);
  });

  it('reports one message by ward', async () => {
    const { id, tokens } = await sentMessage('By ward');
    await request('POST', `/api/public/messages/${id}/rating`, {}, { stars: 5, recipientToken: tokens[0] });

    const response = await request('GET', `/api/staff/messages/${id}/kpis`, analyst);

    expect(response.status).toBe(200);
    const detail = (await response.json()) as Json;
    expect(detail.message).toMatchObject({ id, title: 'By ward', status: 'sent' });
    // Three recipients and one rating: below the threshold, so withheld.
    expect(detail.units).toEqual([expect.objectContaining({ code: WARDS.abbey, kpis: expect.objectContaining({ recipients: 3, ratings: 1, satisfaction: { status: 'suppressed', reason: 'primary' } }) })]);
    expect(detail.totals.satisfaction).toEqual({ status: 'suppressed', reason: 'primary' });
  });
});
