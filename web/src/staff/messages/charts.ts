/**
 * The arithmetic behind the dashboard's SVG charts: scales, tick values, line paths and the
 * months of a period. Pure, unit-tested; the drawing is in Charts.tsx.
 */

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

/** Maps `domain` onto `range` linearly (a zero-width domain maps to the middle of the range). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
  scale.domain = domain;
  return scale;
}

/** About `count` round tick values (1, 2 or 5 × 10ⁿ apart) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let value = first; value <= max + step * 1e-9; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/** An SVG path through the points, broken where a value is missing (withheld or no data). */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (point.y === null) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${round(point.x)},${round(point.y)}`;
    drawing = true;
  }
  return path;
}

const round = (value: number) => Math.round(value * 10) / 10;

export interface Month {
  /** `2026-03`. */
  key: string;
  /** `Mar 2026`. */
  label: string;
  /** First instant of the month, ISO (UTC). */
  from: string;
  /** First instant of the next month. */
  to: string;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar months (UTC) from the month of `from` to the month of `to`, at most `limit` (the latest kept). */
export function monthsBetween(from: Date, to: Date, limit = 24): Month[] {
  const months: Month[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  const endKey = to.getUTCFullYear() * 12 + to.getUTCMonth();
  while (year * 12 + month <= endKey) {
    const start = new Date(Date.UTC(year, month, 1));
    const next = new Date(Date.UTC(year, month + 1, 1));
    months.push({ key: `${year}-${String(month + 1).padStart(2, '0')}`, label: `${SHORT_MONTHS[month]} ${year}`, from: start.toISOString(), to: next.toISOString() });
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months.slice(-limit);
}

/** `2026-03-15` (a date input's value) → the ISO instant of that day's start in UTC, or null. */
export function dayStart(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The day after a date input's value, as an ISO instant: periods are [from, to) and a "to" date is inclusive on screen. */
export function dayAfter(value: string): string | null {
  const start = dayStart(value);
  if (!start) return null;
  return new Date(new Date(start).getTime() + 86_400_000).toISOString();
}

/** The least-squares line through the points (null with fewer than two distinct x values). */
export function leastSquares(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/** Pearson's r in words, for the scatter's caption. */
export function describeCorrelation(r: number | null, n: number): string {
  if (r === null) return `Not enough messages with published satisfaction to measure the relationship (n = ${n}; at least 3 are needed).`;
  const size = Math.abs(r);
  const strength = size >= 0.7 ? 'strong' : size >= 0.4 ? 'moderate' : size >= 0.2 ? 'weak' : 'little or no';
  const direction = size < 0.2 ? '' : r > 0 ? ' positive' : ' negative';
  const meaning = size < 0.2 ? '' : r > 0 ? ': easier-to-read messages tended to be rated more useful' : ': easier-to-read messages tended to be rated less useful';
  return `${strength[0]!.toUpperCase()}${strength.slice(1)}${direction} relationship (r = ${r.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 })}, n = ${n})${meaning}.`;
}
