import { contactKeys } from '@wardpulse/data/contacts-table';
import type { Topic } from '@wardpulse/domain';
import { signContactToken } from '@wardpulse/functions/features/messages/tokens';
import { runSendJob } from '@wardpulse/functions/features/messages/send-job';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { messageFixture, POSTCODES, readOutbox, scanTable, seedMessagingGeography, tokenTo, WARDS, type ReadMail } from '../support/messaging.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let tableName: string;
let admin: Record<string, string>;
let officer: Record<string, string>;
let analyst: Record<string, string>;

type Json = Record<string, unknown>;
type Cell = { count: number; belowThreshold: boolean };
type WardRow = { wardCode: string; active: Cell; topics: Record<Topic, Cell> };
type ErrorJson = { error: { code: string; issues: { path: (string | number)[]; code?: string }[] } };
type OutboxList = { mails: { file: string; to: string; subject: string }[] };

let address = 0;
/** A different network address per request, so the per-address limit only bites where a test wants it. */
const nextIp = () => `198.51.100.${(address++ % 250) + 1}`;

const request = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  testApp.app.request(path, {
    method,
    headers: { 'x-forwarded-for': nextIp(), ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

/** The header the pages send an e-mail link's token in (never the URL, which is logged). */
const link = (token: string) => ({ 'x-link-token': token });

const json = async <T = Json>(response: Response) => (await response.json()) as T;

const signUp = (body: Json, headers: Record<string, string> = {}) => request('POST', '/api/public/signups', headers, body);

/** The e-mails sent to one address, oldest first. */
async function mailsTo(email: string): Promise<ReadMail[]> {
  return (await readOutbox(testApp.outbox)).filter((mail) => mail.to === email);
}

async function lastMailTo(email: string): Promise<ReadMail> {
  const mail = (await mailsTo(email)).at(-1);
  if (!mail) throw new Error(`no e-mail to ${email}`);
  return mail;
}

/** Signs up and confirms through the API, as a resident does; returns the manage token. */
async function signUpConfirmed(email: string, body: Json): Promise<string> {
  expect((await signUp({ email, ...body })).status).toBe(202);
  const confirmed = await request('POST', '/api/public/signups/confirm', link(tokenTo(await lastMailTo(email), '/signup/confirm')));
  expect(confirmed.status).toBe(200);
  return (await json<{ manageToken: string }>(confirmed)).manageToken;
}

async function wardCounts(ward: string): Promise<WardRow> {
  const response = await request('GET', '/api/staff/signups/counts', analyst);
  expect(response.status).toBe(200);
  return (await json<{ wards: WardRow[] }>(response)).wards.find((row) => row.wardCode === ward)!;
}

const contactsTable = () => `${tableName}-contacts`;

beforeAll(async () => {
  issuer = await startTestIssuer();
  tableName = await createTestTable();
  testApp = createTestApp({ issuer, tableName });
  await seedMessagingGeography(testApp.repositories);
  admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'ada' })}` };
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'], username: 'ana' })}` };
});
afterAll(async () => {
  await issuer.stop();
});

