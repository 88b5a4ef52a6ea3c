import { describe, expect, it } from 'vitest';
import { aggregateDeltas, mergeCounters } from './aggregates.ts';
import { DONT_KNOW } from '../constants/scales.ts';
import { SurveyVersionSchema, type SurveyVersion } from './survey.ts';

const version: SurveyVersion = SurveyVersionSchema.parse({
  surveyId: 's1',
  version: 1,
  kind: 'custom',
  seriesId: 'custom',
  wave: 1,
  slug: 'custom-w1',
  targeting: { scope: 'force' },
  content: {
    title: { en: 'Readability' },
    locales: ['en'],
    questions: [
      { id: 'area', type: 'location', required: true, title: { en: 'Where do you live?' } },
      { id: 'clarity', type: 'scale10', dontKnow: true, minLabel: { en: 'Unclear' }, maxLabel: { en: 'Very clear' }, title: { en: 'How clear was it?' } },
      { id: 'sex', type: 'demographic', field: 'sex', options: [{ id: 'female', label: { en: 'Female' } }, { id: 'male', label: { en: 'Male' } }], title: { en: 'Sex' } },
    ],
  },
  publishedAt: '2026-11-01T00:00:00.000Z',
  publishedBy: 'officer',
  boundaryVintage: '2025-05',
  retentionDays: 730,
});

describe('aggregateDeltas for 0–10 scales', () => {
  it('counts each value as an option, beside the sum and base', () => {
    const { main } = aggregateDeltas(version, { clarity: { value: 7 } });

    expect(main).toEqual({ n: 1, 'clarity#n': 1, 'clarity#sum': 7, 'clarity#o#7': 1 });
  });

  it('counts 0 as a value given, not as nothing', () => {
    const { main } = aggregateDeltas(version, { clarity: { value: 0 } });

    expect(main).toMatchObject({ 'clarity#n': 1, 'clarity#sum': 0, 'clarity#o#0': 1 });
  });

  it('counts “don’t know” in the base and distribution but not in the sum', () => {
    const { main } = aggregateDeltas(version, { clarity: { optionId: DONT_KNOW } });

    expect(main).toEqual({ n: 1, 'clarity#n': 1, 'clarity#o#dont_know': 1 });
  });

  it('breaks the value distribution down by demographic group', () => {
    const { breakdown } = aggregateDeltas(version, { clarity: { value: 9 }, sex: { optionId: 'female' } });

    expect(breakdown).toEqual({ 'x#sex#female#n': 1, 'x#sex#female#clarity#n': 1, 'x#sex#female#clarity#o#9': 1 });
  });

  it('sums to the distribution over many responses', () => {
    const values = [0, 3, 7, 7, 10, 10, 10];

    const total = values.reduce((into, value) => mergeCounters(into, aggregateDeltas(version, { clarity: { value } }).main), {});

    expect(total).toMatchObject({ n: 7, 'clarity#n': 7, 'clarity#sum': 47, 'clarity#o#0': 1, 'clarity#o#3': 1, 'clarity#o#7': 2, 'clarity#o#10': 3 });
  });
});
