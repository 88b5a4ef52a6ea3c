/**
 * How much disclosure control withholds — primary (small counts) and secondary (complements) —
 * on the demo force and on a 316-ward synthetic force (the real WMP + WYP wards and districts),
 * by level, plus the solve time per results read. A report, not a pass/fail test.
 *
 *   npx tsx bench/disclosure.report.ts [--responses 1200] [--synthetic 6000] [--synthetic-only] [--out bench/results/disclosure.json]
 *
 * Demo: `seedDemoData` (24 wards, 3 surveys, ~1,200 responses each, every eighth ward ~4
 * responses), then every published figure of every level as the results API returns it.
 * Synthetic: the Impact Area questionnaire answered by --synthetic residents spread unevenly
 * over the 316 wards (log-normal ward sizes, some wards with 1–5 responses), 8 % giving no
 * location, 19 Impact Areas of ~8 wards; decisions counted per cell from `discloseAll`.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scoreSentiment } from '@wardpulse/analytics';
import { createRepositories } from '@wardpulse/data';
import { ensureTable, startDynamoDbLocal } from '@wardpulse/dev';
import { aggregateDeltas, mergeCounters, type Counters, type ResultLevel } from '@wardpulse/domain';
import { random, seedDemoData } from '@wardpulse/dev';
import { computeSurveyResults } from '@wardpulse/functions/results';
import { syntheticAnswers } from '@wardpulse/dev/demo/surveys';
import { buildUnitTree, discloseAll, NONE, resultQuestions, rollUp, withDerived, type ResultGeography } from '@wardpulse/analytics/results';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '1200' },
    synthetic: { type: 'string', default: '6000' },
    out: { type: 'string', default: 'bench/results/disclosure.json' },
    /** Skip the demo force (seeded without responses, only for its questionnaire). */
    'synthetic-only': { type: 'boolean', default: false },
  },
});

interface Tally {
  cells: number;
  shown: number;
  primary: number;
  secondary: number;
}
const tally = (): Tally => ({ cells: 0, shown: 0, primary: 0, secondary: 0 });

