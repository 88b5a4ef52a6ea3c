/**
 * Which npm sentiment scorer to use for short free text, by measured accuracy against the 4,200
 * human-rated tweets of Hutto & Gilbert (2014). Run: npx tsx bench/sentiment.bench.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { NEUTRAL_BAND, scoreSentiment } from '../packages/analytics/src/index.ts';
import {
  type Classification,
  type Label,
  classify,
  labelWithBand,
  median,
  pearson,
  pick,
  stratifiedHalves,
  tuneBand,
} from './metrics.ts';

const GROUND_TRUTH = new URL('../../shared/data/sentiment/tweets_GroundTruth.txt', import.meta.url);
const RESULTS = new URL('./results/sentiment.json', import.meta.url);
const SPLIT_SEED = 20140601;
const TIMED_ROUNDS = 7;

// The candidates are dev dependencies of @wardpulse/analytics, so resolve them from there.
const requireCandidate = createRequire(new URL('../packages/analytics/package.json', import.meta.url));

interface Candidate {
  name: string;
  /** Packages whose version and licence the report names. */
  packages: string[];
  /** How the raw output is brought to roughly −1..1. */
  normalisation: string;
  convention: { band: number; source: string };
  scoreAll(texts: readonly string[]): Promise<number[]>;
}

function loadCandidates(): Candidate[] {
  const vader = requireCandidate('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
  };
  const winkSentiment = requireCandidate('wink-sentiment') as (text: string) => { normalizedScore: number };
  const AfinnSentiment = requireCandidate('sentiment') as new () => {
    analyze(text: string): { score: number; comparative: number };
  };
  const afinn = new AfinnSentiment();
  const winkNlp = requireCandidate('wink-nlp') as (model: unknown) => {
    readDoc(text: string): { out(accessor: unknown): unknown };
    its: { sentiment: unknown };
  };
  const nlp = winkNlp(requireCandidate('wink-eng-lite-web-model'));
  const { Container } = requireCandidate('@nlpjs/core') as { Container: new () => { use(plugin: unknown): void } };
  const { LangEn } = requireCandidate('@nlpjs/lang-en') as { LangEn: unknown };
  const { SentimentAnalyzer } = requireCandidate('@nlpjs/sentiment') as {
    SentimentAnalyzer: new (settings: { container: unknown }) => {
      process(input: { locale: string; text: string }): Promise<{ sentiment: { score: number; numWords: number } }>;
    };
  };
  const container = new Container();
  container.use(LangEn);
  const nlpjs = new SentimentAnalyzer({ container });

  return [
    {
      name: 'vader-sentiment',
      packages: ['vader-sentiment'],
      normalisation: 'compound (already −1..1)',
      convention: { band: 0.05, source: 'VADER authors: compound ≥ 0.05 positive, ≤ −0.05 negative' },
      scoreAll: (texts) => Promise.resolve(texts.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound)),
    },
    {
      name: '@wardpulse/analytics scoreSentiment',
      packages: ['vader-sentiment'],
      normalisation: 'vader-sentiment compound after folding case and curly apostrophes',
      convention: { band: NEUTRAL_BAND, source: 'NEUTRAL_BAND in packages/analytics/src/sentiment.ts' },
      scoreAll: (texts) => Promise.resolve(texts.map((t) => scoreSentiment(t).score)),
    },
    {
      name: 'wink-sentiment',
      packages: ['wink-sentiment', 'wink-tokenizer'],
      normalisation: 'normalizedScore / 5',
      convention: { band: 0, source: 'wink-sentiment docs: < 0 negative, > 0 positive' },
      scoreAll: (texts) => Promise.resolve(texts.map((t) => winkSentiment(t).normalizedScore / 5)),
    },
    {
      name: 'sentiment (AFINN-165)',
      packages: ['sentiment'],
      normalisation: 'comparative (score per token) / 5',
      convention: { band: 0, source: 'sentiment docs: score < 0 negative, > 0 positive' },
      scoreAll: (texts) => Promise.resolve(texts.map((t) => afinn.analyze(t).comparative / 5)),
    },
    {
      name: 'wink-nlp + wink-eng-lite-web-model',
      packages: ['wink-nlp', 'wink-eng-lite-web-model'],
      normalisation: 'its.sentiment (already −1..1)',
      convention: { band: 0, source: 'wink-nlp docs: sign of its.sentiment' },
      scoreAll: (texts) => Promise.resolve(texts.map((t) => nlp.readDoc(t).out(nlp.its.sentiment) as number)),
    },
    {
      name: '@nlpjs/sentiment (en, senticon)',
      packages: ['@nlpjs/sentiment', '@nlpjs/lang-en', '@nlpjs/core'],
      normalisation: 'score / words (0 for no words, or NaN: a word such as "constructor" hits Object.prototype)',
      convention: { band: 0, source: 'nlp.js vote: sign of score' },
      scoreAll: async (texts) => {
        const scores: number[] = [];
        for (const text of texts) {
          const { sentiment } = await nlpjs.process({ locale: 'en', text });
          const average = sentiment.score / sentiment.numWords;
          scores.push(Number.isFinite(average) ? average : 0);
        }
        return scores;
      },
    },
  ];
}

