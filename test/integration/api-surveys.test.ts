import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let tableName: string;
let officer: Record<string, string>;
let analyst: Record<string, string>;

type Json = Record<string, unknown>;
type Detail = { survey: { id: string; revision: number; status: string; publishedVersion: number; draftVersion: number | null; slug: string }; checks: { severity: string; code: string }[] };

const request = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  testApp.app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

async function createPublished(slug: string, template: 'priorities' | 'impact-area' = 'priorities'): Promise<Detail['survey']> {
  const created = (await (await request('POST', '/api/staff/surveys', officer, { template, slug })).json()) as Detail;
  const published = await request('POST', `/api/staff/surveys/${created.survey.id}/publish`, officer, { expectedRevision: created.survey.revision });
  expect(published.status).toBe(200);
  return ((await published.json()) as { survey: Detail['survey'] }).survey;
}

const answers = (ward = 'E05001278') => ({
  area: { wardCode: ward, method: 'postcode' },
  top_priorities: { ranking: ['drugs', 'asb', 'roads'] },
  safe_after_dark: { optionId: 'fairly_unsafe' },
  feel_safer: { optionIds: ['sense_of_community'] },
  anything_else: { text: 'Thank you, the neighbourhood team has been brilliant' },
});

const submit = (surveyId: string, version: number, body: Json = {}, headers: Record<string, string> = {}) =>
  request('POST', '/api/public/responses', { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200)}`, ...headers }, { id: randomUUID(), surveyId, version, locale: 'en', answers: answers(), ...body });

async function wardCounters(surveyId: string, version: number) {
  return testApp.repositories.responses.aggregates(surveyId, version);
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  tableName = await createTestTable();
  testApp = createTestApp({ issuer, tableName });
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'] })}` };
});
afterAll(async () => {
  await issuer.stop();
});

describe('designing and publishing', () => {
  it('creates a draft from a template that passes every check, and publishes it as version 1', async () => {
    const created = await request('POST', '/api/staff/surveys', officer, { template: 'impact-area', slug: 'sandwell-ia-w1', wave: 1 });

    expect(created.status).toBe(201);
    const detail = (await created.json()) as Detail;
    expect(detail.survey).toMatchObject({ status: 'draft', draftVersion: 1, publishedVersion: 0 });
    expect(detail.checks.filter((c) => c.severity === 'error')).toEqual([]);

    const published = await request('POST', `/api/staff/surveys/${detail.survey.id}/publish`, officer, { expectedRevision: detail.survey.revision });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ survey: { status: 'published', publishedVersion: 1, draft: null }, version: { version: 1, wave: 1 } });
  });

  it('refuses to publish a draft with problems, naming each', async () => {
    const created = (await (await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'broken-draft' })).json()) as Detail & { survey: { draft: { questions: Json[] } } };
    const content = { ...(created.survey as unknown as { draft: Json }).draft, questions: [{ id: 'q1', type: 'text', title: { en: 'Why?' }, showIf: { questionId: 'nowhere', operator: 'answered' } }] };
    const saved = (await (await request('PUT', `/api/staff/surveys/${created.survey.id}/draft`, officer, { expectedRevision: created.survey.revision, content })).json()) as Detail;

    const response = await request('POST', `/api/staff/surveys/${created.survey.id}/publish`, officer, { expectedRevision: saved.survey.revision });

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; issues: { code: string }[] } };
    expect(error.code).toBe('survey.not_publishable');
    expect(error.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['draft.broken_condition', 'draft.missing_translation']));
  });

  it('refuses a stale edit with 409', async () => {
    const created = (await (await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'stale-edit' })).json()) as Detail & { survey: { draft: Json } };
    const first = await request('PUT', `/api/staff/surveys/${created.survey.id}/draft`, officer, { expectedRevision: created.survey.revision, content: created.survey.draft });
    const stale = await request('PUT', `/api/staff/surveys/${created.survey.id}/draft`, officer, { expectedRevision: created.survey.revision, content: created.survey.draft });

    expect(first.status).toBe(200);
    expect(stale.status).toBe(409);
  });

  it('refuses survey design to analysts', async () => {
    const response = await request('POST', '/api/staff/surveys', analyst, { template: 'priorities', slug: 'analyst-try' });

    expect(response.status).toBe(403);
  });

  it('refuses a slug that is already taken', async () => {
    await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'taken-slug' });

    const second = await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'taken-slug' });

    expect(second.status).toBe(409);
  });
});

