/**
 * Response submission latency and aggregate read latency, measured over HTTP against the real
 * API on @hono/node-server and DynamoDB Local (in memory), all started here.
 *
 *   pnpm bench:submit [--responses 2000] [--concurrency 8]
 *
 * Prints p50/p95/p99 and throughput; writes bench/results/submit.json. Figures are relative to
 * this machine: compare runs made on the same machine, not absolute milliseconds.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startLocalStack } from '@wardpulse/dev';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { responses: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '8' } } });
const total = Number(values.responses);
const concurrency = Number(values.concurrency);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};

const stack = await startLocalStack({ logLevel: 'SILENT' });
try {
  const survey = (await (await fetch(`${stack.apiUrl}/api/public/surveys/your-priorities`)).json()) as { surveyId: string; version: number };
  const wards = ((await (await fetch(`${stack.apiUrl}/api/public/wards`)).json()) as { districts: { wards: { code: string }[] }[] }).districts.flatMap((d) => d.wards.map((w) => w.code));
  const body = (i: number) => ({
    id: randomUUID(),
    surveyId: survey.surveyId,
    version: survey.version,
    locale: 'en',
    answers: {
      area: { wardCode: wards[i % wards.length], method: 'postcode' },
      top_priorities: { ranking: ['drugs', 'asb', 'roads'] },
      safe_after_dark: { optionId: 'fairly_safe' },
      feel_safer: { optionIds: ['sense_of_community', 'cctv'] },
      good_job: { optionId: 'good' },
      anything_else: { text: 'More patrols near the park in the evenings please, thank you' },
      age_band: { optionId: 'age_35_44' },
      ethnicity: { optionId: 'white' },
    },
  });

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        // A distinct address per worker: the per-address rate limit is not what is measured here.
        const response = await fetch(`${stack.apiUrl}/api/public/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${worker}.${i >> 8 & 255}.${i & 255}` }, body: JSON.stringify(body(i)) });
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`submit answered ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const readLatencies: number[] = [];
  const { createRepositories } = await import('@wardpulse/data');
  const repositories = createRepositories({ endpoint: stack.dynamoEndpoint, tables: { main: stack.tableName } });
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await repositories.responses.aggregates(survey.surveyId, survey.version);
    readLatencies.push(performance.now() - t0);
  }

  const result = {
    at: new Date().toISOString(),
    node: process.version,
    responses: total,
    concurrency,
    submitMs: summary(latencies),
    submitsPerSecond: Math.round(total / seconds),
    aggregateReadMs: summary(readLatencies),
  };
  const round = (value: unknown): unknown => (typeof value === 'number' ? Math.round(value * 10) / 10 : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)])) : value);
  console.table({ submit: round(result.submitMs), 'aggregate read': round(result.aggregateReadMs) });
  console.log(`${result.submitsPerSecond} submissions/s at concurrency ${concurrency} (${total} responses) against DynamoDB Local`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/submit.json', import.meta.url), `${JSON.stringify(round(result), null, 2)}\n`);
} finally {
  await stack.stop();
}
