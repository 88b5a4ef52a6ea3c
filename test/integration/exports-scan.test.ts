/**
 * The respondent-level export reads a version's shards side by side and merges them back into
 * arrival order (`responses.readVersion`), against DynamoDB Local: every response exactly once,
 * none of another version, in the order they arrived, through pages small enough that the shards
 * interleave many times; and a read that fails part way fails the job, with no file kept.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, shardOf, type Repositories, type StoredResponse } from '@wardpulse/data';
import { exportFileKey, runExportJob } from '@wardpulse/functions/exports';
import { DiskFileStore } from '@wardpulse/functions/jobs';
import { newSurvey, publishSurvey } from '@wardpulse/functions/surveys';
import { createTestTable, dynamoEndpoint } from '../support/api.ts';

const RESPONSES = 1_000;

let tableName: string;
let repositories: Repositories;
let files: DiskFileStore;
let surveyId: string;
/** Version 1's responses in arrival order: submitted time, then id. */
let arrived: StoredResponse[];

const response = (version: number, submittedAt: string): StoredResponse => {
  const id = randomUUID();
  return { id, surveyId, version, locale: 'en', answers: {}, wardCode: null, flags: [], submittedAt, bodyHash: 'test', shard: shardOf(id) };
};

async function exportJob(repos: Repositories): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await repos.exports.create({ id, surveyId, request: { kind: 'responses', format: 'csv', redactText: true }, status: 'queued', progress: { rows: 0 }, fileName: 'scan.csv', requestedBy: 'test', requestedAt: now, updatedAt: now });
  await runExportJob({ repositories: repos, files, logger: new Logger({ logLevel: 'SILENT' }) }, id);
  return id;
}

beforeAll(async () => {
  tableName = await createTestTable();
  repositories = createRepositories({ endpoint: dynamoEndpoint(), tables: { main: tableName } });
  files = new DiskFileStore(mkdtempSync(join(tmpdir(), 'wardpulse-scan-export-')), (key) => key);
  const survey = newSurvey({ template: 'priorities', slug: 'scan-export', seriesId: 'scan-export', wave: 1, targeting: { scope: 'force' } }, 'test');
  await repositories.surveys.create(survey);
  await publishSurvey(repositories, survey.id, survey.revision, 'test');
  surveyId = survey.id;
  // Four responses a second, so shards hold responses of the same second: ids break the ties.
  const start = Date.parse('2026-05-01T08:00:00.000Z');
  const responses = Array.from({ length: RESPONSES }, (_, i) => response(1, new Date(start + Math.floor(i / 4) * 1_000).toISOString()));
  // Another version's responses live in other index partitions and must not appear.
  const otherVersion = Array.from({ length: 50 }, (_, i) => response(2, new Date(start + i * 1_000).toISOString()));
  await repositories.responses.putMany([...responses, ...otherVersion]);
  arrived = [...responses].sort((a, b) => (a.submittedAt === b.submittedAt ? (a.id < b.id ? -1 : 1) : a.submittedAt < b.submittedAt ? -1 : 1));
}, 120_000);
afterAll(() => {
  rmSync(files.root, { recursive: true, force: true });
});

describe('reading a version for export', () => {
  it('gives every response of the version exactly once across its shards, in arrival order, through small pages', async () => {
    const shards = new Set(arrived.map((r) => r.shard));
    const read: StoredResponse[] = [];

    for await (const batch of repositories.responses.readVersion(surveyId, 1, { pageSize: 7, readAhead: 2 })) {
      expect(batch.length).toBeLessThanOrEqual(7);
      read.push(...batch);
    }

    expect(shards.size).toBe(4);
    expect(read).toHaveLength(RESPONSES);
    expect(new Set(read.map((r) => r.id)).size).toBe(RESPONSES);
    expect(read.map((r) => r.id)).toEqual(arrived.map((r) => r.id));
    expect(read[0]).toEqual(arrived[0]);
  });

  it('reads the same responses as the shard-by-shard scan, with its default pages and no read-ahead', async () => {
    const scanned = new Set<string>();
    for await (const page of repositories.responses.scanVersion(surveyId, 1)) for (const r of page) scanned.add(r.id);
    const read: string[] = [];

    for await (const batch of repositories.responses.readVersion(surveyId, 1, { readAhead: 0 })) read.push(...batch.map((r) => r.id));

    expect(new Set(read)).toEqual(scanned);
    expect(read).toEqual(arrived.map((r) => r.id));
  });

  it('exports the rows in arrival order', async () => {
    const id = await exportJob(repositories);

    const [header, ...rows] = parse(readFileSync(join(files.root, exportFileKey(id))), { bom: true }) as string[][];
    expect(rows.map((row) => row[header!.indexOf('response_id')])).toEqual(arrived.map((r) => r.id));
  });

  it('fails the job, keeping no file, when a read fails part way through', async () => {
    let queries = 0;
    const faulty = createRepositories({
      endpoint: dynamoEndpoint(),
      tables: { main: tableName },
      instrument: (client) =>
        client.middlewareStack.add(
          (next) => async (args) => {
            const input = args.input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
            // The last shard's read, which every export makes whatever its page sizes (counting all
            // index queries was not: the 6th was sometimes never asked for). Not a kind of error the
            // SDK retries: the read really stops, while the other shards' rows are being written.
            const pk = input.ExpressionAttributeValues?.[':pk'];
            const partition = typeof pk === 'object' && pk !== null ? (pk as { S?: string }).S : pk;
            if (input.IndexName === 'gsi1' && String(partition ?? '').endsWith('#S3')) {
              queries++;
              throw Object.assign(new Error('The table stopped answering.'), { name: 'ValidationException' });
            }
            return next(args);
          },
          { step: 'initialize', name: 'failSixthIndexQuery' },
        ),
    });

    const id = await exportJob(faulty);

    expect(queries).toBeGreaterThan(0);
    expect(await faulty.exports.get(id)).toMatchObject({ status: 'failed', error: { code: 'export.failed' } });
    expect(await files.stat(exportFileKey(id))).toBeNull();
    faulty.close();
  });
});
