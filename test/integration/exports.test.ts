/**
 * Exports through the API against DynamoDB Local: ask → the job runs (in process, as locally) →
 * poll → download through the local file route → parse the file back. Geography is Sandwell's
 * real wards; responses go through the real submit path, so results come from real aggregates.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreSentiment } from '@wardpulse/analytics';
import type { Repositories } from '@wardpulse/data';
import { runExportJob } from '@wardpulse/functions/exports';
import { importBoundaries } from '@wardpulse/functions/geo-import';
import { DiskFileStore } from '@wardpulse/functions/jobs';
import { submitResponse } from '@wardpulse/functions/surveys';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

const SANDWELL_WARDS = new URL('../../../shared/data/geography/wards_wd25_E08000028.geojson', import.meta.url);
const ABBEY = 'E05001260';
const BLACKHEATH = 'E05001261';
const BRISTNALL = 'E05001262';
/** Abbey 24 (shown), Blackheath 3 and Bristnall 7 (each withheld; together 10, so neither can be worked out from Sandwell's total). */
const WARDS = [...Array<string>(24).fill(ABBEY), ...Array<string>(3).fill(BLACKHEATH), ...Array<string>(7).fill(BRISTNALL)];
const TOTAL = WARDS.length;
const URDU = 'پارک کے پاس شام کو زیادہ گشت کریں';

type Json = Record<string, unknown>;
interface Job {
  id: string;
  surveyId: string;
  status: string;
  fileName: string;
  bytes?: number;
  progress: { rows: number; totalRows?: number };
  error?: { code: string; message: string };
  request: Json;
  requestedBy: string;
}

let issuer: TestIssuer;
let repositories: Repositories;
let app: ReturnType<typeof createTestApp>['app'];
let jobs: ReturnType<typeof createTestApp>['jobs'];
let analyst: Record<string, string>;
let surveyId: string;
let unpublishedId: string;

const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = analyst) =>
  app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

/** Asks for an export, lets the job run, and returns the finished job and its download. */
async function exportOf(body: Json, id = surveyId, as = analyst): Promise<{ job: Job; download?: { url: string; expiresAt: string; withAuthorization: boolean } }> {
  const asked = await request('POST', `/api/staff/surveys/${id}/exports`, body, as);
  expect(asked.status).toBe(202);
  const { job } = (await asked.json()) as { job: Job };
  expect(job.status).toBe('queued');
  await jobs.idle();
  const polled = await request('GET', `/api/staff/exports/${job.id}`, undefined, as);
  expect(polled.status).toBe(200);
  return (await polled.json()) as { job: Job; download?: { url: string; expiresAt: string; withAuthorization: boolean } };
}

async function downloaded(body: Json, as = analyst): Promise<{ job: Job; response: Response; bytes: Buffer }> {
  const { job, download } = await exportOf(body, surveyId, as);
  expect(job.status).toBe('succeeded');
  expect(download).toMatchObject({ url: `/api/staff/exports/${job.id}/file`, withAuthorization: true });
  const response = await request('GET', download!.url, undefined, as);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(job.bytes).toBe(bytes.length);
  return { job, response, bytes };
}

const answers = (ward: string, i: number) => ({
  area: { wardCode: ward, method: 'postcode' as const },
  top_priorities: { ranking: i % 2 === 0 ? ['drugs', 'asb', 'roads'] : ['asb', 'drugs', 'burglary'] },
  safe_after_dark: { optionId: 'fairly_safe' },
  feel_safer: { optionIds: ['sense_of_community'] },
  good_job: { optionId: 'good' },
  anything_else: { text: i === 0 ? `=HYPERLINK("http://evil.example") email me at jo.bloggs@example.com ${URDU}` : 'More patrols near the park please, thank you' },
  age_band: { optionId: 'age_35_44' },
});

