import type { Answers } from './answers.ts';
import type { Question } from './questions.ts';
import { DONT_KNOW } from '../constants/scales.ts';
import { isTopTwo, SCALES } from '../constants/scales.ts';
import type { SurveyVersion } from './survey.ts';

/**
 * Write-time aggregation: the counters one response adds to its ward's aggregate items. Results
 * read these counters (never a scan of raw responses), and `verify` recomputes them from the raw
 * responses with this same function. Counter names use only `[a-z0-9_#]`.
 *
 * - `n`: responses; `<q>#n`: responses answering question q
 * - `<q>#o#<option>`: times an option was chosen (for rankings: placed in the top N; for 0–10
 *   scales: times each value was given, the value as the option id, e.g. `q#o#7`)
 * - `<q>#r#<option>#<position>`: times an option was ranked at a position (1 = first)
 * - `<q>#sum`, `<q>#scored`, `<q>#top2`: Likert score sum, answers with a score, top-2-box count
 * - `<q>#sum` and `<q>#n` also serve 0–10 scales (with `<q>#o#<value>` for the distribution, so
 *   results have means with intervals and histograms, and equality breakdowns get the values too)
 * - `<q>#s#positive|neutral|negative`, `<q>#s#sum`: sentiment of free text
 */
export type Counters = Record<string, number>;

export type SentimentScorer = (text: string) => { score: number; label: 'positive' | 'neutral' | 'negative' };

export interface AggregateDeltas {
  /** Counters on the ward's main aggregate item. */
  main: Counters;
  /** Equality monitoring: each choice counter again per demographic answer (`x#<demoQ>#<demoOpt>#…`). */
  breakdown: Counters;
}

/** Whether a question's counter is repeated per demographic answer (choices, answered, top-2-box). */
export const inBreakdown = (key: string): boolean => key.includes('#o#') || key.endsWith('#n') || key.endsWith('#top2');

function add(counters: Counters, key: string, by = 1) {
  counters[key] = (counters[key] ?? 0) + by;
}

function questionCounters(question: Question, answers: Answers, sentiment: SentimentScorer | undefined): Counters {
  const counters: Counters = {};
  const answer = answers[question.id];
  if (!answer || question.type === 'statement' || question.type === 'location') return counters;
  const q = question.id;
  if ('optionId' in answer) {
    add(counters, `${q}#n`);
    add(counters, `${q}#o#${answer.optionId}`);
    if (question.type === 'likert' && answer.optionId !== DONT_KNOW) {
      const point = SCALES[question.scale].find((p) => p.id === answer.optionId);
      if (point) {
        add(counters, `${q}#sum`, point.score);
        add(counters, `${q}#scored`);
        if (isTopTwo(question.scale, point.id)) add(counters, `${q}#top2`);
      }
    }
  } else if ('optionIds' in answer) {
    if (answer.optionIds.length === 0) return counters;
    add(counters, `${q}#n`);
    for (const id of answer.optionIds) add(counters, `${q}#o#${id}`);
  } else if ('ranking' in answer) {
    if (answer.ranking.length === 0) return counters;
    add(counters, `${q}#n`);
    answer.ranking.forEach((id, index) => {
      add(counters, `${q}#o#${id}`);
      add(counters, `${q}#r#${id}#${index + 1}`);
    });
  } else if ('value' in answer) {
    add(counters, `${q}#n`);
    add(counters, `${q}#sum`, answer.value);
    add(counters, `${q}#o#${answer.value}`);
  } else if ('text' in answer) {
    if (answer.text.trim() === '') return counters;
    add(counters, `${q}#n`);
    if (sentiment) {
      const scored = sentiment(answer.text);
      add(counters, `${q}#s#${scored.label}`);
      add(counters, `${q}#s#sum`, Math.round(scored.score * 1000) / 1000);
    }
  }
  return counters;
}

/** The counters one response adds. Pure and deterministic, so `verify` can recount. */
export function aggregateDeltas(version: SurveyVersion, answers: Answers, sentiment?: SentimentScorer): AggregateDeltas {
  const main: Counters = { n: 1 };
  const breakdown: Counters = {};
  const demographics = version.content.questions.flatMap((question) => {
    const answer = answers[question.id];
    return question.type === 'demographic' && answer && 'optionId' in answer ? [{ q: question.id, option: answer.optionId }] : [];
  });
  for (const question of version.content.questions) {
    const counters = questionCounters(question, answers, sentiment);
    for (const [key, value] of Object.entries(counters)) add(main, key, value);
    if (question.type === 'demographic' || question.type === 'text') continue;
    for (const demo of demographics) {
      for (const [key, value] of Object.entries(counters)) {
        if (inBreakdown(key)) add(breakdown, `x#${demo.q}#${demo.option}#${key}`, value);
      }
    }
  }
  for (const demo of demographics) add(breakdown, `x#${demo.q}#${demo.option}#n`);
  return { main, breakdown };
}

/** Adds counters into a running total (recounts, roll-ups from wards to districts). */
export function mergeCounters(into: Counters, from: Counters): Counters {
  for (const [key, value] of Object.entries(from)) add(into, key, value);
  return into;
}
