/**
 * Significance tests for comparing waves: the pooled two-proportion z test on a share, and
 * multiple-comparison adjustment across a table of such tests (as R's `p.adjust`).
 */
import { normalTwoSidedP } from './distributions.ts';

export interface TwoProportionTest {
  /** Second share minus first: x2/n2 − x1/n1. */
  difference: number;
  /** Positive when the second share is larger. */
  z: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Pooled two-proportion z test of x1/n1 against x2/n2 (the same test as R's
 * `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)`, whose X-squared is z²). When the pooled
 * share is 0 or 1 both samples agree exactly and there is no variance to test against: z is 0
 * and p is 1.
 *
 * @example
 * twoProportionTest(45, 100, 60, 100) // { difference: 0.15, z: 2.1240, p: 0.0337 }
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  assertCount(x1, n1);
  assertCount(x2, n2);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { difference: p2 - p1, z: 0, p: 1 };
  const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { difference: p2 - p1, z, p: normalTwoSidedP(z) };
}

function assertCount(x: number, n: number): void {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 1 || x < 0 || x > n) {
    throw new RangeError(`twoProportionTest needs integers with 0 <= x <= n and n >= 1, got ${x}/${n}`);
  }
}

export type PValueAdjustment = 'holm' | 'bh';

/**
 * Adjusts p-values for testing many rows at once, returned in input order, as R's `p.adjust`:
 * `holm` (Holm's step-down, controls the family-wise error rate) or `bh` (Benjamini–Hochberg
 * step-up, controls the false discovery rate). Adjusted values are monotone in the raw ones
 * and capped at 1.
 *
 * @example
 * adjustPValues([0.01, 0.04, 0.03, 0.005], 'holm') // [0.03, 0.06, 0.06, 0.02]
 * adjustPValues([0.01, 0.04, 0.03, 0.005], 'bh')   // [0.02, 0.04, 0.04, 0.02]
 */
export function adjustPValues(p: readonly number[], method: PValueAdjustment): number[] {
  for (const value of p) {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`p-values must be within 0..1, got ${value}`);
  }
  const n = p.length;
  // Indices ordered by p (a stable sort, as R's order()), smallest first.
  const order = p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number));
  const adjusted = new Array<number>(n);
  if (method === 'holm') {
    // Step down from the smallest: the k-th smallest (k from 0) is multiplied by n − k, and
    // never falls below the one before it.
    let running = 0;
    order.forEach((index, k) => {
      running = Math.max(running, (n - k) * (p[index] as number));
      adjusted[index] = Math.min(1, running);
    });
  } else {
    // Step up from the largest: the one of rank r (1 = smallest) is multiplied by n / r, and
    // never rises above the one after it.
    let running = Number.POSITIVE_INFINITY;
    for (let k = n - 1; k >= 0; k -= 1) {
      const index = order[k] as number;
      running = Math.min(running, (n / (k + 1)) * (p[index] as number));
      adjusted[index] = Math.min(1, running);
    }
  }
  return adjusted;
}
