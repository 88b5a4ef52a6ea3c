/**
 * Respondent-level export throughput and memory: synthetic responses written straight into
 * DynamoDB Local (in memory), then the real export job streams them to CSV and XLSX on disk.
 *
 *   pnpm bench:export [--responses 100000] [--text 300]
 *
 * Exports CSV and XLSX as staff get them by default (free text redacted), then CSV unredacted to
 * show what redaction costs. Prints rows/s, peak RSS and its growth over the start of each; writes
 * bench/results/export.json. Figures are relative to this machine and DynamoDB Local (a Java
 * process of its own, whose memory is not counted): compare runs on the same machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import { ensureTable, startDynamoDbLocal } from '@wardpulse/dev';
import { writeSyntheticResponses } from '@wardpulse/dev';
import { runExportJob } from '@wardpulse/functions/exports';
import { DiskFileStore } from '@wardpulse/functions/jobs';
import { seedDemoData } from '@wardpulse/dev';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { responses: { type: 'string', default: '100000' }, text: { type: 'string', default: '300' } } });
const total = Number(values.responses);
const MB = 1024 * 1024;

const dynamo = await startDynamoDbLocal();
const folder = mkdtempSync(join(tmpdir(), 'wardpulse-export-bench-'));
try {
  const tableName = 'wardpulse-bench';
  await ensureTable(dynamo.endpoint, tableName);
  const repositories = createRepositories({ endpoint: dynamo.endpoint, tables: { main: tableName } });
  await seedDemoData(repositories, { responsesPerSurvey: 0 });
  const survey = (await repositories.surveys.list()).find((s) => s.slug === 'your-priorities')!;
  const version = (await repositories.surveys.getVersion(survey.id, survey.publishedVersion))!;
  const wards = (await repositories.geography.listWards(version.boundaryVintage!)).map((w) => w.code);

  const loadStarted = performance.now();
  const data = await writeSyntheticResponses({ repositories, version, count: total, wards, textLength: Number(values.text) });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  console.log(`wrote ${data.responses} responses (${Math.round(data.jsonBytes / MB)} MB as JSON) in ${loadSeconds.toFixed(1)} s`);

  const files = new DiskFileStore(folder, (key) => key);
  const logger = new Logger({ logLevel: 'SILENT' });
  const runs: Record<string, unknown> = {};
  const cases = [
    { name: 'csv', format: 'csv', redactText: true },
    { name: 'xlsx', format: 'xlsx', redactText: true },
    { name: 'csv unredacted', format: 'csv', redactText: false },
  ] as const;
  for (const { name, format, redactText } of cases) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await repositories.exports.create({ id, surveyId: survey.id, request: { kind: 'responses', format, redactText }, status: 'queued', progress: { rows: 0 }, fileName: `bench.${format}`, requestedBy: 'bench', requestedAt: now, updatedAt: now });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    await runExportJob({ repositories, files, logger }, id);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const job = (await repositories.exports.get(id))!;
    if (job.status !== 'succeeded') throw new Error(`the ${format} export ${job.status}: ${job.error?.message ?? ''}`);
    runs[name] = {
      rows: job.progress.rows,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(job.progress.rows / seconds),
      fileMB: Math.round(((job.bytes ?? 0) / MB) * 10) / 10,
      peakRssMB: Math.round(peak / MB),
      rssGrowthMB: Math.round((peak - baseline) / MB),
    };
  }
  console.table(runs);
  const result = { at: new Date().toISOString(), node: process.version, responses: data.responses, dataJsonMB: Math.round(data.jsonBytes / MB), loadSeconds: Math.round(loadSeconds * 10) / 10, ...runs };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/export.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  repositories.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
  await dynamo.stop();
}
