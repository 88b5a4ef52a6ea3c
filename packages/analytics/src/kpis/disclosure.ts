import { ShareChannelSchema, type Counters } from '@wardpulse/domain';
import { cellId, solve as solveSystem, type Decisions, type DisclosureSystem, type Solve } from '../results/disclosure.ts';
import type { UnitTree } from '../results/units.ts';

/**
 * Disclosure control of message figures, the same way as survey results (and with the same
 * solver): every count a published or exported table shows is a cell; cells with
 * 0 < count < threshold are withheld (primary), and more are withheld wherever a withheld one
 * could be worked out by subtraction from a total (secondary) — across wards, districts, Impact
 * Areas, the force and the `none` bucket at once, and within a unit:
 *
 * - `recipients` is the unit's size (like a survey's respondents): withheld, it withholds everything
 * - `ratings` = r1 + … + r5 (the star buckets, like a Likert question's options); `sat` = r4 + r5
 * - `replies` = positive + neutral + negative replies
 * - `views`, `shares`: counts of their own
 *
 * Deliberately not cells: the interaction count (ratings + replies) — its rate is withheld
 * whenever ratings or replies are, which protects the same and keeps a withheld (even zero)
 * reply count from dragging the ratings down with it; and shares per channel, which only the
 * staff JSON lists (not the published table).
 */

export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export const STAR_BUCKETS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;
export const CHANNELS = ShareChannelSchema.options;

export const name = {
  sentiment: (label: string) => `s#${label}`,
  channel: (channel: string) => `sh#${channel}`,
};

/** Every counter that is published as a cell. */
export const CELLS = ['recipients', 'views', 'ratings', ...STAR_BUCKETS, 'sat', 'replies', ...SENTIMENT_LABELS.map(name.sentiment), 'shares'] as const;

const WITHIN_UNIT = [
  { total: 'ratings', parts: [...STAR_BUCKETS] },
  { total: 'sat', parts: ['r4', 'r5'] },
  { total: 'replies', parts: SENTIMENT_LABELS.map(name.sentiment) },
];

const CONTAINS = new Map<string, string[]>([
  ['recipients', CELLS.filter((cell) => cell !== 'recipients')],
  ['ratings', [...STAR_BUCKETS, 'sat']],
  ['replies', SENTIMENT_LABELS.map(name.sentiment)],
]);

/** Adds the derived counters (`sat`: ratings of 4–5, `interactions`: ratings + replies) to a unit's summed counters, in place. */
export function withDerived(counters: Counters): Counters {
  counters.sat = (counters.r4 ?? 0) + (counters.r5 ?? 0);
  counters.interactions = (counters.ratings ?? 0) + (counters.replies ?? 0);
  return counters;
}

/** The disclosure system of message counters over a unit tree (counters already rolled up and derived). */
export function messageSystem(tree: UnitTree, counters: ReadonlyMap<string, Counters>): DisclosureSystem {
  const cells = new Map<string, number>();
  const constraints: DisclosureSystem['constraints'] = [];
  const contains = new Map<string, string[]>();
  for (const unit of tree.units) {
    const values = counters.get(unit.key) ?? {};
    for (const cell of CELLS) cells.set(cellId(unit.key, cell), values[cell] ?? 0);
    for (const within of WITHIN_UNIT) constraints.push({ total: cellId(unit.key, within.total), parts: within.parts.map((part) => cellId(unit.key, part)) });
    for (const [parent, children] of CONTAINS) contains.set(cellId(unit.key, parent), children.map((child) => cellId(unit.key, child)));
  }
  for (const constraint of tree.constraints) {
    for (const cell of CELLS) constraints.push({ total: cellId(constraint.total, cell), parts: constraint.parts.map((part) => cellId(part, cell)) });
  }
  return { cells, constraints, contains, forced: new Map() };
}

/** Every withheld cell (`<unit key>|<counter>`) and why. `solve` solves the system (default the plain solve; functions passes its memo). */
export async function discloseMessages(tree: UnitTree, counters: ReadonlyMap<string, Counters>, threshold: number, solve: Solve = solveSystem): Promise<Decisions> {
  return await solve(messageSystem(tree, counters), threshold);
}
