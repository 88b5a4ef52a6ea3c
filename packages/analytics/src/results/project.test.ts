import { describe, expect, it } from 'vitest';
import type { Decisions } from './disclosure.ts';
import { unitQuestionResult } from './project.ts';
import { withDerived } from './questions.ts';
import { prioritiesQuestions } from './test-support.ts';

const questions = prioritiesQuestions();
const question = (id: string) => questions.find((q) => q.id === id)!;

const safe = (counts: Record<string, number>) => {
  const counters: Record<string, number> = {};
  for (const [option, count] of Object.entries(counts)) counters[`safe_after_dark#o#${option}`] = count;
  counters['safe_after_dark#n'] = Object.values(counts).reduce((a, b) => a + b, 0);
  counters['safe_after_dark#top2'] = (counts.very_safe ?? 0) + (counts.fairly_safe ?? 0);
  return withDerived(counters, questions);
};

describe('unitQuestionResult', () => {
  it('shows each option as a share of the base with a Wilson interval', () => {
    const result = unitQuestionResult(question('safe_after_dark'), 'ward:W1', safe({ very_safe: 20, fairly_safe: 20, fairly_unsafe: 10, very_unsafe: 0, dont_know: 10 }), new Map(), false);

    expect(result.base).toEqual({ status: 'shown', n: 60 });
    expect(result.options.very_safe).toMatchObject({ status: 'shown', count: 20, n: 60, share: 0.3333 });
    expect(result.options.very_unsafe).toMatchObject({ status: 'shown', count: 0, n: 60, share: 0, lower: 0 });
    const shown = result.options.very_safe!;
    expect(shown.status === 'shown' && shown.lower < 1 / 3 && shown.upper > 1 / 3).toBe(true);
  });

  it('takes the top-2 box and the mean over answers with a score, leaving “don’t know” out', () => {
    const result = unitQuestionResult(question('safe_after_dark'), 'ward:W1', safe({ very_safe: 20, fairly_safe: 20, fairly_unsafe: 10, very_unsafe: 0, dont_know: 10 }), new Map(), false);

    expect(result.topTwo).toMatchObject({ status: 'shown', count: 40, n: 50, share: 0.8 });
    expect(result.mean).toMatchObject({ status: 'shown', n: 50, mean: 3.2 });
  });

  it('says why a figure is withheld, never 0', () => {
    const decisions: Decisions = new Map([
      ['ward:W1|safe_after_dark#o#fairly_unsafe', 'primary'],
      ['ward:W1|safe_after_dark#o#very_unsafe', 'secondary'],
    ]);

    const result = unitQuestionResult(question('safe_after_dark'), 'ward:W1', safe({ very_safe: 20, fairly_safe: 20, fairly_unsafe: 3, very_unsafe: 8, dont_know: 0 }), decisions, false);

    expect(result.options.fairly_unsafe).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(result.options.very_unsafe).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(result.options.very_safe?.status).toBe('shown');
  });

  it('withholds the mean when any option it is computed from is withheld (mean, n and interval would recover them)', () => {
    const decisions: Decisions = new Map([
      ['ward:W1|safe_after_dark#o#fairly_unsafe', 'primary'],
      ['ward:W1|safe_after_dark#o#very_unsafe', 'secondary'],
    ]);

    const result = unitQuestionResult(question('safe_after_dark'), 'ward:W1', safe({ very_safe: 20, fairly_safe: 20, fairly_unsafe: 3, very_unsafe: 8, dont_know: 0 }), decisions, false);

    expect(result.mean).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(result.topTwo?.status).toBe('shown');
  });

  it('marks figures nobody contributed to as empty', () => {
    const result = unitQuestionResult(question('safe_after_dark'), 'ward:W1', {}, new Map(), false);

    expect(result.base).toEqual({ status: 'empty' });
    expect(result.options.very_safe).toEqual({ status: 'empty' });
    expect(result.mean).toEqual({ status: 'empty' });
  });

  it('summarises a ranking: share placing each option in the top 3, mean position and Borda points', () => {
    const counters = { 'top_priorities#n': 20, 'top_priorities#o#drugs': 12, 'top_priorities#r#drugs#1': 6, 'top_priorities#r#drugs#2': 4, 'top_priorities#r#drugs#3': 2 };

    const result = unitQuestionResult(question('top_priorities'), 'force', counters, new Map(), false);

    expect(result.options.drugs).toMatchObject({ status: 'shown', count: 12, n: 20, share: 0.6 });
    expect(result.ranking?.drugs).toEqual({ meanRank: 1.667, borda: 1.4 });
    expect(result.ranking?.asb).toEqual({ meanRank: null, borda: 0 });
  });

  it('gives no ranking summary for an option whose count is withheld', () => {
    const counters = { 'top_priorities#n': 20, 'top_priorities#o#drugs': 2, 'top_priorities#r#drugs#1': 2 };

    const result = unitQuestionResult(question('top_priorities'), 'force', counters, new Map([['force|top_priorities#o#drugs', 'primary']]), false);

    expect(result.ranking?.drugs).toEqual({ meanRank: null, borda: null });
  });

  it('reports free-text sentiment shares and the mean compound score', () => {
    const counters = { 'anything_else#n': 20, 'anything_else#s#positive': 10, 'anything_else#s#neutral': 6, 'anything_else#s#negative': 4, 'anything_else#s#sum': 3.5 };

    const result = unitQuestionResult(question('anything_else'), 'force', counters, new Map(), false);

    expect(result.sentiment?.positive).toMatchObject({ status: 'shown', count: 10, n: 20, share: 0.5 });
    expect(result.sentiment?.meanScore).toBe(0.175);
    expect(result.options).toEqual({});
  });

  it('leaves means out of a demographic group’s results (breakdowns hold counts only)', () => {
    const result = unitQuestionResult(question('safe_after_dark'), 'force', safe({ very_safe: 20, fairly_safe: 20 }), new Map(), true);

    expect(result.mean).toBeUndefined();
    expect(result.topTwo?.status).toBe('shown');
  });
});
