/**
 * Mean of a scored answer (a Likert score, a 0–10 rating) from its distribution of counts, with a
 * 95 % Student's t interval — the counters store how many chose each value, not each response.
 */
import { tQuantile } from './distributions.ts';

export interface ValueCount {
  value: number;
  count: number;
}

export interface MeanInterval {
  n: number;
  mean: number;
  /** 95 % t interval on the mean. */
  lower: number;
  upper: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single respondent. */
  sd: number;
}

/**
 * Mean, sample standard deviation and 95 % t interval (mean ± t(0.975, n − 1) · sd / √n) of a
 * distribution given as value counts. One respondent has no spread to measure: the interval is
 * the mean itself. Nobody: null.
 *
 * @example
 * meanInterval([{ value: 1, count: 1 }, { value: 2, count: 1 }, { value: 3, count: 1 }, { value: 4, count: 1 }, { value: 5, count: 1 }])
 * // { n: 5, mean: 3, sd: 1.5811, lower: 1.0368, upper: 4.9632 }
 */
export function meanInterval(distribution: readonly ValueCount[]): MeanInterval | null {
  let n = 0;
  let total = 0;
  for (const { value, count } of distribution) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`counts must be whole numbers >= 0, got ${count}`);
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite numbers, got ${value}`);
    n += count;
    total += value * count;
  }
  if (n === 0) return null;
  const mean = total / n;
  if (n === 1) return { n, mean, lower: mean, upper: mean, sd: 0 };
  // Second pass over the deviations: steadier than Σx² − n·mean² when values are close together.
  let squares = 0;
  for (const { value, count } of distribution) squares += count * (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const halfWidth = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, lower: mean - halfWidth, upper: mean + halfWidth, sd };
}