beforeAll(async () => {
  issuer = await startTestIssuer();
  // The shared test app runs every job kind in process (`runJob`), as the local stack does.
  ({ app, repositories, jobs } = createTestApp({ issuer, tableName: await createTestTable() }));
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'], username: 'ana' })}` };
  const officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };
  await importBoundaries(repositories, readFileSync(SANDWELL_WARDS, 'utf8'), { source: 'wards_wd25_E08000028.geojson', actor: 'test' });

  const created = (await (await request('POST', '/api/staff/surveys', { template: 'priorities', slug: 'export-test' }, officer)).json()) as { survey: { id: string; revision: number } };
  surveyId = created.survey.id;
  expect((await request('POST', `/api/staff/surveys/${surveyId}/publish`, { expectedRevision: created.survey.revision }, officer)).status).toBe(200);
  const draft = (await (await request('POST', '/api/staff/surveys', { template: 'priorities', slug: 'export-unpublished' }, officer)).json()) as { survey: { id: string } };
  unpublishedId = draft.survey.id;

  for (const [i, ward] of WARDS.entries()) {
    await submitResponse({ repositories, sentiment: scoreSentiment }, { id: randomUUID(), surveyId, version: 1, locale: i % 4 === 0 ? 'ur' : 'en', answers: answers(ward, i) });
  }
}, 120_000);
afterAll(async () => {
  await issuer.stop();
});

