/**
 * How big a change between two shares is and how big it would need to be: the interval of a
 * difference of proportions, and the smallest difference two samples of given sizes can detect.
 */
import { normalQuantile } from './distributions.ts';
import { wilsonInterval } from './proportion.ts';

export interface DifferenceInterval {
  /** x2/n2 − x1/n1. */
  difference: number;
  lower: number;
  upper: number;
}

/**
 * Interval of the difference x2/n2 − x1/n1 by Newcombe's hybrid score method (method 10 of
 * Newcombe 1998), built from the two samples' Wilson intervals — the intervals the results
 * already show for each share. Unlike the Wald interval it stays within −1..1 and keeps its
 * coverage for small samples and shares near 0 or 1. `confidence` defaults to 95 %.
 *
 * @example
 * differenceInterval(48, 80, 56, 70) // { difference: 0.2, lower: 0.0524, upper: 0.3339 }
 */
export function differenceInterval(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): DifferenceInterval {
  assertSample('differenceInterval', x1, n1);
  assertSample('differenceInterval', x2, n2);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`differenceInterval needs 0 < confidence < 1, got ${confidence}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const first = wilsonInterval(x1, n1, z);
  const second = wilsonInterval(x2, n2, z);
  const difference = second.share - first.share;
  const lower = difference - Math.hypot(second.share - second.lower, first.upper - first.share);
  const upper = difference + Math.hypot(second.upper - second.share, first.share - first.lower);
  return { difference, lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}

export interface DetectableOptions {
  /** The share both samples are near; 0.5 (the widest) unless given. */
  share?: number;
  /** Two-sided significance level the difference must reach; 0.05 unless given. */
  alpha?: number;
  /**
   * Chance of detecting a true difference of the size returned. 0.5 (the default) gives the
   * smallest observed difference that is significant; 0.8 the usual planning figure.
   */
  power?: number;
}

/**
 * The smallest difference between two shares, from samples of n1 and n2, that a two-proportion
 * z test finds significant: (z₁₋α/₂ + z_power) · √(s(1 − s)(1/n1 + 1/n2)) for shares near s.
 * It shrinks with the square root of the sample sizes, which is why a ward of 15 cannot show
 * what a district of 500 can. May exceed 1: then no change at all could be told from chance.
 *
 * @example
 * minimumDetectableDifference(100, 100)               // 0.1386 (±13.9 points at 5 %)
 * minimumDetectableDifference(100, 100, { power: 0.8 }) // 0.1981
 */
export function minimumDetectableDifference(n1: number, n2: number, options: DetectableOptions = {}): number {
  const { share = 0.5, alpha = 0.05, power = 0.5 } = options;
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 < 1 || n2 < 1) throw new RangeError(`minimumDetectableDifference needs whole sample sizes of at least 1, got ${n1} and ${n2}`);
  if (!(share > 0 && share < 1)) throw new RangeError(`minimumDetectableDifference needs 0 < share < 1, got ${share}`);
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new RangeError(`minimumDetectableDifference needs 0 < alpha, power < 1, got ${alpha}, ${power}`);
  const z = normalQuantile(1 - alpha / 2) + (power === 0.5 ? 0 : normalQuantile(power));
  return z * Math.sqrt(share * (1 - share) * (1 / n1 + 1 / n2));
}

function assertSample(name: string, x: number, n: number): void {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 1 || x < 0 || x > n) {
    throw new RangeError(`${name} needs integers with 0 <= x <= n and n >= 1, got ${x}/${n}`);
  }
}