describe('double opt-in', () => {
  it('keeps a new sign-up pending, e-mails only a confirmation, counts nothing and keeps no postcode', async () => {
    const email = 'pending.paula@example.org';

    const response = await signUp({ email, postcode: 'zz1 1aa', topics: ['burglary', 'asb'] });

    expect(response.status).toBe(202);
    expect(await json(response)).toMatchObject({ status: 'pending' });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Confirm your community messages/);
    expect(mails[0]!.text).toContain('Abbey (test)');
    const contact = await testApp.repositories.contacts.byEmail(email);
    expect(contact).toMatchObject({ status: 'pending', wardCodes: [WARDS.abbey], topics: ['burglary', 'asb'] });
    expect((await wardCounts(WARDS.abbey)).active.count).toBe(0);
    // The force's postcode lookup holds postcodes, of course; nothing written for the sign-up does.
    const mainTable = (await scanTable(testApp.client, tableName)).filter((item) => item.entity !== 'Postcode' && item.entity !== 'PostcodeCandidate');
    expect(JSON.stringify([...(await scanTable(testApp.client, contactsTable())), ...mainTable])).not.toMatch(/ZZ1 ?1AA/i);
  });

  it('confirms from the e-mailed link: a GET only previews, the POST activates and counts once', async () => {
    const email = 'Confirming.Carl@Example.org';
    const before = await wardCounts(WARDS.castle);
    await signUp({ email, wardCodes: [WARDS.castle, WARDS.dale], topics: ['scams'] });
    const token = tokenTo(await lastMailTo(email.toLowerCase()), '/signup/confirm');

    const preview = await request('GET', '/api/public/signups/confirm', link(token));
    expect(preview.status).toBe(200);
    expect(await json(preview)).toMatchObject({ email: 'c***@example.org', status: 'pending', wardCodes: [WARDS.castle, WARDS.dale], topics: ['scams'] });
    expect((await wardCounts(WARDS.castle)).active.count).toBe(before.active.count);

    const confirmed = await request('POST', '/api/public/signups/confirm', link(token));
    expect(confirmed.status).toBe(200);
    expect(await json(confirmed)).toMatchObject({ status: 'active', manageToken: expect.any(String) });
    const again = await request('POST', '/api/public/signups/confirm', link(token));
    expect(again.status).toBe(200);

    const castle = await wardCounts(WARDS.castle);
    expect(castle.active).toEqual({ count: before.active.count + 1, belowThreshold: true });
    expect(castle.topics.scams.count).toBe(before.topics.scams.count + 1);
    expect(castle.topics.burglary.count).toBe(before.topics.burglary.count);
    expect((await wardCounts(WARDS.dale)).active.count).toBeGreaterThanOrEqual(1);
  });

  it('updates a pending sign-up when the same address signs up again, and only the newest link confirms', async () => {
    const email = 'twice.tara@example.org';
    await signUp({ email, wardCodes: [WARDS.abbey], topics: ['events'] });
    const first = tokenTo(await lastMailTo(email), '/signup/confirm');
    await signUp({ email: 'TWICE.tara@example.org', wardCodes: [WARDS.brook], topics: ['road_safety'] });
    const second = tokenTo(await lastMailTo(email), '/signup/confirm');

    const contacts = (await scanTable(testApp.client, contactsTable())).filter((item) => item.entity === 'Contact' && item.email === email);
    expect(contacts).toHaveLength(1);
    const stale = await request('POST', '/api/public/signups/confirm', link(first));
    expect(stale.status).toBe(400);
    expect((await json<ErrorJson>(stale)).error).toMatchObject({ code: 'link.used', issues: [{ path: ['query', 'token'] }] });
    expect((await request('POST', '/api/public/signups/confirm', link(second))).status).toBe(200);
    expect(await testApp.repositories.contacts.byEmail(email)).toMatchObject({ status: 'active', wardCodes: [WARDS.brook], topics: ['road_safety'] });
  });

  it('leaves an active sign-up alone when someone signs its address up again, until the new link is confirmed', async () => {
    const email = 'settled.sam@example.org';
    await signUpConfirmed(email, { wardCodes: [WARDS.dale], topics: ['drugs'] });
    const dale = (await wardCounts(WARDS.dale)).topics.drugs.count;

    await signUp({ email, wardCodes: [WARDS.abbey], topics: ['violence'] });

    expect(await testApp.repositories.contacts.byEmail(email)).toMatchObject({ status: 'active', wardCodes: [WARDS.dale], topics: ['drugs'] });
    expect((await wardCounts(WARDS.dale)).topics.drugs.count).toBe(dale);
    expect((await request('POST', '/api/public/signups/confirm', link(tokenTo(await lastMailTo(email), '/signup/confirm')))).status).toBe(200);
    expect(await testApp.repositories.contacts.byEmail(email)).toMatchObject({ status: 'active', wardCodes: [WARDS.abbey], topics: ['violence'] });
    expect((await wardCounts(WARDS.dale)).topics.drugs.count).toBe(dale - 1);
  });
});