describe('respondent-level exports', () => {
  it('exports every response as CSV: one header of stable ids, ward names, redacted and formula-safe text, no postcode', async () => {
    const { job, response, bytes } = await downloaded({ kind: 'responses', format: 'csv' });

    expect(job).toMatchObject({ status: 'succeeded', requestedBy: 'ana', request: { kind: 'responses', format: 'csv', redactText: true }, progress: { rows: TOTAL, totalRows: TOTAL } });
    expect(job.fileName).toMatch(/^export-test-responses-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${job.fileName}"; filename*=UTF-8''${job.fileName}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [header, ...rows] = parse(bytes, { bom: true }) as string[][];
    expect(header?.slice(0, 9)).toEqual(['response_id', 'survey_version', 'submitted_date', 'locale', 'ward_code', 'ward_name', 'district_code', 'district_name', 'flags']);
    expect(header).toEqual(expect.arrayContaining(['top_priorities__drugs', 'safe_after_dark', 'safe_after_dark__score', 'feel_safer__sense_of_community', 'anything_else', 'age_band']));
    expect(rows).toHaveLength(TOTAL);
    const column = (name: string) => rows.map((row) => row[header!.indexOf(name)]);
    expect(new Set(column('ward_name'))).toEqual(new Set(['Abbey', 'Blackheath', 'Bristnall']));
    expect(new Set(column('district_name'))).toEqual(new Set(['Sandwell']));
    const risky = column('anything_else').find((text) => text?.includes('HYPERLINK'));
    expect(risky?.startsWith("'=HYPERLINK")).toBe(true);
    expect(risky).toContain(URDU);
    expect(risky).not.toContain('jo.bloggs@example.com');
    expect(bytes.toString('utf8')).not.toMatch(/postcode/i);
  });

  it('exports responses as XLSX with a Dictionary and an About sheet, and keeps text unredacted only when an administrator asks', async () => {
    const admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'ada' })}` };
    const { job, response, bytes } = await downloaded({ kind: 'responses', format: 'xlsx', redactText: false }, admin);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);

    expect(job.fileName).toMatch(/-responses-unredacted-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Responses', 'Dictionary', 'About']);
    const sheet = workbook.getWorksheet('Responses')!;
    expect(sheet.rowCount).toBe(TOTAL + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const texts: unknown[] = [];
    sheet.eachRow((row, index) => {
      if (index > 1) texts.push(row.getCell(header.indexOf('anything_else') + 1).value);
    });
    expect(texts).toContain(`=HYPERLINK("http://evil.example") email me at jo.bloggs@example.com ${URDU}`);
    const about = new Map<string, unknown>();
    workbook.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(about.get('responses')).toBe(TOTAL);
    expect(String(about.get('free_text'))).toMatch(/^NOT redacted/);
  });
});

describe('results exports', () => {
  it('exports ward results as CSV, with Blackheath withheld as suppressed (never 0) and Abbey shown', async () => {
    const { job, bytes } = await downloaded({ kind: 'results', format: 'csv', level: 'ward' });
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];

    expect(job.progress.rows).toBe(rows.length);
    expect(job.progress.totalRows).toBe(rows.length);
    expect(new Set(rows.map((r) => r.survey_id))).toEqual(new Set([surveyId]));
    expect(new Set(rows.map((r) => r.boundary_vintages))).toEqual(new Set(['2025-05']));
    expect(new Set(rows.map((r) => r.disclosure_threshold))).toEqual(new Set(['10']));
    const abbey = rows.find((r) => r.unit_code === ABBEY && r.question_id === 'safe_after_dark' && r.option_id === 'fairly_safe');
    expect(abbey).toMatchObject({ unit_name: 'Abbey', unit_respondents: '24', base_n: '24', count: '24', n: '24', share: '1', status: 'shown' });
    expect(Number(abbey?.lower)).toBeGreaterThan(0.8);
    expect(Number(abbey?.lower)).toBeLessThan(1);
    const withheld = rows.filter((r) => r.unit_code === BLACKHEATH || r.unit_code === BRISTNALL);
    expect(withheld.length).toBeGreaterThan(0);
    for (const row of withheld) {
      expect(row).toMatchObject({ unit_status: 'suppressed', unit_respondents: '', status: 'suppressed', reason: 'primary', n: '', count: '', share: '', lower: '', upper: '' });
    }
  });

  it('exports district results as XLSX with an About sheet naming the disclosure rule', async () => {
    const { bytes } = await downloaded({ kind: 'results', format: 'xlsx', level: 'district' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);

    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Results', 'About']);
    const units = new Set<unknown>();
    workbook.getWorksheet('Results')!.eachRow((row, index) => {
      if (index > 1) units.add(row.getCell(12).value);
    });
    expect(units).toEqual(new Set(['Sandwell']));
    const about = new Map<string, unknown>();
    workbook.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(String(about.get('disclosure_rule'))).toContain('10');
  });

  it('exports ward results as GeoJSON joined to the ward map, in longitude/latitude', async () => {
    const { bytes, response } = await downloaded({ kind: 'results', format: 'geojson', level: 'ward' });
    const collection = JSON.parse(bytes.toString('utf8')) as { type: string; features: { id: string; geometry: { type: string; coordinates: number[][][] }; properties: Json }[]; metadata: Json };

    expect(response.headers.get('content-type')).toBe('application/geo+json');
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(24);
    const abbey = collection.features.find((f) => f.id === ABBEY)!;
    expect(abbey.properties).toMatchObject({ name: 'Abbey', respondents: 24, safe_after_dark__fairly_safe_status: 'shown', feel_safer__sense_of_community_share: 1 });
    const blackheath = collection.features.find((f) => f.id === BLACKHEATH)!;
    expect(blackheath.properties).toMatchObject({ respondents: null, respondents_status: 'suppressed', safe_after_dark__fairly_safe_share: null, safe_after_dark__fairly_safe_status: 'suppressed' });
    const [lon, lat] = (abbey.geometry.type === 'Polygon' ? abbey.geometry.coordinates[0]![0] : (abbey.geometry.coordinates as unknown as number[][][][])[0]![0]![0])!;
    expect(lon).toBeCloseTo(-2, 0);
    expect(lat).toBeCloseTo(52.5, 0);
    expect(collection.metadata).toMatchObject({ survey_id: surveyId, boundary_vintage: '2025-05' });
  });

  it('limits results to an equality-monitoring group when asked', async () => {
    const { job, bytes } = await downloaded({ kind: 'results', format: 'csv', level: 'ward', group: { questionId: 'age_band', optionId: 'age_35_44' } });
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];

    expect(job.fileName).toMatch(/-results-ward-age-band-age-35-44-/);
    expect(new Set(rows.map((r) => `${r.group_question_id}=${r.group_option_id}`))).toEqual(new Set(['age_band=age_35_44']));
  });
});

describe('asking for an export', () => {
  it('writes every request to the audit log: who, what, when and the filters', async () => {
    const { job } = await exportOf({ kind: 'results', format: 'csv', level: 'district' });
    const admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'] })}` };

    const audit = (await (await request('GET', `/api/staff/admin/audit?month=${new Date().toISOString().slice(0, 7)}&limit=200`, undefined, admin)).json()) as { events: { actor: string; action: string; at: string; detail: Json }[] };

    const event = audit.events.find((e) => e.action === 'export.requested' && e.detail.exportId === job.id);
    expect(event).toMatchObject({ actor: 'ana', detail: { surveyId, kind: 'results', format: 'csv', level: 'district', fileName: job.fileName } });
    expect(audit.events.filter((e) => e.action === 'export.requested').length).toBeGreaterThanOrEqual(5);
  });

  it('lists a survey’s recent exports, newest first', async () => {
    const response = await request('GET', `/api/staff/surveys/${surveyId}/exports`);

    expect(response.status).toBe(200);
    const { jobs: listed } = (await response.json()) as { jobs: Job[] };
    expect(listed.length).toBeGreaterThanOrEqual(5);
    expect(listed.every((job) => job.surveyId === surveyId)).toBe(true);
    const times = listed.map((job) => (job as unknown as { requestedAt: string }).requestedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it.each([
    [{ kind: 'responses', format: 'geojson' }, ['json', 'format'], /GeoJSON is only for results/],
    [{ kind: 'results', format: 'pdf', level: 'ward' }, ['json', 'format'], /./],
    [{ kind: 'results', format: 'csv', level: 'street' }, ['json', 'level'], /./],
    [{ kind: 'results', format: 'csv' }, ['json', 'level'], /./],
    [{ kind: 'everything', format: 'csv' }, ['json', 'kind'], /kind must be/],
    [{ kind: 'responses', format: 'csv', redactText: 'yes' }, ['json', 'redactText'], /./],
    [{ kind: 'responses', format: 'csv', level: 'ward' }, ['json'], /level/],
    [{ kind: 'results', format: 'csv', level: 'ward', group: { questionId: 'safe_after_dark', optionId: 'very_safe' } }, ['json', 'group', 'questionId'], /No demographic question safe_after_dark/],
    [{ kind: 'results', format: 'csv', level: 'ward', group: { questionId: 'age_band', optionId: 'age_200_plus' } }, ['json', 'group', 'optionId'], /No option age_200_plus/],
  ])('refuses %j with 422 naming the field, and stores nothing', async (body, path, message) => {
    const before = (await repositories.exports.listForSurvey(surveyId, 100)).length;

    const response = await request('POST', `/api/staff/surveys/${surveyId}/exports`, body);

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: { path: (string | number)[]; message: string }[] } };
    expect(error.issues.some((issue) => JSON.stringify(issue.path) === JSON.stringify(path) && message.test(issue.message))).toBe(true);
    expect((await repositories.exports.listForSurvey(surveyId, 100)).length).toBe(before);
  });

  it('refuses a survey that has not been published (422) or does not exist (404)', async () => {
    const unpublished = await request('POST', `/api/staff/surveys/${unpublishedId}/exports`, { kind: 'responses', format: 'csv' });
    const missing = await request('POST', `/api/staff/surveys/${randomUUID()}/exports`, { kind: 'responses', format: 'csv' });

    expect(unpublished.status).toBe(422);
    expect(((await unpublished.json()) as { error: { code: string } }).error.code).toBe('export.unpublished');
    expect(missing.status).toBe(404);
  });

  it('answers the export list of a survey that does not exist with 404, not an empty list', async () => {
    const response = await request('GET', `/api/staff/surveys/${randomUUID()}/exports`);

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('survey.not_found');
  });

  it('lets only analysts and administrators export individual responses, and only administrators unredacted; others cannot see those jobs', async () => {
    const officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'oscar' })}` };
    const admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'ada' })}` };
    const exports = `/api/staff/surveys/${surveyId}/exports`;

    const officerRows = await request('POST', exports, { kind: 'responses', format: 'csv' }, officer);
    const analystUnredacted = await request('POST', exports, { kind: 'responses', format: 'csv', redactText: false });
    expect([officerRows.status, analystUnredacted.status]).toEqual([403, 403]);
    expect(((await analystUnredacted.json()) as { error: { code: string } }).error.code).toBe('export.forbidden');

    const { job: unredacted } = await exportOf({ kind: 'responses', format: 'csv', redactText: false }, surveyId, admin);
    const { job: redacted } = await exportOf({ kind: 'responses', format: 'csv' });
    // An officer sees neither respondent-level job, not even that it exists; an analyst not the unredacted one.
    expect((await request('GET', `/api/staff/exports/${redacted.id}`, undefined, officer)).status).toBe(404);
    expect((await request('GET', `/api/staff/exports/${unredacted.id}/file`, undefined, officer)).status).toBe(404);
    expect((await request('GET', `/api/staff/exports/${unredacted.id}`)).status).toBe(404);
    const listed = (ids: { jobs: Job[] }) => ids.jobs.map((job) => job.id);
    const officerList = listed((await (await request('GET', exports, undefined, officer)).json()) as { jobs: Job[] });
    const analystList = listed((await (await request('GET', exports)).json()) as { jobs: Job[] });
    expect(officerList).not.toContain(redacted.id);
    expect(analystList).toContain(redacted.id);
    expect(analystList).not.toContain(unredacted.id);
  });

  it('audits every download link it gives, naming who got it', async () => {
    const { job, download } = await exportOf({ kind: 'results', format: 'csv', level: 'force' });
    expect(download).toBeDefined();
    const admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'] })}` };

    const audit = (await (await request('GET', `/api/staff/admin/audit?limit=200`, undefined, admin)).json()) as { events: { actor: string; action: string; detail: Json; summary: string }[] };

    const given = audit.events.filter((e) => e.action === 'export.downloaded' && e.detail.exportId === job.id);
    expect(given).toHaveLength(1);
    expect(given[0]).toMatchObject({ actor: 'ana', detail: { surveyId, fileName: job.fileName, kind: 'results' } });
    expect(given[0]?.summary).toMatch(/^Was given a download link to results from /);
  });

  it('lets officers and administrators export too, and nobody without a token', async () => {
    const officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'] })}` };

    expect((await request('POST', `/api/staff/surveys/${surveyId}/exports`, { kind: 'results', format: 'csv', level: 'force' }, officer)).status).toBe(202);
    expect((await request('POST', `/api/staff/surveys/${surveyId}/exports`, { kind: 'results', format: 'csv', level: 'force' }, {})).status).toBe(401);
    expect((await request('GET', `/api/staff/exports/${randomUUID()}`)).status).toBe(404);
    await jobs.idle();
  });
});

