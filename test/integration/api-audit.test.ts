import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let tableName: string;
let admin: Record<string, string>;
let officer: Record<string, string>;

interface Entry {
  at: string;
  actor: string;
  action: string;
  kind: string;
  summary: string;
  detail: Record<string, unknown>;
}
interface Page {
  from: string;
  to: string;
  events: Entry[];
  nextCursor: string | null;
}

const request = async (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  testApp.app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

const audit = async (query: string) => {
  const response = await request('GET', `/api/staff/admin/audit?${query}`, admin);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
};

/** An entry as older releases wrote it: the object's id, never its name. */
async function putOldEntry(at: string, actor: string, action: string, detail: Record<string, unknown>) {
  const id = randomUUID();
  await testApp.client.send(new PutCommand({ TableName: tableName, Item: { pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}`, entity: 'AuditEvent', id, at, actor, action, detail } }));
}

let surveyId: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
  tableName = await createTestTable();
  testApp = createTestApp({ issuer, tableName });
  admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'ada' })}` };
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };

  const created = (await (await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'audit-priorities' })).json()) as { survey: { id: string; revision: number } };
  surveyId = created.survey.id;
  const published = await request('POST', `/api/staff/surveys/${surveyId}/publish`, officer, { expectedRevision: created.survey.revision });
  expect(published.status).toBe(200);
  await request('PUT', '/api/staff/admin/settings', admin, { expectedVersion: 0, settings: { forceName: 'West Midlands Police', retentionDays: 365, disclosureThreshold: 10 } });

  // Three old entries in earlier months, by two people, for the date-range and paging filters.
  await putOldEntry('2026-01-10T09:00:00.000Z', 'ada', 'settings.updated', { version: 1, forceName: 'Old name', retentionDays: 400, disclosureThreshold: 10 });
  await putOldEntry('2026-02-03T10:00:00.000Z', 'owen', 'survey.published', { surveyId, version: 1 });
  await putOldEntry('2026-03-20T11:30:00.000Z', 'owen', 'message.sending', { messageId: 'gone-message-1234' });
});
afterAll(async () => {
  await issuer.stop();
});

describe('the audit trail', () => {
  it('says who did what to which named object, in plain English', async () => {
    const page = await audit('');

    const published = page.events.find((event) => event.action === 'survey.published' && event.at >= page.from);
    expect(published).toMatchObject({ actor: 'owen', kind: 'survey', detail: { surveyId, version: 1 } });
    expect(published?.summary).toMatch(/^Published survey ‘.+’ \(version 1\)$/);
    expect(published?.detail.name).toEqual(expect.any(String));
    expect(published?.summary).toContain(`‘${String(published?.detail.name)}’`);
    const settings = page.events.find((event) => event.action === 'settings.updated');
    expect(settings?.summary).toBe('Changed the force settings (version 1): name ‘West Midlands Police’, keep responses 365 days, disclosure threshold 10');
    expect(page.events.every((event) => !/^[a-z]+\.[a-z_]+$/.test(event.summary))).toBe(true);
  });

  it('names the object of an old entry that stored only its id, and says so when the object is gone', async () => {
    const page = await audit('from=2026-02-01&to=2026-03-31');

    expect(page.events.map((event) => event.summary)).toEqual([
      'Started sending a message that no longer exists (gone-mes)',
      `Published survey ‘${String((await audit('kind=survey')).events[0]?.detail.name)}’ (version 1)`,
    ]);
  });

  it('filters by person, by kind and by date range on the server', async () => {
    const byOwen = await audit('from=2026-01-01&to=2026-12-31&actor=owen');
    const surveys = await audit('from=2026-01-01&to=2026-12-31&kind=survey');
    const january = await audit('from=2026-01-01&to=2026-01-31');

    expect(byOwen.events.length).toBeGreaterThanOrEqual(3);
    expect(byOwen.events.every((event) => event.actor === 'owen')).toBe(true);
    expect(surveys.events.length).toBeGreaterThanOrEqual(2);
    expect(surveys.events.every((event) => event.action.startsWith('survey.'))).toBe(true);
    expect(january.events.map((event) => [event.at, event.actor, event.action])).toEqual([['2026-01-10T09:00:00.000Z', 'ada', 'settings.updated']]);
  });

  it('pages through a range across months, newest first, without repeats or gaps', async () => {
    const all = await audit('from=2026-01-01&to=2026-03-31&limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;

    do {
      const page: Page = await audit(`from=2026-01-01&to=2026-03-31&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.events.map((event) => event.at));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(all.events.map((event) => event.at)).toEqual(['2026-03-20T11:30:00.000Z', '2026-02-03T10:00:00.000Z', '2026-01-10T09:00:00.000Z']);
    expect(seen).toEqual(all.events.map((event) => event.at));
  });

  it('refuses a malformed filter with a plain 400 naming it', async () => {
    const response = await request('GET', '/api/staff/admin/audit?from=2026-05-01&to=2026-04-01', admin);
    const kind = await request('GET', '/api/staff/admin/audit?kind=everything', admin);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('From date must be on or before the to date.');
    expect(kind.status).toBe(400);
    expect(((await kind.json()) as { error: { message: string } }).error.message).toBe('1 value in the address needs changing: Kind must be one of settings, survey, message, export, geography.');
  });
});

// Last: it adds survey events, which the filters above count.
describe('the audit trail of a closed survey', () => {
  it('names who closed a survey, not who created it', async () => {
    const created = (await (await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'audit-closed-by-other' })).json()) as { survey: { id: string; revision: number } };
    const published = (await (await request('POST', `/api/staff/surveys/${created.survey.id}/publish`, officer, { expectedRevision: created.survey.revision })).json()) as { survey: { revision: number } };
    const otherOfficer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'olga' })}` };

    const closed = await request('POST', `/api/staff/surveys/${created.survey.id}/close`, otherOfficer, { expectedRevision: published.survey.revision });

    expect(closed.status).toBe(200);
    const entry = (await audit('kind=survey&limit=200')).events.find((event) => event.action === 'survey.closed' && event.detail.surveyId === created.survey.id);
    expect(entry?.actor).toBe('olga');
  });
});
