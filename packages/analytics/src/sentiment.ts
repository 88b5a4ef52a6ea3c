/**
 * Sentiment of short free text (survey answers, replies to community messages) with VADER, the
 * most accurate of the npm scorers measured in bench/sentiment.bench.ts, and per-ward summaries.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- vader-sentiment has no types; a reference brings ours into every program that imports this file (functions, web), not only this package's
/// <reference path="./types/vader-sentiment.d.ts" />
import vader from 'vader-sentiment';
import { wilsonInterval, type Proportion } from './proportion.ts';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentScore {
  /** VADER's compound score, −1 (most negative) .. 1 (most positive). */
  score: number;
  label: SentimentLabel;
}

/**
 * Compound scores strictly inside ±0.05 are neutral: the VADER authors' recommended band, and the
 * most accurate on the human-rated tweets (82.8 %). A band tuned for macro-F1 on half of them
 * (±0.30) scored 1.7 points more macro-F1 on the other half but 3.2 points less accuracy, by
 * calling mildly worded texts neutral; that trade is not worth leaving the published standard.
 */
export const NEUTRAL_BAND = 0.05;

/**
 * Scores one text. Built for sentence-to-paragraph answers: the compound score is a saturating
 * sum, so a long text with many mildly-worded sentences drifts towards ±1.
 *
 * @example
 * scoreSentiment('Thank you, the PCSO was brilliant') // { score: 0.743, label: 'positive' }
 */
export function scoreSentiment(text: string): SentimentScore {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(foldForVader(text));
  return { score: compound, label: labelFor(compound) };
}

const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc]/g;
const WORD = /\p{L}[\p{L}']*/gu;
// The port's negation words (NEGATE in its source) other than the n't forms, matched by suffix.
const NEGATIONS = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'despite', 'didnt', 'doesnt', 'dont', 'hadnt',
  'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neednt', 'neither', 'never', 'none', 'nope', 'nor',
  'not', 'nothing', 'nowhere', 'oughtnt', 'rarely', 'seldom', 'shant', 'shouldnt', 'uhuh', 'wasnt',
  'werent', 'without', 'wont', 'wouldnt',
]);

/**
 * The JavaScript port matches negations, "but" and idioms case-sensitively and only with a
 * straight apostrophe, so "Not happy with the response", "I am NOT happy" and "I don’t feel
 * safe" (a phone's curly apostrophe) came out positive. The Python reference lower-cases before
 * those checks; so do we, except for other words in ALL CAPS, which VADER reads as emphasis.
 */
function foldForVader(text: string): string {
  return text.replace(CURLY_APOSTROPHES, "'").replace(WORD, (word) => {
    const lower = word.toLowerCase();
    const isEmphasis = word === word.toUpperCase() && !NEGATIONS.has(lower) && !lower.endsWith("n't");
    return isEmphasis ? word : lower;
  });
}

function labelFor(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

export interface SentimentSummary {
  n: number;
  /** Mean of the scores; NaN when there are none. */
  meanScore: number;
  /** Count and share of each label, with a 95 % Wilson interval on the share. */
  byLabel: Record<SentimentLabel, Proportion>;
}

/**
 * Summarises scored texts, e.g. the replies from one ward.
 *
 * @example
 * summariseSentiment([scoreSentiment('Great work'), scoreSentiment('The meeting is on Tuesday')])
 * // { n: 2, meanScore: 0.3125, byLabel: { positive: { count: 1, share: 0.5, … }, … } }
 */
export function summariseSentiment(scores: readonly SentimentScore[]): SentimentSummary {
  const counts: Record<SentimentLabel, number> = { positive: 0, neutral: 0, negative: 0 };
  let total = 0;
  for (const { score, label } of scores) {
    if (!(score >= -1 && score <= 1)) throw new RangeError(`sentiment score must be within −1..1, got ${score}`);
    counts[label] += 1;
    total += score;
  }
  const n = scores.length;
  return {
    n,
    meanScore: n === 0 ? Number.NaN : total / n,
    byLabel: {
      positive: wilsonInterval(counts.positive, n),
      neutral: wilsonInterval(counts.neutral, n),
      negative: wilsonInterval(counts.negative, n),
    },
  };
}