describe('the export job', () => {
  const queued = async (): Promise<string> => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await repositories.exports.create({ id, surveyId, request: { kind: 'responses', format: 'csv', redactText: true }, status: 'queued', progress: { rows: 0 }, fileName: 'x.csv', requestedBy: 'ana', requestedAt: now, updatedAt: now });
    return id;
  };

  it('offers no file until the job has succeeded', async () => {
    const id = await queued();

    const polled = (await (await request('GET', `/api/staff/exports/${id}`)).json()) as Json;
    const file = await request('GET', `/api/staff/exports/${id}/file`);

    expect(polled.download).toBeUndefined();
    expect(file.status).toBe(404);
  });

  it('ends failed with a readable error, and no file, when the file cannot be written', async () => {
    const id = await queued();
    // A "folder" that is a file: every write under it fails, as a full or broken disk would.
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'wardpulse-broken-')), 'file');
    writeFileSync(notAFolder, '');
    const broken = new DiskFileStore(notAFolder, (key) => key);

    await runExportJob({ repositories, files: broken, logger: new Logger({ logLevel: 'SILENT' }) }, id);

    const job = await repositories.exports.get(id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'export.failed' } });
    expect(job?.error?.message).toMatch(/The export stopped because of an unexpected error .*no file was kept/);
    expect(job?.finishedAt).toBeDefined();
    expect(await broken.stat(`exports/${id}`)).toBeNull();
  });

  it('reports a job that died while running (a Lambda timeout) as failed, not running for ever', async () => {
    const id = randomUUID();
    const longAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await repositories.exports.create({ id, surveyId, request: { kind: 'responses', format: 'csv', redactText: true }, status: 'running', progress: { rows: 1200 }, fileName: 'x.csv', requestedBy: 'ana', requestedAt: longAgo, updatedAt: longAgo });

    const { job } = (await (await request('GET', `/api/staff/exports/${id}`)).json()) as { job: Job };

    expect(job).toMatchObject({ status: 'failed', error: { code: 'export.timed_out' } });
    expect(job.error?.message).toMatch(/stopped after 1200 rows without finishing/);
  });

  it('runs a job once even if it is started twice', async () => {
    const id = await queued();
    const files = new DiskFileStore(mkdtempSync(join(tmpdir(), 'wardpulse-twice-')), (key) => key);
    const deps = { repositories, files, logger: new Logger({ logLevel: 'SILENT' }) };

    await Promise.all([runExportJob(deps, id), runExportJob(deps, id)]);

    expect(await repositories.exports.get(id)).toMatchObject({ status: 'succeeded', progress: { rows: TOTAL } });
  });
});