function readGroundTruth(): { texts: string[]; ratings: number[]; gold: Label[] } {
  const rows = readFileSync(GROUND_TRUTH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, rating, text] = line.split('\t');
      if (rating === undefined || text === undefined) throw new Error(`malformed ground-truth line: ${line}`);
      return { rating: Number(rating), text };
    });
  const ratings = rows.map((r) => r.rating);
  // The same rule as vader_tweets_3class.csv (see shared/data/PROVENANCE.md).
  const gold = ratings.map((m): Label => (m >= 0.5 ? 'positive' : m <= -0.5 ? 'negative' : 'neutral'));
  return { texts: rows.map((r) => r.text), ratings, gold };
}

function packageInfo(name: string): { name: string; version: string; license: string } {
  const json = requireCandidate(`${name}/package.json`) as { version: string; license?: string };
  return { name, version: json.version, license: json.license ?? 'unknown' };
}

function summary(c: Classification) {
  return { accuracy: c.accuracy, macroF1: c.macroF1, f1: c.f1, confusion: c.confusion, n: c.n };
}

const pct = (x: number) => (100 * x).toFixed(1);

async function main() {
  const { texts, ratings, gold } = readGroundTruth();
  const { calibration, evaluation } = stratifiedHalves(gold, SPLIT_SEED);
  const goldEvaluation = pick(gold, evaluation);
  const candidates = loadCandidates();

  // Accuracy pass (also warms every library up before it is timed).
  const results = [];
  for (const candidate of candidates) {
    const scores = await candidate.scoreAll(texts);
    const tunedBand = tuneBand(pick(scores, calibration), pick(gold, calibration));
    const labelsAt = (band: number, indices: readonly number[]) => indices.map((i) => labelWithBand(scores[i] as number, band));
    const all = texts.map((_, i) => i);
    results.push({
      candidate,
      pearson: pearson(scores, ratings),
      conventionAll: classify(gold, labelsAt(candidate.convention.band, all)),
      conventionEvaluation: classify(goldEvaluation, labelsAt(candidate.convention.band, evaluation)),
      tunedBand,
      tunedEvaluation: classify(goldEvaluation, labelsAt(tunedBand, evaluation)),
      textsPerSecond: [] as number[],
    });
  }

  // Speed: every library in the same process, rounds interleaved so drift hits all alike.
  for (let round = 0; round < TIMED_ROUNDS; round += 1) {
    for (const result of results) {
      const started = performance.now();
      await result.candidate.scoreAll(texts);
      result.textsPerSecond.push(texts.length / ((performance.now() - started) / 1000));
    }
  }

  const header = [
    'library',
    'r',
    'band (convention)',
    'acc all',
    'F1 all',
    'acc eval',
    'F1 eval',
    'band (tuned)',
    'acc eval',
    'F1 eval',
    'texts/s median',
    'best',
  ];
  const rows = results.map((r) => [
    r.candidate.name,
    r.pearson.toFixed(3),
    `±${r.candidate.convention.band}`,
    pct(r.conventionAll.accuracy),
    pct(r.conventionAll.macroF1),
    pct(r.conventionEvaluation.accuracy),
    pct(r.conventionEvaluation.macroF1),
    `±${r.tunedBand.toFixed(3)}`,
    pct(r.tunedEvaluation.accuracy),
    pct(r.tunedEvaluation.macroF1),
    Math.round(median(r.textsPerSecond)).toLocaleString('en-GB'),
    Math.round(Math.max(...r.textsPerSecond)).toLocaleString('en-GB'),
  ]);
  console.log(`Sentiment scorers on ${texts.length} human-rated tweets (3 classes, neutral if |mean rating| < 0.5).`);
  console.log(`"all" = every text with the convention band; "eval" = the ${evaluation.length}-text evaluation half;`);
  console.log(`the tuned band maximises macro-F1 on the other (calibration) half. r = Pearson with the mean rating;`);
  console.log(`texts/s over ${TIMED_ROUNDS} interleaved passes of all ${texts.length} texts (best = least disturbed by other load).\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);

  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const report = {
    dataset: {
      file: '../shared/data/sentiment/tweets_GroundTruth.txt',
      texts: texts.length,
      classes: Object.fromEntries(['positive', 'neutral', 'negative'].map((l) => [l, gold.filter((g) => g === l).length])),
      split: { seed: SPLIT_SEED, calibration: calibration.length, evaluation: evaluation.length, stratified: true },
    },
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      // Other work on the machine slows every library; the 1-minute load average says how much.
      loadAverageAtEnd: loadavg()[0],
      rounds: TIMED_ROUNDS,
    },
    results: results.map((r) => ({
      name: r.candidate.name,
      packages: r.candidate.packages.map(packageInfo),
      normalisation: r.candidate.normalisation,
      pearson: r.pearson,
      convention: {
        band: r.candidate.convention.band,
        source: r.candidate.convention.source,
        all: summary(r.conventionAll),
        evaluation: summary(r.conventionEvaluation),
      },
      tuned: { band: r.tunedBand, evaluation: summary(r.tunedEvaluation) },
      textsPerSecond: { median: median(r.textsPerSecond), best: Math.max(...r.textsPerSecond), rounds: r.textsPerSecond },
    })),
  };
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS.pathname}`);
}

await main();
