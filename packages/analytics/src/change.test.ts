import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differenceInterval, minimumDetectableDifference } from './change.ts';
import { normalQuantile } from './distributions.ts';
import { twoProportionTest } from './tests.ts';

describe('differenceInterval', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score), each written as the
  // second sample's share minus the first's.
  it.each([
    [48, 80, 56, 70, 0.0524, 0.3339],
    [3, 10, 9, 10, 0.1705, 0.809],
    [2, 7, 6, 7, 0.0582, 0.8062],
    [0, 29, 5, 56, -0.0381, 0.1926],
    [0, 20, 0, 10, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [0, 20, 10, 10, 0.6791, 1],
    [0, 10, 10, 10, 0.6075, 1],
  ])('matches Newcombe’s published interval for %i/%i to %i/%i', (x1, n1, x2, n2, lower, upper) => {
    const result = differenceInterval(x1, n1, x2, n2);

    expect(result.difference).toBeCloseTo(x2 / n2 - x1 / n1, 12);
    expect(result.lower).toBeCloseTo(lower, 4);
    expect(result.upper).toBeCloseTo(upper, 4);
  });

  it('mirrors when the samples swap, and narrows at a lower confidence', () => {
    const up = differenceInterval(48, 80, 56, 70);

    const down = differenceInterval(56, 70, 48, 80);
    const narrower = differenceInterval(48, 80, 56, 70, 0.9);

    expect(down.lower).toBeCloseTo(-up.upper, 12);
    expect(down.upper).toBeCloseTo(-up.lower, 12);
    expect(narrower.lower).toBeGreaterThan(up.lower);
    expect(narrower.upper).toBeLessThan(up.upper);
  });

  it('always contains the difference and stays within −1..1', () => {
    const sample = fc.integer({ min: 1, max: 400 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(sample, sample, ([x1, n1], [x2, n2]) => {
        const { difference, lower, upper } = differenceInterval(x1, n1, x2, n2);

        expect(lower).toBeLessThanOrEqual(difference + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(difference - 1e-12);
        expect(lower).toBeGreaterThanOrEqual(-1);
        expect(upper).toBeLessThanOrEqual(1);
      }),
    );
  });

  it.each([
    [11, 10, 5, 10],
    [0, 0, 5, 10],
    [1.5, 10, 5, 10],
  ])('rejects invalid counts %d/%d, %d/%d', (x1, n1, x2, n2) => {
    expect(() => differenceInterval(x1, n1, x2, n2)).toThrow(RangeError);
  });
});

describe('minimumDetectableDifference', () => {
  it('matches the hand-worked figure for two samples of 100 at 50 %', () => {
    // √(0.25 × (1/100 + 1/100)) = √0.005 = 0.070711; × 1.959964 = 0.138590. With 80 % power
    // add z(0.8) = 0.841621: 2.801585 × 0.070711 = 0.198102.
    expect(minimumDetectableDifference(100, 100)).toBeCloseTo(0.13859, 5);
    expect(minimumDetectableDifference(100, 100, { power: 0.8 })).toBeCloseTo(0.1981, 4);
  });

  it('is smaller for larger samples, for shares away from 50 % and for a looser level', () => {
    const ward = minimumDetectableDifference(15, 15);

    expect(minimumDetectableDifference(500, 500)).toBeLessThan(ward / 5);
    expect(minimumDetectableDifference(15, 15, { share: 0.1 })).toBeCloseTo(ward * 0.6, 10);
    expect(minimumDetectableDifference(15, 15, { alpha: 0.05 / 139 })).toBeGreaterThan(ward * 1.8);
  });

  it('is the difference at which the pooled z test reaches the level, for shares centred on s', () => {
    // Shares 0.5 ± d/2 pool to 0.5, so the pooled test's z is exactly d / SE there.
    const d = minimumDetectableDifference(400, 400, { alpha: 0.01 });
    const x = (share: number) => Math.round(share * 400);

    expect(twoProportionTest(x(0.5 - d / 2 + 0.0025), 400, x(0.5 + d / 2 - 0.0025), 400).p).toBeGreaterThan(0.01);
    expect(twoProportionTest(x(0.5 - d / 2 - 0.0025), 400, x(0.5 + d / 2 + 0.0025), 400).p).toBeLessThan(0.01);
    expect(d).toBeCloseTo(normalQuantile(0.995) * Math.sqrt(0.25 * (2 / 400)), 12);
  });

  it.each([
    [0, 10, {}],
    [10, 2.5, {}],
    [10, 10, { share: 0 }],
    [10, 10, { alpha: 1 }],
    [10, 10, { power: 0 }],
  ])('rejects n %d and %d with %o', (n1, n2, options) => {
    expect(() => minimumDetectableDifference(n1, n2, options)).toThrow(RangeError);
  });
});