/** Counts every published cell (`{status}`) in a results document. */
function countCells(node: unknown, into: Tally): void {
  if (Array.isArray(node)) {
    for (const item of node) countCells(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.status === 'shown' || record.status === 'suppressed') {
    into.cells++;
    if (record.status === 'shown') into.shown++;
    else if (record.reason === 'primary') into.primary++;
    else into.secondary++;
  }
  for (const value of Object.values(record)) countCells(value, into);
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);
const line = (name: string, t: Tally) => `| ${name} | ${t.cells} | ${t.shown} | ${t.primary} | ${t.secondary} | ${pct(t.primary + t.secondary, t.cells)} |`;
const header = '| | cells | shown | withheld primary | withheld secondary | withheld |\n|---|---:|---:|---:|---:|---:|';

const report: Record<string, unknown> = { generatedAt: new Date().toISOString() };
const dynamo = await startDynamoDbLocal();
try {
  const tableName = 'wardpulse-disclosure-report';
  await ensureTable(dynamo.endpoint, tableName);
  const repositories = createRepositories({ endpoint: dynamo.endpoint, tables: { main: tableName } });
  await seedDemoData(repositories, { responsesPerSurvey: values['synthetic-only'] ? 0 : Number(values.responses) });

  // 1. Demo force, as the API publishes it.
  const surveys = (await repositories.surveys.list()).filter((s) => s.publishedVersion > 0).sort((a, b) => a.slug.localeCompare(b.slug));
  const demo: Record<string, Record<string, Tally>> = {};
  const demoTimes: number[] = [];
  console.log(`\n## Demo force (${values.responses} responses a survey)\n\n${header}`);
  for (const survey of values['synthetic-only'] ? [] : surveys) {
    demo[survey.slug] = {};
    for (const level of ['ward', 'district', 'area', 'force'] as ResultLevel[]) {
      const started = performance.now();
      const results = await computeSurveyResults(repositories, survey.id, { level });
      demoTimes.push(performance.now() - started);
      const t = tally();
      // The force row repeats in `force` and (at level force) in `questions`: count `questions` only.
      countCells(results.questions, t);
      demo[survey.slug]![level] = t;
      console.log(line(`${survey.slug} · ${level}`, t));
    }
  }
  report.demo = demo;

  // 1b. Equality breakdowns (issue 12, M9): every option of each survey's first demographic
  // question, at ward level. The first read of a survey solves every group jointly with the whole
  // survey's table (cold); the other options reuse those solves from the per-process cache.
  const groupReads: { survey: string; question: string; option: string; ms: number; cold: boolean }[] = [];
  for (const survey of values['synthetic-only'] ? [] : surveys) {
    const version = (await repositories.surveys.getVersion(survey.id, survey.publishedVersion))!;
    const demographic = version.content.questions.find((q) => q.type === 'demographic');
    if (!demographic || !('options' in demographic)) continue;
    for (const [index, option] of demographic.options.entries()) {
      const started = performance.now();
      await computeSurveyResults(repositories, survey.id, { level: 'ward', group: { questionId: demographic.id, optionId: option.id } });
      groupReads.push({ survey: survey.slug, question: demographic.id, option: option.id, ms: Math.round(performance.now() - started), cold: index === 0 });
    }
  }
  if (groupReads.length) {
    console.log(`\n## Equality breakdowns (group reads, ward level)\n\n| survey | question | first read (cold solve) | other options, median |\n|---|---|---:|---:|`);
    for (const slug of new Set(groupReads.map((r) => r.survey))) {
      const reads = groupReads.filter((r) => r.survey === slug);
      const warm = reads.filter((r) => !r.cold).map((r) => r.ms).sort((a, b) => a - b);
      console.log(`| ${slug} | ${reads[0]!.question} | ${reads[0]!.ms} ms | ${warm.length ? `${warm[Math.floor(warm.length / 2)]} ms` : '–'} |`);
    }
  }
  report.groupReads = groupReads;

  // 2. A 316-ward synthetic force on the real WMP + WYP geography.
  const impact = surveys.find((s) => s.slug === 'impact-area-wave-1')!;
  const version = (await repositories.surveys.getVersion(impact.id, impact.publishedVersion))!;
  const rows = readFileSync(new URL('../../shared/data/geography/wd25_lad25_wmp_wyp.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const parse = (row: string) => (row.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  const wards = rows.map(parse).map(([code, name, districtCode]) => ({ code: code!, name: name!, districtCode: districtCode! }));
  const districts = [...new Map(rows.map(parse).map(([, , code, name]) => [code!, { code: code!, name: name! }])).values()];
  const areas: { id: string; name: string; wardCodes: string[] }[] = [];
  for (let i = 0; i < wards.length; i += 17) areas.push({ id: `ia-${areas.length + 1}`, name: `Impact Area ${areas.length + 1}`, wardCodes: wards.slice(i, i + 8).map((w) => w.code) });
  const geography: ResultGeography = { vintage: '2025-05', districts, wards, areas };

  const rnd = random(316);
  // Log-normal ward sizes (median ~1, long right tail), so some wards have a handful of responses.
  const weights = wards.map(() => Math.exp(1.1 * Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd())));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const buckets = new Map<string, Counters>();
  for (let i = 0; i < Number(values.synthetic); i++) {
    let target = rnd() * totalWeight;
    let index = 0;
    while (index < wards.length - 1 && (target -= weights[index]!) > 0) index++;
    const ward = rnd() < 0.08 ? NONE : wards[index]!.code;
    const answers = syntheticAnswers(version, ward, rnd, index / wards.length);
    if (ward === NONE) for (const q of version.content.questions) if (q.type === 'location') delete answers[q.id];
    const { main } = aggregateDeltas(version, answers, scoreSentiment);
    buckets.set(ward, mergeCounters(buckets.get(ward) ?? {}, main));
  }
  const questions = resultQuestions([version]);
  const tree = buildUnitTree(geography, buckets.keys());
  const counters = rollUp(tree, buckets);
  for (const unit of counters.values()) withDerived(unit, questions);
  const threshold = (await repositories.settings.get()).disclosureThreshold;
  const started = performance.now();
  const decisions = await discloseAll(tree, counters, questions, threshold, { grouped: false });
  const solveMs = performance.now() - started;
  const byLevel: Record<string, Tally> = {};
  for (const unit of tree.units) {
    const t = (byLevel[unit.level] ??= tally());
    const names = ['n', ...Object.keys(counters.get(unit.key) ?? {}).filter((name) => questions.some((q) => name.startsWith(`${q.id}#`)) && !name.includes('#r#') && !name.endsWith('#sum'))];
    for (const name of names) {
      t.cells++;
      const reason = decisions.get(`${unit.key}|${name}`);
      if (reason === 'primary') t.primary++;
      else if (reason === 'secondary') t.secondary++;
      else t.shown++;
    }
  }
  console.log(`\n## Synthetic force: ${wards.length} wards, ${districts.length} districts, ${areas.length} areas, ${values.synthetic} responses (threshold ${threshold})\n\n${header}`);
  for (const [level, t] of Object.entries(byLevel)) console.log(line(level, t));
  console.log(`\ndiscloseAll on the synthetic force: ${Math.round(solveMs)} ms; demo results reads: median ${demoTimes.length ? Math.round(demoTimes.sort((a, b) => a - b)[Math.floor(demoTimes.length / 2)]!) : '–'} ms`);
  report.synthetic = { wards: wards.length, districts: districts.length, areas: areas.length, responses: Number(values.synthetic), threshold, byLevel, solveMs: Math.round(solveMs) };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${values.out}`);
} finally {
  await dynamo.stop();
}
