import { describe, expect, it } from 'vitest';
import { rankingSummary } from './ranking.ts';

describe('rankingSummary', () => {
  it('averages the position among those who ranked the option and scores Borda points per respondent', () => {
    // Ranked by 10 of 20: mean rank (1×6 + 2×3 + 3×1) / 10 = 15/10 = 1.5;
    // Borda (3×6 + 2×3 + 1×1) / 20 = 25/20 = 1.25.
    expect(rankingSummary({ 1: 6, 2: 3, 3: 1 }, 20, 3)).toEqual({ meanRank: 1.5, borda: 1.25 });
  });

  it('gives the maximum Borda score, pick, when everyone ranked it first', () => {
    expect(rankingSummary({ 1: 8 }, 8, 5)).toEqual({ meanRank: 1, borda: 5 });
  });

  it('reads positions given as object keys of either kind', () => {
    const fromCounters: Record<number, number> = JSON.parse('{"2": 4, "1": 0}') as Record<number, number>;

    expect(rankingSummary(fromCounters, 10, 2)).toEqual({ meanRank: 2, borda: 0.4 });
  });

  it('gives no mean rank when nobody ranked the option, and Borda 0', () => {
    expect(rankingSummary({}, 12, 3)).toEqual({ meanRank: null, borda: 0 });
    expect(rankingSummary({ 1: 0, 2: 0 }, 12, 3)).toEqual({ meanRank: null, borda: 0 });
  });

  it('gives neither when nobody answered the question', () => {
    expect(rankingSummary({}, 0, 3)).toEqual({ meanRank: null, borda: null });
  });

  it.each([
    [{ 4: 1 }, 10, 3],
    [{ 0: 1 }, 10, 3],
    [{ 1.5: 1 }, 10, 3],
    [{ 1: -1 }, 10, 3],
    [{ 1: 6, 2: 5 }, 10, 3],
    [{ 1: 1 }, 10, 0],
    [{ 1: 1 }, -1, 3],
  ])('rejects counts %j from %i respondents picking %i', (counts, respondents, pick) => {
    expect(() => rankingSummary(counts, respondents, pick)).toThrow(RangeError);
  });
});
