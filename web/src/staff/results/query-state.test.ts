import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, formatResultsQuery, parseResultsQuery, resultsSurveyId } from './query-state.ts';

describe('results page address', () => {
  it('reads every choice from the query string', () => {
    const query = parseResultsQuery('?level=area&question=safe_after_dark&show=_top2&group=age_band:age_16_24&within=E08000028&compare=abc-123&adjust=bh');

    expect(query).toEqual({ level: 'area', question: 'safe_after_dark', show: '_top2', group: { questionId: 'age_band', optionId: 'age_16_24' }, within: 'E08000028', compare: 'abc-123', adjust: 'bh' });
  });

  it('falls back to the defaults for anything it cannot read', () => {
    const query = parseResultsQuery('?level=county&question=Bad%20Id&show=%3Cscript%3E&group=age_band&within=../etc&adjust=bonferroni');

    expect(query).toEqual(DEFAULT_QUERY);
  });

  it('writes the defaults as no query at all, and round-trips the rest', () => {
    const query = { ...DEFAULT_QUERY, level: 'district' as const, question: 'top_priorities', show: 'asb', group: { questionId: 'sex', optionId: 'female' } };

    expect(formatResultsQuery(DEFAULT_QUERY)).toBe('');
    expect(formatResultsQuery(query)).toBe('?level=district&question=top_priorities&show=asb&group=sex%3Afemale');
    expect(parseResultsQuery(formatResultsQuery(query))).toEqual(query);
  });

  it('finds the survey id in a results address and nowhere else', () => {
    expect(resultsSurveyId('/staff/surveys/0b7e3c1a-1111-4222-8333-944455556666/results')).toBe('0b7e3c1a-1111-4222-8333-944455556666');
    expect(resultsSurveyId('/staff/surveys/abc/results/')).toBe('abc');
    expect(resultsSurveyId('/staff/surveys/abc')).toBeNull();
    expect(resultsSurveyId('/staff/surveys/new/results/more')).toBeNull();
  });
});
