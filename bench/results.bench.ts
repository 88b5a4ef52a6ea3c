/**
 * Results read latency: the demo force (24 wards) with two waves of the Impact Area survey, on
 * DynamoDB Local (in memory), started here. Reads results at each level and the wave comparison
 * ~50 times, at 1,200 responses a wave (the dev seed's size) and again at 12,000, to show that
 * reads come from aggregates and do not grow with responses.
 *
 *   pnpm bench:results [--responses 1200] [--scaled 12000] [--reads 50] [--concurrency 12]
 *
 * Measures the results service plus JSON serialisation (what the route does after sign-in is
 * checked). Prints p50/p95 and the 12,000 ÷ 1,200 ratio; writes bench/results/results.json.
 * Figures are relative to this machine: compare runs made on the same machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scoreSentiment } from '@wardpulse/analytics';
import { createRepositories, type Repositories } from '@wardpulse/data';
import { ensureTable, startDynamoDbLocal } from '@wardpulse/dev';
import { SCALES, type Answers, type SurveyVersion } from '@wardpulse/domain';
import { random, seedDemoData } from '@wardpulse/dev';
import { compareWaves, computeSurveyResults } from '@wardpulse/functions/results';
import { submitResponse } from '@wardpulse/functions/surveys';


process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '1200' },
    scaled: { type: 'string', default: '12000' },
    reads: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '12' },
  },
});
const BASE = Number(values.responses);
const SCALED = Number(values.scaled);
const READS = Number(values.reads);
const CONCURRENCY = Number(values.concurrency);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
};
const round = (value: number) => Math.round(value * 10) / 10;

const REMARKS = ['Thank you to the local team, they were really helpful.', 'Nothing gets done about the drug dealing by the shops.', 'More patrols in the evening would help.', 'The park is fine during the day.', ''];

/** Answers in the style of the demo seed: every question type, demographics, some skipped. */
function answersFor(version: SurveyVersion, ward: string, rnd: () => number, bias: number): Answers {
  const answers: Answers = {};
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  for (const question of version.content.questions) {
    if (rnd() < 0.08 && !question.required) continue;
    if (question.type === 'location') answers[question.id] = { wardCode: ward, method: 'postcode' };
    else if (question.type === 'ranking') answers[question.id] = { ranking: question.options.map((o) => o.id).sort(() => rnd() - 0.5).slice(0, question.pick) };
    else if (question.type === 'likert') {
      const points = SCALES[question.scale];
      answers[question.id] = { optionId: points[Math.min(points.length - 1, Math.floor((rnd() * 0.6 + bias * 0.4) * points.length))]!.id };
    } else if (question.type === 'text') {
      const text = pick(REMARKS);
      if (text) answers[question.id] = { text };
    } else if (question.type === 'single' || question.type === 'demographic') answers[question.id] = { optionId: pick(question.options).id };
  }
  return answers;
}

async function fill(repositories: Repositories, surveyId: string, wards: string[], from: number, to: number, wave: number) {
  const version = (await repositories.surveys.getVersion(surveyId, 1))!;
  const rnd = random(1000 * wave + from);
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) {
        next++;
        const wardIndex = Math.floor(rnd() * wards.length);
        const bias = (wardIndex / wards.length + (wave === 2 ? 0.15 : 0)) % 1;
        await submitResponse({ repositories, sentiment: scoreSentiment }, { id: randomUUID(), surveyId, version: 1, locale: 'en', answers: answersFor(version, wards[wardIndex]!, rnd, bias) });
      }
    }),
  );
}

const mapsAsObjects = (_: string, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value);

async function time(read: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) JSON.stringify(await read(), mapsAsObjects);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < READS; i++) {
    const t0 = performance.now();
    bytes = JSON.stringify(await read(), mapsAsObjects).length;
    samples.push(performance.now() - t0);
  }
  return { ...summary(samples), kilobytes: Math.round(bytes / 1024) };
}

const dynamo = await startDynamoDbLocal();
try {
  const tableName = 'wardpulse-bench-results';
  await ensureTable(dynamo.endpoint, tableName);
  const repositories = createRepositories({ endpoint: dynamo.endpoint, tables: { main: tableName } });
  await seedDemoData(repositories, { responsesPerSurvey: 0 });
  const surveys = await repositories.surveys.list();
  const wave1 = surveys.find((s) => s.slug === 'impact-area-wave-1')!.id;
  const wave2 = surveys.find((s) => s.slug === 'impact-area-wave-2')!.id;
  const wards = (await repositories.geography.listWards((await repositories.geography.currentVintage())!)).map((w) => w.code);

  const reads = {
    'aggregates only (wave 2)': () => repositories.responses.aggregates(wave2, 1),
    ward: () => computeSurveyResults(repositories, wave2, { level: 'ward' }),
    district: () => computeSurveyResults(repositories, wave2, { level: 'district' }),
    area: () => computeSurveyResults(repositories, wave2, { level: 'area' }),
    force: () => computeSurveyResults(repositories, wave2, { level: 'force' }),
    'ward, group sex:female': () => computeSurveyResults(repositories, wave2, { level: 'ward', group: { questionId: 'sex', optionId: 'female' } }),
    'compare waves (ward)': () => compareWaves(repositories, wave1, wave2, { level: 'ward', adjust: 'holm' }),
    'compare waves (force)': () => compareWaves(repositories, wave1, wave2, { level: 'force', adjust: 'holm' }),
  };
  const measure = async () => {
    const out: Record<string, Awaited<ReturnType<typeof time>>> = {};
    for (const [name, read] of Object.entries(reads)) {
      out[name] = await time(read);
      console.log(`  ${name}: p50 ${round(out[name].p50)} ms`);
    }
    return out;
  };

  let started = performance.now();
  await Promise.all([fill(repositories, wave1, wards, 0, BASE, 1), fill(repositories, wave2, wards, 0, BASE, 2)]);
  console.log(`seeded ${BASE} responses a wave in ${round((performance.now() - started) / 1000)} s`);
  const atBase = await measure();

  started = performance.now();
  await Promise.all([fill(repositories, wave1, wards, BASE, SCALED, 1), fill(repositories, wave2, wards, BASE, SCALED, 2)]);
  console.log(`topped up to ${SCALED} responses a wave in ${round((performance.now() - started) / 1000)} s`);
  const atScaled = await measure();

  const table = Object.fromEntries(
    Object.keys(reads).map((name) => {
      const a = atBase[name]!;
      const b = atScaled[name]!;
      return [
        name,
        {
          [`p50 @${BASE}`]: round(a.p50),
          [`p95 @${BASE}`]: round(a.p95),
          [`p50 @${SCALED}`]: round(b.p50),
          [`p95 @${SCALED}`]: round(b.p95),
          'p50 ratio': Number((b.p50 / a.p50).toFixed(2)),
          [`KB @${BASE}`]: a.kilobytes,
          [`KB @${SCALED}`]: b.kilobytes,
        },
      ];
    }),
  );
  console.table(table);
  console.log(`Milliseconds over ${READS} reads each, against DynamoDB Local on this machine; ratio = p50 at ${SCALED} ÷ p50 at ${BASE} responses a wave.`);
  const result = { at: new Date().toISOString(), node: process.version, wards: wards.length, reads: READS, responses: { base: BASE, scaled: SCALED }, ms: { base: atBase, scaled: atScaled }, table };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/results.json', import.meta.url), `${JSON.stringify(result, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v), 2)}\n`);
} finally {
  await dynamo.stop();
}
