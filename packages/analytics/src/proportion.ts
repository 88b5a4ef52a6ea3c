/**
 * Share of respondents with a 95 % Wilson score interval — the interval analysts expect for
 * small ward samples, where the normal approximation gives impossible bounds below 0 or above 1.
 */
export interface Proportion {
  count: number;
  n: number;
  share: number;
  lower: number;
  upper: number;
}

const Z_95 = 1.959963984540054;

/**
 * @example
 * wilsonInterval(40, 100) // { share: 0.4, lower: 0.309…, upper: 0.498… }
 */
export function wilsonInterval(count: number, n: number, z = Z_95): Proportion {
  if (!Number.isInteger(count) || !Number.isInteger(n) || count < 0 || n < 0 || count > n) {
    throw new RangeError(`wilsonInterval needs integers with 0 <= count <= n, got ${count}/${n}`);
  }
  if (n === 0) return { count, n, share: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { count, n, share: p, lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}
