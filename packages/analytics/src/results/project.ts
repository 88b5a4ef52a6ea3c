import type { Counters, MeanCell, QuestionResult, ResultUnit, ShareCell, UnitQuestionResult } from '@wardpulse/domain';
import { meanInterval } from '../means.ts';
import { wilsonInterval } from '../proportion.ts';
import { rankingSummary } from '../ranking.ts';
import { cellId, type Decisions } from './disclosure.ts';
import { counter, SENTIMENT_LABELS, type ResultQuestion } from './questions.ts';
import type { UnitNode } from './units.ts';

/**
 * Turns counters and disclosure decisions into the cells of the results contract. Pure. A
 * withheld figure is `suppressed` with its reason (never 0); a figure nobody contributed to is
 * `empty`; everything else is `shown` with its interval.
 */

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

type Count = { status: 'shown'; n: number } | { status: 'suppressed'; reason: 'primary' | 'secondary' } | { status: 'empty' };

function countCell(decisions: Decisions, id: string, value: number): Count {
  const reason = decisions.get(id);
  if (reason) return { status: 'suppressed', reason };
  return value === 0 ? { status: 'empty' } : { status: 'shown', n: value };
}

function shareCell(decisions: Decisions, id: string, count: number, n: number): ShareCell {
  const reason = decisions.get(id);
  if (reason) return { status: 'suppressed', reason };
  if (n === 0) return { status: 'empty' };
  const interval = wilsonInterval(count, n);
  return { status: 'shown', count, n, share: round(interval.share), lower: round(interval.lower), upper: round(interval.upper) };
}

export function resultUnit(unit: UnitNode, level: ResultUnit['level'], counters: Counters, decisions: Decisions): ResultUnit {
  return { level, code: unit.code, name: unit.name, parentCode: unit.parentCode, respondents: countCell(decisions, cellId(unit.key, 'n'), counters.n ?? 0) };
}

function meanCell(question: ResultQuestion, unit: string, counters: Counters, decisions: Decisions): MeanCell {
  const q = question.id;
  const scored = cellId(unit, counter.scored(q));
  const reason = decisions.get(scored);
  if (reason) return { status: 'suppressed', reason };
  const values = [...question.scores!].map(([id, value]) => ({ value, count: counters[counter.option(q, id)] ?? 0, id }));
  // With one or more options withheld, the mean, its n and its interval (which carries the
  // standard deviation) would be three equations that recover the withheld counts.
  if (values.some((v) => decisions.has(cellId(unit, counter.option(q, v.id))))) return { status: 'suppressed', reason: 'secondary' };
  const interval = meanInterval(values.filter((v) => v.count > 0).map(({ value, count }) => ({ value, count })));
  if (!interval) return { status: 'empty' };
  return { status: 'shown', n: interval.n, mean: round(interval.mean, 3), lower: round(interval.lower, 3), upper: round(interval.upper, 3) };
}

/** One question's figures in one unit. Group results (`grouped`) have no means, rankings or sentiment: breakdowns keep only counts. */
export function unitQuestionResult(question: ResultQuestion, unit: string, counters: Counters, decisions: Decisions, grouped: boolean): UnitQuestionResult {
  const q = question.id;
  const base = counters[counter.base(q)] ?? 0;
  const baseReason = decisions.get(cellId(unit, counter.base(q)));
  const result: UnitQuestionResult = {
    base: countCell(decisions, cellId(unit, counter.base(q)), base),
    options: Object.fromEntries(question.options.map((o) => [o.id, shareCell(decisions, cellId(unit, counter.option(q, o.id)), counters[counter.option(q, o.id)] ?? 0, base)])),
  };
  if (question.topTwo) {
    result.topTwo = shareCell(decisions, cellId(unit, counter.topTwo(q)), counters[counter.topTwo(q)] ?? 0, counters[counter.scored(q)] ?? 0);
  }
  if (question.scores && !grouped) result.mean = meanCell(question, unit, counters, decisions);
  if (question.type === 'ranking' && !grouped) {
    const pick = question.pick ?? 1;
    result.ranking = Object.fromEntries(
      question.options.map((o) => {
        if (baseReason || decisions.has(cellId(unit, counter.option(q, o.id))) || base === 0) return [o.id, { meanRank: null, borda: null }];
        const positions: Record<number, number> = {};
        for (let position = 1; position <= pick; position++) positions[position] = counters[counter.position(q, o.id, position)] ?? 0;
        const summary = rankingSummary(positions, base, pick);
        return [o.id, { meanRank: summary.meanRank === null ? null : round(summary.meanRank, 3), borda: summary.borda === null ? null : round(summary.borda, 3) }];
      }),
    );
  }
  if (question.type === 'text' && !grouped) {
    const labelled = SENTIMENT_LABELS.reduce((sum, label) => sum + (counters[counter.sentiment(q, label)] ?? 0), 0);
    const [positive, neutral, negative] = SENTIMENT_LABELS.map((label) => shareCell(decisions, cellId(unit, counter.sentiment(q, label)), counters[counter.sentiment(q, label)] ?? 0, labelled)) as [ShareCell, ShareCell, ShareCell];
    const meanScore = baseReason || labelled === 0 ? null : round((counters[counter.sentimentSum(q)] ?? 0) / labelled, 3);
    result.sentiment = { positive, neutral, negative, meanScore };
  }
  return result;
}

/** A question's entry in the results, for the units of the table. */
export function questionResult(question: ResultQuestion, units: readonly UnitNode[], counters: ReadonlyMap<string, Counters>, decisions: Decisions, grouped: boolean): QuestionResult {
  return {
    id: question.id,
    type: question.type,
    title: question.title,
    options: question.options,
    ...(question.pick !== undefined ? { pick: question.pick } : {}),
    units: Object.fromEntries(units.map((unit) => [unit.code, unitQuestionResult(question, unit.key, counters.get(unit.key) ?? {}, decisions, grouped)])),
  };
}
