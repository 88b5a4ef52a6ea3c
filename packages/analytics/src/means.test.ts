import { describe, expect, it } from 'vitest';
import { meanInterval } from './means.ts';

describe('meanInterval', () => {
  it('matches the hand-worked interval for one answer at each of 1–5', () => {
    // n = 5, mean = 15/5 = 3; Σ(x − 3)² = 4 + 1 + 0 + 1 + 4 = 10, sd = √(10/4) = 1.581139;
    // SE = 1.581139/√5 = 0.707107; t(0.975, 4) = 2.776445 (printed t tables: 2.776);
    // half-width = 1.963243 → [1.036757, 4.963243].
    const result = meanInterval([1, 2, 3, 4, 5].map((value) => ({ value, count: 1 })));

    expect(result).not.toBeNull();
    expect(result?.n).toBe(5);
    expect(result?.mean).toBe(3);
    expect(result?.sd).toBeCloseTo(1.581139, 6);
    expect(result?.lower).toBeCloseTo(1.036757, 5);
    expect(result?.upper).toBeCloseTo(4.963243, 5);
  });

  it('weights each value by its count', () => {
    // Ten answers: 1×1, 3×2, 4×4, 5×3 → mean 38/10 = 3.8; Σc(x − 3.8)² = 7.84 + 1.28 + 0.16 + 4.32
    // = 13.6, sd = √(13.6/9) = 1.229273; SE = 0.388730; t(0.975, 9) = 2.262157 (tables: 2.262);
    // half-width = 0.879372 → [2.920628, 4.679372].
    const result = meanInterval([
      { value: 1, count: 1 },
      { value: 2, count: 0 },
      { value: 3, count: 2 },
      { value: 4, count: 4 },
      { value: 5, count: 3 },
    ]);

    expect(result?.n).toBe(10);
    expect(result?.mean).toBeCloseTo(3.8, 12);
    expect(result?.sd).toBeCloseTo(1.229273, 6);
    expect(result?.lower).toBeCloseTo(2.920628, 5);
    expect(result?.upper).toBeCloseTo(4.679372, 5);
  });

  it('gives the mean as the interval for a single respondent', () => {
    expect(meanInterval([{ value: 7, count: 1 }, { value: 3, count: 0 }])).toEqual({ n: 1, mean: 7, lower: 7, upper: 7, sd: 0 });
  });

  it('gives a zero-width interval when everybody gave the same value', () => {
    expect(meanInterval([{ value: 4, count: 12 }])).toEqual({ n: 12, mean: 4, lower: 4, upper: 4, sd: 0 });
  });

  it('returns null when nobody answered', () => {
    expect(meanInterval([])).toBeNull();
    expect(meanInterval([{ value: 1, count: 0 }])).toBeNull();
  });

  it('uses the wide t quantile for two respondents', () => {
    // Values 0 and 10: mean 5, sd = √50 = 7.071068, SE = 5; t(0.975, 1) = 12.706205 → ±63.531.
    const result = meanInterval([{ value: 0, count: 1 }, { value: 10, count: 1 }]);

    expect(result?.lower).toBeCloseTo(5 - 63.531024, 4);
    expect(result?.upper).toBeCloseTo(5 + 63.531024, 4);
  });

  it.each([
    [{ value: 1, count: -1 }],
    [{ value: 1, count: 1.5 }],
    [{ value: Number.NaN, count: 1 }],
  ])('rejects %j', (bad) => {
    expect(() => meanInterval([bad])).toThrow(RangeError);
  });
});
