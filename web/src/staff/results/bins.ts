/**
 * Classes for the results map: shares fall into a few equal-width bins with round edges, each
 * coloured from a sequential scheme that stays readable with colour-vision deficiencies.
 */

/**
 * Paul Tol's sequential "YlOrBr" scheme, made for maps and safe for the common colour-vision
 * deficiencies; its palest shade is dropped so every class stands out from the white page.
 */
export const SEQUENTIAL = ['#FFF7BC', '#FEE391', '#FEC44F', '#FB9A29', '#EC7014', '#CC4C02', '#993404', '#662506'] as const;

/** Tol's colour for "no data" with this scheme: a mid grey no class uses. */
export const NO_RESPONSES = '#888888';
/** Wards outside the chosen level's units (e.g. in no Impact Area): paler than any class. */
export const NOT_COVERED = '#FFFFFF';
/** Hatching lines for withheld wards: dark on white, 3:1 against both. */
export const HATCH_INK = '#0b0c0c';

export interface Bin {
  /** Inclusive lower edge (share, 0–1). */
  lower: number;
  /** Exclusive upper edge, inclusive for the last bin. */
  upper: number;
  colour: string;
  label: string;
}

const STEPS = [0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25];

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Picks `count` colours spread evenly over the scheme, pale to dark. */
export function sequentialColours(count: number): string[] {
  if (count <= 1) return [SEQUENTIAL[3]];
  return Array.from({ length: count }, (_, i) => SEQUENTIAL[Math.round((i * (SEQUENTIAL.length - 1)) / (count - 1))]!);
}

/**
 * Up to `maxBins` equal-width classes with round edges (1, 2, 2.5, 5, 10, 20 or 25 points wide)
 * covering every value. Shares are fractions (0–1). No values, no bins.
 *
 * @example shareBins([0.12, 0.31, 0.44]) // 10–20 %, 20–30 %, 30–40 %, 40–50 %
 */
export function shareBins(values: readonly number[], maxBins = 5): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.max(0, Math.min(...finite));
  const max = Math.min(1, Math.max(...finite));
  const fits = (step: number) => {
    const lower = Math.min(Math.floor(round(min / step)) * step, round(1 - step));
    // The last bin includes its upper edge, so a maximum on an edge needs no extra bin.
    return { lower, count: Math.max(1, Math.ceil(round((max - lower) / step))) };
  };
  const step = STEPS.find((candidate) => fits(candidate).count <= maxBins) ?? 0.25;
  const { lower, count } = fits(step);
  const colours = sequentialColours(count);
  return colours.map((colour, i) => {
    const from = round(lower + i * step);
    const to = round(Math.min(1, lower + (i + 1) * step));
    const last = i === count - 1;
    return { lower: from, upper: to, colour, label: last ? `${pct(from)} to ${pct(to)}` : `${pct(from)} to under ${pct(to)}` };
  });
}

/** Removes floating-point dust (0.30000000000000004 → 0.3). */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** The bin a share falls in: the last bin includes its upper edge. */
export function binFor(share: number, bins: readonly Bin[]): Bin | undefined {
  return bins.find((bin, i) => share >= bin.lower && (share < bin.upper || (i === bins.length - 1 && share <= bin.upper)));
}
