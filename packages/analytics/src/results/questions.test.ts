import { describe, expect, it } from 'vitest';
import { SurveyVersionSchema, TEMPLATES, type SurveyVersion } from '@wardpulse/domain';
import { cellCounters, containedCounters, resultQuestions, withDerived, withinUnitConstraints } from './questions.ts';

const versionOf = (version: number, content: unknown): SurveyVersion =>
  SurveyVersionSchema.parse({
    surveyId: 's1',
    version,
    kind: 'custom',
    seriesId: 'custom',
    wave: 1,
    slug: 'custom-w1',
    targeting: { scope: 'force' },
    content,
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: 'officer',
    boundaryVintage: '2025-05',
    retentionDays: 730,
  });

const content = (questions: unknown[]) => ({ title: { en: 'Survey' }, locales: ['en'], questions: [{ id: 'area', type: 'location', title: { en: 'Where?' } }, ...questions] });

describe('resultQuestions', () => {
  it('reports every answerable question of the latest version in English, without location or statement pages', () => {
    const questions = resultQuestions([versionOf(1, TEMPLATES.priorities.content)]);

    expect(questions.map((q) => [q.id, q.type])).toEqual([
      ['top_priorities', 'ranking'],
      ['safe_after_dark', 'likert'],
      ['feel_safer', 'multiple'],
      ['good_job', 'likert'],
      ['anything_else', 'text'],
      ['age_band', 'demographic'],
      ['sex', 'demographic'],
      ['gender_identity', 'demographic'],
      ['ethnicity', 'demographic'],
      ['disability', 'demographic'],
    ]);
    const safe = questions.find((q) => q.id === 'safe_after_dark')!;
    expect(safe.options.map((o) => o.label)).toEqual(['Very safe', 'Fairly safe', 'Fairly unsafe', 'Very unsafe', 'Don’t know']);
    expect(safe.topTwo).toEqual(['very_safe', 'fairly_safe']);
    expect(questions.find((q) => q.id === 'top_priorities')?.pick).toBe(3);
  });

  it('keeps an option only an earlier version offered, so options still add up to the base', () => {
    const v1 = versionOf(1, content([{ id: 'travel', type: 'single', title: { en: 'How?' }, options: [{ id: 'bus', label: { en: 'Bus' } }, { id: 'tram', label: { en: 'Tram' } }] }]));
    const v2 = versionOf(2, content([{ id: 'travel', type: 'single', title: { en: 'How do you travel?' }, options: [{ id: 'bus', label: { en: 'By bus' } }, { id: 'car', label: { en: 'Car' } }] }]));

    const [travel] = resultQuestions([v2, v1]);

    expect(travel?.title).toBe('How do you travel?');
    expect(travel?.options).toEqual([
      { id: 'bus', label: 'By bus' },
      { id: 'car', label: 'Car' },
      { id: 'tram', label: 'Tram' },
    ]);
  });

  it('gives 0–10 scales an option per value, labelled at the ends', () => {
    const [clarity] = resultQuestions([versionOf(1, content([{ id: 'clarity', type: 'scale10', dontKnow: true, title: { en: 'Clear?' }, minLabel: { en: 'Not at all' }, maxLabel: { en: 'Very' } }]))]);

    expect(clarity?.options.map((o) => o.id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'dont_know']);
    expect(clarity?.options[0]?.label).toBe('0 – Not at all');
    expect(clarity?.scores?.get('7')).toBe(7);
  });
});

describe('how a question’s counters add up', () => {
  const [, safe] = resultQuestions([versionOf(1, TEMPLATES.priorities.content)]);

  it('lists the Likert cells: base, options, scored base and top-2 box', () => {
    expect(cellCounters(safe!, false)).toEqual([
      'safe_after_dark#n',
      'safe_after_dark#o#very_safe',
      'safe_after_dark#o#fairly_safe',
      'safe_after_dark#o#fairly_unsafe',
      'safe_after_dark#o#very_unsafe',
      'safe_after_dark#o#dont_know',
      'safe_after_dark#scored',
      'safe_after_dark#top2',
    ]);
  });

  it('states the within-unit sums of a Likert question', () => {
    expect(withinUnitConstraints(safe!, false)).toEqual([
      { total: 'safe_after_dark#n', parts: ['safe_after_dark#o#very_safe', 'safe_after_dark#o#fairly_safe', 'safe_after_dark#o#fairly_unsafe', 'safe_after_dark#o#very_unsafe', 'safe_after_dark#o#dont_know'] },
      { total: 'safe_after_dark#scored', parts: ['safe_after_dark#o#very_safe', 'safe_after_dark#o#fairly_safe', 'safe_after_dark#o#fairly_unsafe', 'safe_after_dark#o#very_unsafe'] },
      { total: 'safe_after_dark#n', parts: ['safe_after_dark#scored', 'safe_after_dark#o#dont_know'] },
      { total: 'safe_after_dark#top2', parts: ['safe_after_dark#o#very_safe', 'safe_after_dark#o#fairly_safe'] },
    ]);
  });

  it('has no within-unit sum for multiple choice or rankings (a respondent can pick several)', () => {
    const questions = resultQuestions([versionOf(1, TEMPLATES.priorities.content)]);

    expect(withinUnitConstraints(questions.find((q) => q.id === 'feel_safer')!, false)).toEqual([]);
    expect(withinUnitConstraints(questions.find((q) => q.id === 'top_priorities')!, false)).toEqual([]);
  });

  it('withholds everything of a question with its base, and the top-2 box with the scored base', () => {
    const contained = containedCounters(safe!, false);

    expect(contained.get('safe_after_dark#n')).toHaveLength(7);
    expect(contained.get('safe_after_dark#scored')).toEqual(['safe_after_dark#top2']);
  });

  it('derives the scored base as the base without “don’t know”', () => {
    expect(withDerived({ 'safe_after_dark#n': 12, 'safe_after_dark#o#dont_know': 2 }, [safe!])).toMatchObject({ 'safe_after_dark#scored': 10 });
  });
});
