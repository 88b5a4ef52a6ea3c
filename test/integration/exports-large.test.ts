/**
 * 100,000 responses exported as CSV and XLSX by the real export job, reading DynamoDB Local and
 * writing to disk, while this process's resident memory is sampled. Streaming is the point: the
 * assertion is on memory (never on time), against a bound smaller than the data itself, so an
 * export that held the responses (or its output) in memory could not pass.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Logger } from '@aws-lambda-powertools/logger';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '@wardpulse/data';
import type { ExportJob } from '@wardpulse/domain';
import { writeSyntheticResponses } from '@wardpulse/dev';
import { exportFileKey, runExportJob } from '@wardpulse/functions/exports';
import { importBoundaries } from '@wardpulse/functions/geo-import';
import { DiskFileStore } from '@wardpulse/functions/jobs';
import { newSurvey, publishSurvey } from '@wardpulse/functions/surveys';
import { createTestTable, dynamoEndpoint } from '../support/api.ts';

const RESPONSES = 100_000;
const MB = 1024 * 1024;
/**
 * The most this process's RSS may grow during an export. The responses take ~114 MB as compact
 * JSON alone (checked below), several times that as JavaScript objects; the CSV is ~50 MB and an
 * in-memory XLSX workbook of this size takes well over a gigabyte. A streamed export holds a few
 * pages of responses and the zip's and the file's buffers; measured here, the first export grows
 * RSS by about 60 MB (mostly V8's young generation reaching its working size), the next by ~0.
 */
const MAX_GROWTH_MB = 100;

/**
 * A full garbage collection before each export, so the baseline is what the process holds, not
 * what writing the test data left for the collector (`--expose-gc`, switched on at run time).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let repositories: Repositories;
let files: DiskFileStore;
let surveyId: string;
let dataMB: number;

beforeAll(async () => {
  const tableName = await createTestTable();
  repositories = createRepositories({ endpoint: dynamoEndpoint(), tables: { main: tableName } });
  files = new DiskFileStore(mkdtempSync(join(tmpdir(), 'wardpulse-large-export-')), (key) => key);
  const sandwell = readFileSync(new URL('../../../shared/data/geography/wards_wd25_E08000028.geojson', import.meta.url), 'utf8');
  await importBoundaries(repositories, sandwell, { source: 'wards_wd25_E08000028.geojson', actor: 'test' });
  const survey = newSurvey({ template: 'priorities', slug: 'large-export', seriesId: 'large-export', wave: 1, targeting: { scope: 'force' } }, 'test');
  await repositories.surveys.create(survey);
  const { version } = await publishSurvey(repositories, survey.id, survey.revision, 'test');
  surveyId = survey.id;
  const wards = (await repositories.geography.listWards('2025-05')).map((ward) => ward.code);
  // Bypasses the submit API (and aggregates): only the respondent-level export reads these. The
  // comments run to 400 characters so the responses themselves (JSON, without keys) outweigh the bound.
  const written = await writeSyntheticResponses({ repositories, version, count: RESPONSES, wards, textLength: 400 });
  expect(written.responses).toBe(RESPONSES);
  dataMB = written.jsonBytes / MB;
}, 600_000);
afterAll(() => {
  rmSync(files.root, { recursive: true, force: true });
});

/**
 * Runs an export job while sampling RSS; returns the job and the peak growth over the start.
 * Redaction is off: it costs CPU per answer, not memory, and `bench:export` measures it.
 */
async function measuredExport(format: 'csv' | 'xlsx'): Promise<{ job: ExportJob; growthMB: number }> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await repositories.exports.create({ id, surveyId, request: { kind: 'responses', format, redactText: false }, status: 'queued', progress: { rows: 0 }, fileName: `large.${format}`, requestedBy: 'test', requestedAt: now, updatedAt: now });
  collectGarbage();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await runExportJob({ repositories, files, logger: new Logger({ logLevel: 'SILENT' }) }, id);
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { job: (await repositories.exports.get(id))!, growthMB: (peak - baseline) / MB };
}

describe('exporting 100,000 responses', () => {
  it('uses a bound smaller than the data it exports', () => {
    expect(dataMB).toBeGreaterThan(MAX_GROWTH_MB);
  });

  it('streams them to CSV with flat memory', async () => {
    const { job, growthMB } = await measuredExport('csv');

    expect(job).toMatchObject({ status: 'succeeded', progress: { rows: RESPONSES } });
    expect(growthMB, `RSS grew ${Math.round(growthMB)} MB`).toBeLessThan(MAX_GROWTH_MB);
    let records = 0;
    for await (const _record of createReadStream(join(files.root, exportFileKey(job.id))).pipe(parse({ bom: true }))) records += 1;
    expect(records).toBe(RESPONSES + 1);
  }, 600_000);

  it('streams them to XLSX with flat memory', async () => {
    const { job, growthMB } = await measuredExport('xlsx');

    expect(job).toMatchObject({ status: 'succeeded', progress: { rows: RESPONSES } });
    expect(growthMB, `RSS grew ${Math.round(growthMB)} MB`).toBeLessThan(MAX_GROWTH_MB);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(join(files.root, exportFileKey(job.id))), { worksheets: 'emit', sharedStrings: 'ignore', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    const rowsPerSheet: number[] = [];
    for await (const worksheet of reader) {
      let rows = 0;
      for await (const _row of worksheet) rows += 1;
      rowsPerSheet.push(rows);
    }
    expect(rowsPerSheet[0]).toBe(RESPONSES + 1);
    expect(rowsPerSheet).toHaveLength(3);
  }, 600_000);
});
