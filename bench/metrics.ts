/**
 * Scoring a three-class sentiment classifier against human ratings: labels from a neutral band,
 * accuracy, macro-F1, Pearson correlation, and a seeded stratified split for tuning the band.
 */

export const LABELS = ['positive', 'neutral', 'negative'] as const;
export type Label = (typeof LABELS)[number];

/** positive above +band, negative below −band, neutral inside (the band itself is neutral only at 0). */
export function labelWithBand(score: number, band: number): Label {
  if (band === 0) return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
  if (score >= band) return 'positive';
  if (score <= -band) return 'negative';
  return 'neutral';
}

export interface Classification {
  accuracy: number;
  macroF1: number;
  f1: Record<Label, number>;
  /** confusion[gold][predicted] */
  confusion: Record<Label, Record<Label, number>>;
  n: number;
}

export function classify(gold: readonly Label[], predicted: readonly Label[]): Classification {
  const confusion = Object.fromEntries(
    LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0])) as Record<Label, number>]),
  ) as Record<Label, Record<Label, number>>;
  gold.forEach((g, i) => {
    confusion[g][predicted[i] ?? 'neutral'] += 1;
  });
  const f1 = Object.fromEntries(
    LABELS.map((label) => {
      const truePositives = confusion[label][label];
      const predictedCount = LABELS.reduce((sum, g) => sum + confusion[g][label], 0);
      const goldCount = LABELS.reduce((sum, p) => sum + confusion[label][p], 0);
      const denominator = predictedCount + goldCount;
      return [label, denominator === 0 ? 0 : (2 * truePositives) / denominator];
    }),
  ) as Record<Label, number>;
  const correct = LABELS.reduce((sum, label) => sum + confusion[label][label], 0);
  return {
    accuracy: correct / gold.length,
    macroF1: (f1.positive + f1.neutral + f1.negative) / 3,
    f1,
    confusion,
    n: gold.length,
  };
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / n;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** mulberry32: a tiny seeded PRNG so the calibration/evaluation split is the same every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indices split in two halves with the same label mix (stratified), shuffled by a fixed seed. */
export function stratifiedHalves(gold: readonly Label[], seed: number): { calibration: number[]; evaluation: number[] } {
  const random = seededRandom(seed);
  const calibration: number[] = [];
  const evaluation: number[] = [];
  for (const label of LABELS) {
    const indices = gold.flatMap((g, i) => (g === label ? [i] : []));
    for (let i = indices.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
    }
    const half = Math.ceil(indices.length / 2);
    calibration.push(...indices.slice(0, half));
    evaluation.push(...indices.slice(half));
  }
  return { calibration: calibration.sort((a, b) => a - b), evaluation: evaluation.sort((a, b) => a - b) };
}

/**
 * The symmetric neutral band (±band) that maximises macro-F1 on the given rows. Macro-F1 rather
 * than accuracy, so the smallest class (neutral, 18 % of the tweets) is not traded away.
 * Candidates are the midpoints between distinct |scores|, so no threshold is arbitrary.
 */
export function tuneBand(scores: readonly number[], gold: readonly Label[]): number {
  const magnitudes = [...new Set(scores.map((s) => Math.abs(s)))].sort((a, b) => a - b);
  const candidates = [0, ...magnitudes.slice(0, -1).map((m, i) => (m + (magnitudes[i + 1] as number)) / 2)];
  let best = { band: 0, macroF1: -1 };
  for (const band of candidates) {
    const { macroF1 } = classify(gold, scores.map((s) => labelWithBand(s, band)));
    if (macroF1 > best.macroF1) best = { band, macroF1 };
  }
  return best.band;
}

export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i] as T);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