describe('bad sign-ups', () => {
  it('refuses unknown wards and postcodes, partial and terminated postcodes, and missing topics, naming each and storing nothing', async () => {
    const before = await scanTable(testApp.client, contactsTable());
    const cases: [Json, (string | number)[]][] = [
      [{ email: 'bad.ward@example.org', wardCodes: [WARDS.abbey, 'E05999999'], topics: ['asb'] }, ['wardCodes', 1]],
      [{ email: 'bad.pc@example.org', postcode: 'ZZ9 9ZZ', topics: ['asb'] }, ['postcode']],
      [{ email: 'partial.pc@example.org', postcode: 'ZZ1', topics: ['asb'] }, ['postcode']],
      [{ email: 'old.pc@example.org', postcode: POSTCODES.terminated, topics: ['asb'] }, ['postcode']],
    ];
    for (const [body, path] of cases) {
      const response = await signUp(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await json<ErrorJson>(response)).error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    const schema = await signUp({ email: 'not-an-address', topics: [] });
    expect(schema.status).toBe(422);
    expect((await json<ErrorJson>(schema)).error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining([['json', 'email'], ['json', 'topics'], ['json', 'postcode']]));

    expect(await scanTable(testApp.client, contactsTable())).toEqual(before);
    expect(await mailsTo('bad.ward@example.org')).toEqual([]);
  });

  it('answers a bot that fills the honeypot as if it worked, and stores and sends nothing', async () => {
    const response = await signUp({ email: 'bot@example.org', wardCodes: [WARDS.abbey], topics: ['asb'], website: 'https://spam.example' });

    expect(response.status).toBe(202);
    expect(await testApp.repositories.contacts.byEmail('bot@example.org')).toBeNull();
    expect(await mailsTo('bot@example.org')).toEqual([]);
  });

  it('limits sign-ups per network address with 429 and Retry-After', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.99' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await signUp({ email: `flood.${i}@example.org`, wardCodes: [WARDS.abbey], topics: ['asb'] }, ip)).status);

    expect(statuses.filter((status) => status === 202)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
    const refused = await signUp({ email: 'flood.x@example.org', wardCodes: [WARDS.abbey], topics: ['asb'] }, ip);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await json<ErrorJson>(refused)).error.code).toBe('request.rate_limited');
  });

  it('sends at most three confirmation e-mails an hour to one address, however often it is typed in', async () => {
    const email = 'mailbombed.mo@example.org';
    for (let i = 0; i < 5; i++) expect((await signUp({ email, wardCodes: [WARDS.brook], topics: ['general'] })).status).toBe(202);

    expect(await mailsTo(email)).toHaveLength(3);
  });
});

