import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustPValues, twoProportionTest } from './tests.ts';

describe('twoProportionTest', () => {
  it('matches the hand-worked pooled test for 45/100 against 60/100', () => {
    // Pooled share 105/200 = 0.525; SE = √(0.525 × 0.475 × (1/100 + 1/100)) = √0.0049875 = 0.070622;
    // z = 0.15 / 0.070622 = 2.1240 (z² = 600/133 = 4.5113, the X-squared of R's
    // prop.test(c(45, 60), c(100, 100), correct = FALSE)). Normal table: Φ(2.12) = 0.98300,
    // Φ(2.13) = 0.98341, so Φ(2.1240) ≈ 0.98316 and two-sided p ≈ 2 × 0.01684 = 0.0337.
    const result = twoProportionTest(45, 100, 60, 100);

    expect(result.difference).toBeCloseTo(0.15, 12);
    expect(result.z).toBeCloseTo(2.1240, 4);
    expect(result.z ** 2).toBeCloseTo(600 / 133, 10);
    expect(result.p).toBeCloseTo(0.03367, 5);
  });

  it('matches the hand-worked test for 10/50 against 25/50', () => {
    // Pooled 35/100; SE = √(0.35 × 0.65 × 0.04) = 0.095394; z = 0.3 / 0.095394 = 3.1449;
    // normal table: two-sided p for z = 3.14 is 0.00169, for 3.15 is 0.00163 → 0.00166.
    const result = twoProportionTest(10, 50, 25, 50);

    expect(result.z).toBeCloseTo(3.1449, 4);
    expect(result.p).toBeCloseTo(0.00166, 5);
  });

  it('gives a negative z and the same p when the second share is smaller', () => {
    const up = twoProportionTest(45, 100, 60, 100);

    const down = twoProportionTest(60, 100, 45, 100);

    expect(down.difference).toBeCloseTo(-0.15, 12);
    expect(down.z).toBeCloseTo(-up.z, 12);
    expect(down.p).toBeCloseTo(up.p, 12);
  });

  it('compares samples of different sizes', () => {
    // Pooled 30/120 = 0.25; SE = √(0.25 × 0.75 × (1/20 + 1/100)) = √0.01125 = 0.106066;
    // difference 0.2 − 0.5 = −0.3 → z = −0.3 / 0.106066 = −2.828427 (= −2√2); normal table:
    // two-sided p for 2.82 is 0.00480, for 2.83 is 0.00466 → 0.00468.
    const result = twoProportionTest(10, 20, 20, 100);

    expect(result.difference).toBeCloseTo(-0.3, 12);
    expect(result.z).toBeCloseTo(-2 * Math.SQRT2, 10);
    expect(result.p).toBeCloseTo(0.00468, 5);
  });

  it.each([
    [0, 10, 0, 20],
    [10, 10, 5, 5],
  ])('returns z 0 and p 1 when nobody or everybody chose it (%i/%i, %i/%i)', (x1, n1, x2, n2) => {
    expect(twoProportionTest(x1, n1, x2, n2)).toEqual({ difference: 0, z: 0, p: 1 });
  });

  it('gives p 1 for equal shares', () => {
    expect(twoProportionTest(3, 10, 30, 100)).toMatchObject({ z: 0, p: 1 });
  });

  it.each([
    [11, 10, 5, 10],
    [1, 10, -1, 10],
    [0, 0, 5, 10],
    [1.5, 10, 5, 10],
    [1, 10, 5, Number.NaN],
  ])('rejects invalid counts %i/%i, %i/%i', (x1, n1, x2, n2) => {
    expect(() => twoProportionTest(x1, n1, x2, n2)).toThrow(RangeError);
  });
});

describe('adjustPValues', () => {
  const p = [0.01, 0.04, 0.03, 0.005];

  it('applies Holm step-down in input order', () => {
    // Sorted: 0.005×4 = 0.02, 0.01×3 = 0.03, 0.03×2 = 0.06, 0.04×1 = 0.04 → running max
    // 0.02, 0.03, 0.06, 0.06 → back in input order [0.03, 0.06, 0.06, 0.02].
    const adjusted = adjustPValues(p, 'holm');

    expect(adjusted.map((x) => round(x))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });

  it('applies Benjamini–Hochberg step-up in input order', () => {
    // Largest first: 0.04×4/4 = 0.04, 0.03×4/3 = 0.04, 0.01×4/2 = 0.02, 0.005×4/1 = 0.02 →
    // running min 0.04, 0.04, 0.02, 0.02 → in input order [0.02, 0.04, 0.04, 0.02].
    const adjusted = adjustPValues(p, 'bh');

    expect(adjusted.map((x) => round(x))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });

  it('caps adjusted values at 1', () => {
    expect(adjustPValues([0.6, 0.7], 'holm')).toEqual([1, 1]);
    expect(adjustPValues([0.9, 0.95, 1], 'bh')).toEqual([1, 1, 1]);
  });

  it('gives tied p-values the same adjusted value', () => {
    // Holm: 0.02×3 = 0.06, 0.02×2 = 0.04 → 0.06, 0.5×1 → 0.5.
    // BH: 0.5×3/3 = 0.5, 0.02×3/2 = 0.03, 0.02×3/1 = 0.06 → 0.03.
    expect(adjustPValues([0.02, 0.5, 0.02], 'holm').map((x) => round(x))).toEqual([0.06, 0.5, 0.06]);
    expect(adjustPValues([0.02, 0.5, 0.02], 'bh').map((x) => round(x))).toEqual([0.03, 0.5, 0.03]);
  });

  it('leaves a single p-value alone and an empty list empty', () => {
    expect(adjustPValues([0.2], 'holm')).toEqual([0.2]);
    expect(adjustPValues([0.2], 'bh')).toEqual([0.2]);
    expect(adjustPValues([], 'bh')).toEqual([]);
  });

  it.each([[-0.1], [1.2], [Number.NaN]])('rejects the p-value %d', (bad) => {
    expect(() => adjustPValues([0.1, bad], 'holm')).toThrow(RangeError);
  });

  it('never lowers a p-value, keeps the order of the raw ones, and is never below BH for Holm', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (raw) => {
        const holm = adjustPValues(raw, 'holm');
        const bh = adjustPValues(raw, 'bh');

        raw.forEach((value, i) => {
          expect(bh[i]).toBeGreaterThanOrEqual(value);
          expect(holm[i]).toBeGreaterThanOrEqual(bh[i] as number);
          expect(holm[i]).toBeLessThanOrEqual(1);
          raw.forEach((other, j) => {
            if (value < other) {
              expect(holm[i]).toBeLessThanOrEqual(holm[j] as number);
              expect(bh[i]).toBeLessThanOrEqual(bh[j] as number);
            }
          });
        });
      }),
    );
  });
});

function round(x: number): number {
  return Math.round(x * 1e10) / 1e10;
}
