import type { QuestionResult, UnitQuestionResult } from '@wardpulse/domain';
import { describe, expect, it } from 'vitest';
import { groupChoices, measureCell, measuresFor, resolveView, sortKey } from './measures.ts';

const shown = (share: number) => ({ status: 'shown' as const, count: Math.round(share * 40), n: 40, share, lower: share - 0.1, upper: share + 0.1 });

const likert: QuestionResult = {
  id: 'good_job',
  type: 'likert',
  title: 'How good a job are the police doing?',
  options: [
    { id: 'excellent', label: 'Excellent' },
    { id: 'good', label: 'Good' },
    { id: 'poor', label: 'Poor' },
  ],
  units: {},
};
const text: QuestionResult = { id: 'anything_else', type: 'text', title: 'Anything else?', options: [], units: {} };
const age: QuestionResult = { id: 'age_band', type: 'demographic', title: 'What is your age?', options: [{ id: 'age_16_24', label: '16–24' }], units: {} };
const ranking: QuestionResult = { id: 'top_priorities', type: 'ranking', title: 'Top 3', pick: 3, options: [{ id: 'asb', label: 'Anti-social behaviour' }], units: {} };

describe('what the map can show', () => {
  it('offers the Likert top two first, then each answer', () => {
    expect(measuresFor(likert).map((m) => m.label)).toEqual(['Top two: “Excellent” or “Good”', 'Excellent', 'Good', 'Poor']);
  });

  it('offers sentiment classes for free text and top-N shares for rankings', () => {
    expect(measuresFor(text).map((m) => m.id)).toEqual(['_positive', '_neutral', '_negative']);
    expect(measuresFor(ranking)[0]!.label).toBe('Anti-social behaviour (in the top 3)');
  });

  it('reads the chosen measure from a unit’s figures', () => {
    const figures: UnitQuestionResult = {
      base: { status: 'shown', n: 40 },
      options: { good: shown(0.4) },
      topTwo: shown(0.6),
      sentiment: { positive: shown(0.2), neutral: { status: 'suppressed', reason: 'secondary' }, negative: { status: 'empty' }, meanScore: 0.1 },
    };

    expect(measureCell(figures, 'good')).toEqual(shown(0.4));
    expect(measureCell(figures, '_top2')).toEqual(shown(0.6));
    expect(measureCell(figures, '_neutral')).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(measureCell(undefined, 'good')).toBeUndefined();
  });

  it('shows the question and measure asked for, or the first opinion question and its first measure', () => {
    const results = { questions: [age, text, likert] };

    expect(resolveView({ question: 'good_job', show: 'poor' }, results)).toEqual({ question: likert, measure: 'poor' });
    expect(resolveView({ question: 'good_job', show: 'nonsense' }, results)).toEqual({ question: likert, measure: '_top2' });
    expect(resolveView({ question: 'gone', show: null }, results)).toEqual({ question: likert, measure: '_top2' });
    expect(resolveView({ question: null, show: null }, { questions: [] })).toEqual({ question: null, measure: null });
  });

  it('lists demographic questions as groups', () => {
    expect(groupChoices({ questions: [likert, age] })).toEqual([{ questionId: 'age_band', title: 'What is your age?', options: [{ id: 'age_16_24', label: '16–24' }] }]);
  });

  it('sorts shown shares above withheld ones, and withheld above empty', () => {
    const keys = [shown(0.1), { status: 'suppressed' as const, reason: 'primary' as const }, { status: 'empty' as const }, shown(0)].map(sortKey);

    expect(keys).toEqual([0.1, -1, -2, 0]);
  });
});