describe('storing a response exactly once', () => {
  it('stores a response and its ward aggregates in one go', async () => {
    const survey = await createPublished('exactly-once');

    const response = await submit(survey.id, 1);

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ wardCode: 'E05001278', replayed: false });
    const { main, breakdown } = await wardCounters(survey.id, 1);
    expect(main.get('E05001278')).toMatchObject({ n: 1, 'top_priorities#r#drugs#1': 1, 'safe_after_dark#o#fairly_unsafe': 1, 'feel_safer#o#sense_of_community': 1, 'anything_else#s#positive': 1 });
    expect(breakdown.size).toBe(0);
  });

  it('returns the original receipt for a retry and counts it once', async () => {
    const survey = await createPublished('retry-once');
    const body = { id: randomUUID(), surveyId: survey.id, version: 1, locale: 'en', answers: answers() };

    const first = await request('POST', '/api/public/responses', {}, body);
    const retries = await Promise.all([1, 2, 3].map(() => request('POST', '/api/public/responses', {}, body)));

    expect(first.status).toBe(201);
    const receipt = (await first.json()) as Json;
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ ...receipt, replayed: true });
    }
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(1);
  });

  it('still answers a retry as a replay, counted once, after the answers have expired (TTL) and been deleted', async () => {
    const survey = await createPublished('retry-after-expiry');
    const body = { id: randomUUID(), surveyId: survey.id, version: 1, locale: 'en', answers: answers() };
    const first = (await (await request('POST', '/api/public/responses', {}, body)).json()) as Json;
    // What DynamoDB's TTL sweep does once the retention period has passed: the answers go.
    await testApp.client.send(new DeleteCommand({ TableName: tableName, Key: { pk: `RESPONSE#${body.id}`, sk: 'R' } }));
    expect(await testApp.repositories.responses.get(body.id)).toBeNull();

    const late = await request('POST', '/api/public/responses', {}, body);
    const clash = await request('POST', '/api/public/responses', {}, { ...body, answers: answers('E05001279') });

    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ ...first, replayed: true });
    expect(clash.status).toBe(409);
    expect(await testApp.repositories.responses.get(body.id)).toBeNull();
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(1);
    expect((await wardCounters(survey.id, 1)).main.get('E05001279')).toBeUndefined();
  });

  it('keeps nothing of the answers in the receipt that outlives them', async () => {
    const survey = await createPublished('receipt-contents');
    const id = randomUUID();
    await request('POST', '/api/public/responses', {}, { id, surveyId: survey.id, version: 1, locale: 'en', answers: answers() });

    const { Item } = await testApp.client.send(new GetCommand({ TableName: tableName, Key: { pk: `RESPONSE#${id}`, sk: 'RECEIPT' } }));

    expect(Object.keys(Item ?? {}).sort()).toEqual(['bodyHash', 'entity', 'pk', 'receivedAt', 'sk', 'wardCode']);
    expect(Item?.expiresAt).toBeUndefined();
  });

  it('counts concurrent duplicates of one response once', async () => {
    const survey = await createPublished('concurrent-once');
    const body = { id: randomUUID(), surveyId: survey.id, version: 1, locale: 'en', answers: answers() };

    const results = await Promise.all(Array.from({ length: 6 }, () => request('POST', '/api/public/responses', {}, body)));

    expect(results.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(1);
  });

  it('answers 409 when a different body reuses an id, and keeps the first', async () => {
    const survey = await createPublished('reused-id');
    const id = randomUUID();
    await request('POST', '/api/public/responses', {}, { id, surveyId: survey.id, version: 1, locale: 'en', answers: answers() });

    const clash = await request('POST', '/api/public/responses', {}, { id, surveyId: survey.id, version: 1, locale: 'en', answers: answers('E05001279') });

    expect(clash.status).toBe(409);
    expect((await wardCounters(survey.id, 1)).main.has('E05001279')).toBe(false);
  });

  it('refuses invalid answers with every problem named, storing nothing', async () => {
    const survey = await createPublished('invalid-answers');

    const response = await submit(survey.id, 1, { answers: { top_priorities: { ranking: ['asb', 'asb'] }, bogus: { text: 'x' } } });

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: { path: string[] }[] } };
    expect(error.issues.map((i) => i.path.join('.')).sort()).toEqual(['answers.area', 'answers.bogus', 'answers.top_priorities']);
    expect((await wardCounters(survey.id, 1)).main.size).toBe(0);
  });

  it('refuses responses to a closed survey', async () => {
    const survey = await createPublished('closed-survey');
    await request('POST', `/api/staff/surveys/${survey.id}/close`, officer, { expectedRevision: survey.revision });

    const response = await submit(survey.id, 1);

    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('survey.closed');
  });

  it('refuses a survey closed after this process last took a response to it, storing nothing (the version is cached, the survey is not)', async () => {
    const survey = await createPublished('closed-after-use');
    expect((await submit(survey.id, 1)).status).toBe(201);
    await request('POST', `/api/staff/surveys/${survey.id}/close`, officer, { expectedRevision: survey.revision });

    const response = await submit(survey.id, 1);

    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('survey.closed');
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(1);
  });

  it('still takes an earlier version while the survey is published, and refuses it once closed', async () => {
    const survey = await createPublished('earlier-version');
    const editing = (await (await request('POST', `/api/staff/surveys/${survey.id}/edit`, officer, { expectedRevision: survey.revision })).json()) as Detail;
    const published = (await (await request('POST', `/api/staff/surveys/${survey.id}/publish`, officer, { expectedRevision: editing.survey.revision })).json()) as { survey: Detail['survey'] };

    expect((await submit(survey.id, 1)).status).toBe(201);
    await request('POST', `/api/staff/surveys/${survey.id}/close`, officer, { expectedRevision: published.survey.revision });
    expect((await submit(survey.id, 1)).status).toBe(422);
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(1);
  });

  it('answers a retry with its receipt even once the sender’s allowance is used up, and a refused submission stores nothing', async () => {
    const survey = await createPublished('limited-replay');
    const headers = { 'x-forwarded-for': '198.51.100.79' };
    const first = { id: randomUUID() };
    expect((await submit(survey.id, 1, first, headers)).status).toBe(201);
    for (let i = 1; i < 30; i++) expect((await submit(survey.id, 1, {}, headers)).status).toBe(201);

    const refused = await submit(survey.id, 1, {}, headers);
    const retry = await submit(survey.id, 1, first, headers);

    expect(refused.status).toBe(429);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id: first.id, replayed: true });
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(30);
  });

  it('keeps versions apart: an edit publishes version 2 without touching version 1’s counts', async () => {
    const survey = await createPublished('versioned');
    await submit(survey.id, 1);
    const editing = (await (await request('POST', `/api/staff/surveys/${survey.id}/edit`, officer, { expectedRevision: survey.revision })).json()) as Detail;
    await request('POST', `/api/staff/surveys/${survey.id}/publish`, officer, { expectedRevision: editing.survey.revision });

    const v2 = await submit(survey.id, 2);

    expect(v2.status).toBe(201);
    expect((await wardCounters(survey.id, 1)).main.get('E05001278')?.n).toBe(1);
    expect((await wardCounters(survey.id, 2)).main.get('E05001278')?.n).toBe(1);
  });

  it('stores nothing for a honeypot submission yet answers as if it had', async () => {
    const survey = await createPublished('honeypot');

    const response = await submit(survey.id, 1, { website: 'http://spam.example' });

    expect(response.status).toBe(201);
    expect((await wardCounters(survey.id, 1)).main.size).toBe(0);
  });

  it('limits submissions per network address and says when to retry', async () => {
    const survey = await createPublished('rate-limited');
    const headers = { 'x-forwarded-for': '198.51.100.77' };

    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await submit(survey.id, 1, {}, headers)).status);
    const limited = await submit(survey.id, 1, {}, headers);

    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits by the address the proxy saw, so a resident cannot escape the limit by writing their own X-Forwarded-For', async () => {
    const survey = await createPublished('rate-limit-spoof');
    // Each request claims a new address first; the proxy in front appended the one it saw last.
    const spoofed = (i: number) => ({ 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}, 198.51.100.78` });

    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await submit(survey.id, 1, {}, spoofed(i))).status);

    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('answers 500 (which the phone retries), never 422 (which it takes as a refusal and drops), when stored data cannot be read', async () => {
    const survey = await createPublished('unreadable-version');
    // A version item damaged in the table (or written by a newer release this one cannot read).
    const key = { pk: `SURVEY#${survey.id}`, sk: 'V#0001' };
    const { Item } = await testApp.client.send(new GetCommand({ TableName: tableName, Key: key }));
    await testApp.client.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'SET content = :content', ExpressionAttributeValues: { ':content': 'not a survey' } }));

    const response = await submit(survey.id, 1);
    // Mended, so the open-survey list the later tests read is whole again.
    await testApp.client.send(new PutCommand({ TableName: tableName, Item: Item! }));

    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('internal.error');
  });

  it('recounts raw responses to exactly the stored aggregates', async () => {
    const survey = await createPublished('verify-recount');
    await Promise.all(['E05001278', 'E05001279', 'E05001280', 'E05001278'].map((ward) => submit(survey.id, 1, { answers: { ...answers(ward), ethnicity: { optionId: 'white' } } })));

    const response = await request('GET', `/api/staff/surveys/${survey.id}/versions/1/verify`, analyst);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ responses: 4, wards: 3, drift: [] });
  });
});

describe('residents find a survey by its link', () => {
  it('serves the published version at its slug and lists it as open', async () => {
    const survey = await createPublished('find-me');

    const page = await request('GET', '/api/public/surveys/find-me');
    const list = (await (await request('GET', '/api/public/surveys')).json()) as { surveys: { slug: string }[] };

    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ surveyId: survey.id, version: 1, open: true });
    expect(list.surveys.map((s) => s.slug)).toContain('find-me');
  });

  it('answers 404 for an unknown link', async () => {
    expect((await request('GET', '/api/public/surveys/no-such-survey')).status).toBe(404);
  });
});