describe('unsubscribing (RFC 8058)', () => {
  it('puts one-click List-Unsubscribe headers in every message and unsubscribes on the POST, without a login', async () => {
    const email = 'leaving.lee@example.org';
    await signUpConfirmed(email, { wardCodes: [WARDS.brook], topics: ['burglary'] });
    const message = messageFixture({ scope: { scope: 'wards', codes: [WARDS.brook] }, topics: ['burglary'] });
    await testApp.repositories.messages.create(message);
    expect(await runSendJob({ repositories: testApp.repositories, messages: testApp.repositories.messages, messaging: testApp.mailing, logger: testApp.logger, options: { ratePerSecond: 0 } }, message.id)).toBe('sent');
    const mail = await lastMailTo(email);
    const before = (await wardCounts(WARDS.brook)).topics.burglary.count;

    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const targets = [...mail.headers['list-unsubscribe']!.matchAll(/<([^>]+)>/g)].map((match) => match[1]!);
    expect(targets).toEqual([expect.stringMatching(/^https:\/\/wardpulse\.test\/api\/public\/unsubscribe\?token=/), 'mailto:unsubscribe@wardpulse.test?subject=unsubscribe']);
    const oneClick = new URL(targets[0]!);

    const page = await testApp.app.request(`${oneClick.pathname}${oneClick.search}`);
    expect(page.status).toBe(200);
    expect(await json(page)).toMatchObject({ email: 'l***@example.org', status: 'active' });

    const posted = await testApp.app.request(`${oneClick.pathname}${oneClick.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(posted.status).toBe(200);
    expect(await json(posted)).toEqual({ status: 'unsubscribed' });
    expect((await wardCounts(WARDS.brook)).topics.burglary.count).toBe(before - 1);
    expect(await testApp.repositories.contacts.byEmail(email)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(String) });

    const again = await testApp.app.request(`${oneClick.pathname}${oneClick.search}`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect((await wardCounts(WARDS.brook)).topics.burglary.count).toBe(before - 1);
    expect(await json(await testApp.app.request(`${oneClick.pathname}${oneClick.search}`))).toMatchObject({ status: 'unsubscribed' });
  });

  it('still refuses other non-JSON bodies everywhere else', async () => {
    const response = await testApp.app.request('/api/public/signups', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.org' });

    expect(response.status).toBe(415);
  });
});

describe('managing and deleting a sign-up', () => {
  it('shows, changes and deletes a sign-up from the manage link, keeping the counters right', async () => {
    const email = 'moving.mia@example.org';
    const manage = await signUpConfirmed(email, { postcode: POSTCODES.castle, topics: ['asb'] });
    const castleBefore = await wardCounts(WARDS.castle);
    const abbeyBefore = await wardCounts(WARDS.abbey);

    const shown = await request('GET', '/api/public/signups/me', link(manage));
    expect(shown.status).toBe(200);
    expect(await json(shown)).toMatchObject({ email, status: 'active', wardCodes: [WARDS.castle], wards: [{ code: WARDS.castle, name: 'Castle (test)' }], topics: ['asb'] });

    const changed = await request('PUT', '/api/public/signups/me', link(manage), { wardCodes: [WARDS.abbey], topics: ['asb', 'events'] });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ wardCodes: [WARDS.abbey], topics: ['asb', 'events'] });
    expect((await wardCounts(WARDS.castle)).active.count).toBe(castleBefore.active.count - 1);
    expect((await wardCounts(WARDS.abbey)).topics.events.count).toBe(abbeyBefore.topics.events.count + 1);

    const contact = (await testApp.repositories.contacts.byEmail(email))!;
    const deleted = await request('DELETE', '/api/public/signups/me', link(manage));
    expect(deleted.status).toBe(200);
    expect((await wardCounts(WARDS.abbey)).active.count).toBe(abbeyBefore.active.count);
    expect((await request('GET', '/api/public/signups/me', link(manage))).status).toBe(404);
    const left = (await scanTable(testApp.client, contactsTable())).filter((item) => JSON.stringify(item).includes(contact.id) || JSON.stringify(item).includes(email));
    expect(left).toEqual([]);
    expect((await request('DELETE', '/api/public/signups/me', link(manage))).status).toBe(404);
  });

  it('refuses a change to wards that are not the force’s', async () => {
    const manage = await signUpConfirmed('careful.cat@example.org', { wardCodes: [WARDS.dale], topics: ['general'] });

    const response = await request('PUT', '/api/public/signups/me', link(manage), { wardCodes: ['E05999998'], topics: ['general'] });

    expect(response.status).toBe(422);
    expect((await json<ErrorJson>(response)).error.issues).toEqual([expect.objectContaining({ path: ['wardCodes', 0], code: 'signup.unknown_ward' })]);
    expect(await testApp.repositories.contacts.byEmail('careful.cat@example.org')).toMatchObject({ wardCodes: [WARDS.dale] });
  });

  it('keeps only the random contact id on delivery records after the resident deletes their data', async () => {
    const email = 'gone.greg@example.org';
    const manage = await signUpConfirmed(email, { wardCodes: [WARDS.dale], topics: ['burglary'] });
    const contact = (await testApp.repositories.contacts.byEmail(email))!;
    const message = messageFixture({ scope: { scope: 'wards', codes: [WARDS.dale] }, topics: [] });
    await testApp.repositories.messages.create(message);
    await runSendJob({ repositories: testApp.repositories, messages: testApp.repositories.messages, messaging: testApp.mailing, logger: testApp.logger, options: { ratePerSecond: 0 } }, message.id);

    expect((await request('DELETE', '/api/public/signups/me', link(manage))).status).toBe(200);

    const remaining = (await scanTable(testApp.client, contactsTable())).filter((item) => JSON.stringify(item).includes(contact.id));
    expect(remaining).toEqual([expect.objectContaining({ ...contactKeys.delivery(message.id, contact.id), state: 'sent' })]);
    expect(JSON.stringify(remaining)).not.toContain(email);
    expect(remaining[0]).not.toHaveProperty('email');
  });
});

describe('signed links', () => {
  it('refuses missing, garbled, forged, expired and wrong-purpose tokens with 400 naming the token', async () => {
    const email = 'tokens.tom@example.org';
    const manage = await signUpConfirmed(email, { wardCodes: [WARDS.abbey], topics: ['asb'] });
    const contact = (await testApp.repositories.contacts.byEmail(email))!;
    const forged = await signContactToken(new TextEncoder().encode('a-different-secret-of-at-least-32-chars'), 'manage', contact.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 31 * 86_400_000));
    const expired = await signContactToken(testApp.mailing.linkSecret, 'manage', contact.id);
    vi.useRealTimers();
    const unsubscribeToken = await signContactToken(testApp.mailing.linkSecret, 'unsubscribe', contact.id);

    const missing = await request('GET', '/api/public/signups/me');
    expect(missing.status).toBe(400);
    expect((await json<ErrorJson>(missing)).error.issues[0]!.path).toEqual(['header', 'x-link-token']);
    // A token in the URL (which CloudFront and API Gateway log) is not read: only the header counts.
    const inUrl = await request('GET', `/api/public/signups/me?token=${manage}`);
    expect(inUrl.status).toBe(400);
    expect((await json<ErrorJson>(inUrl)).error.issues[0]!.path).toEqual(['header', 'x-link-token']);
    const cases: [string, string, string | null, string][] = [
      ['GET', '/api/public/signups/me', 'not.a.token-at-all-really', 'link.invalid'],
      ['GET', '/api/public/signups/me', forged, 'link.invalid'],
      ['PUT', '/api/public/signups/me', expired, 'link.expired'],
      ['DELETE', '/api/public/signups/me', unsubscribeToken, 'link.invalid'],
      ['POST', '/api/public/unsubscribe', manage, 'link.invalid'],
      // The one-click URL (the only token in a URL) is purpose-bound: a manage token is refused there too.
      ['POST', `/api/public/unsubscribe?token=${manage}`, null, 'link.invalid'],
      ['POST', '/api/public/signups/confirm', manage, 'link.invalid'],
    ];
    for (const [method, path, token, code] of cases) {
      const response = await request(method, path, token ? link(token) : {}, method === 'PUT' ? { wardCodes: [WARDS.brook], topics: ['asb'] } : undefined);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect((await json<ErrorJson>(response)).error).toMatchObject({ code, issues: [{ path: ['query', 'token'] }] });
    }
    expect(await testApp.repositories.contacts.byEmail(email)).toMatchObject({ status: 'active', wardCodes: [WARDS.abbey] });
  });
});

describe('staff views', () => {
  it('gives every staff role the counts by ward and topic, flagging small ones, and refuses residents', async () => {
    const response = await request('GET', '/api/staff/signups/counts', officer);

    expect(response.status).toBe(200);
    const body = await json<{ threshold: number; wards: WardRow[] }>(response);
    expect(body.threshold).toBe(10);
    expect(body.wards.map((row) => row.wardCode).sort()).toEqual(Object.values(WARDS).sort());
    for (const row of body.wards) {
      expect(row.active.belowThreshold).toBe(row.active.count > 0 && row.active.count < 10);
      expect(Object.keys(row.topics)).toHaveLength(9);
    }
    expect((await request('GET', '/api/staff/signups/counts')).status).toBe(401);
  });

  it('shows the local outbox to officers with addresses masked, to administrators in full, and not to analysts', async () => {
    await signUp({ email: 'outbox.olive@example.org', wardCodes: [WARDS.abbey], topics: ['asb'] });

    const asAdmin = await json<OutboxList>(await request('GET', '/api/staff/outbox?limit=500', admin));
    const asOfficer = await json<OutboxList>(await request('GET', '/api/staff/outbox?limit=500', officer));

    const mine = asAdmin.mails.find((mail) => mail.to === 'outbox.olive@example.org')!;
    expect(mine).toMatchObject({ subject: expect.stringMatching(/^Confirm/), file: expect.stringMatching(/\.eml$/) });
    expect(asOfficer.mails.find((mail) => mail.file === mine.file)).toMatchObject({ to: 'o***@example.org' });
    const opened = await json(await request('GET', `/api/staff/outbox/${mine.file}`, admin));
    expect(opened).toMatchObject({ to: 'outbox.olive@example.org', text: expect.stringContaining('/signup/confirm#token='), html: expect.stringContaining('<h1>') });
    expect((await request('GET', '/api/staff/outbox/../../etc/passwd', admin)).status).toBe(404);
    expect((await request('GET', '/api/staff/outbox/2026-01-01T00-00-00-000Z-00000000.eml', admin)).status).toBe(404);
    expect((await request('GET', '/api/staff/outbox', analyst)).status).toBe(403);
  });
});
