/**
 * Disclosure control for tables of counts that add up across levels (wards → district → force,
 * wards → Impact Area, options → question base): which cells to withhold so that no count below
 * the threshold can be read, or worked out by subtracting shown figures from a shown total.
 */
import type { SuppressionReason } from '@wardpulse/domain';

/** `total` = Σ `parts`, all cell ids. */
export interface AdditiveConstraint {
  total: string;
  parts: readonly string[];
}

export interface SuppressionInput {
  /** Every cell's count (a whole number ≥ 0), by id. */
  cells: ReadonlyMap<string, number>;
  constraints: readonly AdditiveConstraint[];
  /** Counts with 0 < count < threshold are withheld (`disclosureThreshold`, a whole number ≥ 1). */
  threshold: number;
  /**
   * Cells withheld whatever their count, with the reason to report — e.g. every cell of a unit
   * withheld for having few respondents. Forced `primary` cells are protected like small counts.
   */
  forced?: ReadonlyMap<string, SuppressionReason>;
}

/**
 * Chooses the cells to withhold; returns only those, each with why.
 *
 * Primary: every cell with 0 < count < threshold, and every forced cell (reported with its
 * forced reason, so a small cell inside a unit withheld for another reason does not stand out).
 * A count of 0 is shown: "nobody in this ward chose it" identifies no one.
 *
 * Secondary, repeated until nothing changes, for every constraint:
 * - total shown, some parts withheld: the withheld parts could be recovered when exactly one of
 *   them is non-zero or they sum to less than the threshold (a withheld 0 counts: it must not be
 *   read back either). Withhold the smallest non-zero shown part (ties by id) until neither holds;
 *   if no non-zero part is left to withhold, withhold the total.
 * - total withheld, every part shown: the total is their sum, so withhold the smallest non-zero
 *   part (ties by id; the first part by id when all are 0).
 *
 * Those checks look at one constraint at a time; overlapping ones (an Impact Area that spans two
 * districts, a district that holds an area) can still be combined to pin a withheld count down
 * exactly (district − area = the ward outside the area). So the solve ends with an audit of
 * the whole system: for any primary cell whose value follows exactly from the shown figures
 * (found by elimination over the withheld cells), one more shown cell is withheld from the
 * combination of constraints that reveals it — the smallest non-zero one whose coefficient there
 * does not cancel, ties by id — then the per-constraint checks run again, until neither finds
 * anything.
 * Not audited: bounds narrower than exact values when constraints overlap (that needs linear
 * programming); each constraint on its own still keeps withheld parts' sum at the threshold or above.
 *
 * Deterministic: the same input gives the same result, whatever the order of the cells map.
 *
 * @example
 * suppress({
 *   cells: new Map([['district', 50], ['ward-a', 20], ['ward-b', 25], ['ward-c', 5]]),
 *   constraints: [{ total: 'district', parts: ['ward-a', 'ward-b', 'ward-c'] }],
 *   threshold: 10,
 * }) // Map { 'ward-c' => 'primary', 'ward-a' => 'secondary' }
 */
export function suppress(input: SuppressionInput): Map<string, SuppressionReason> {
  const { cells, constraints, threshold } = input;
  const forced = input.forced ?? new Map<string, SuppressionReason>();
  validate(input, forced);

  const value = (id: string) => cells.get(id) as number;
  const byValueThenId = (a: string, b: string) => value(a) - value(b) || compareIds(a, b);
  const withheld = new Map<string, SuppressionReason>();
  const sensitive = new Set<string>();

  // Which constraints mention each cell, to re-check only those when it is withheld.
  const touching = new Map<string, number[]>();
  constraints.forEach((constraint, index) => {
    for (const id of new Set([constraint.total, ...constraint.parts])) {
      const list = touching.get(id);
      if (list) list.push(index);
      else touching.set(id, [index]);
    }
  });
  const queue: number[] = [];
  const queued = new Array<boolean>(constraints.length).fill(false);
  const enqueue = (index: number) => {
    if (queued[index]) return;
    queued[index] = true;
    queue.push(index);
  };
  const withhold = (id: string, reason: SuppressionReason) => {
    withheld.set(id, reason);
    for (const index of touching.get(id) ?? []) enqueue(index);
  };

  const ids = [...cells.keys()].sort(compareIds);
  for (const id of ids) {
    const count = value(id);
    const forcedReason = forced.get(id);
    const small = count > 0 && count < threshold;
    if (small || forcedReason === 'primary') sensitive.add(id);
    if (forcedReason) withhold(id, forcedReason);
    else if (small) withhold(id, 'primary');
  }

  const checkConstraint = ({ total, parts }: AdditiveConstraint) => {
    if (parts.length === 0) return;
    if (withheld.has(total)) {
      if (parts.some((part) => withheld.has(part))) return;
      const nonZero = parts.filter((part) => value(part) > 0);
      const pick = nonZero.length > 0 ? nonZero.sort(byValueThenId)[0] : [...parts].sort(compareIds)[0];
      withhold(pick as string, 'secondary');
      return;
    }
    for (;;) {
      let sum = 0;
      let nonZero = 0;
      let any = false;
      for (const part of parts) {
        if (!withheld.has(part)) continue;
        any = true;
        sum += value(part);
        if (value(part) > 0) nonZero += 1;
      }
      if (!any || (nonZero >= 2 && sum >= threshold)) return;
      const complement = parts.filter((part) => !withheld.has(part) && value(part) > 0).sort(byValueThenId)[0];
      if (complement === undefined) {
        withhold(total, 'secondary');
        return;
      }
      withhold(complement, 'secondary');
    }
  };

  constraints.forEach((_, index) => enqueue(index));
  for (;;) {
    for (let head = 0; head < queue.length; head += 1) {
      const next = queue[head] as number;
      queued[next] = false;
      checkConstraint(constraints[next] as AdditiveConstraint);
    }
    queue.length = 0;
    const extra = auditExactRecovery(constraints, withheld, sensitive, value);
    if (extra.length === 0) break;
    for (const id of extra) withhold(id, 'secondary');
  }
  return withheld;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validate(input: SuppressionInput, forced: ReadonlyMap<string, SuppressionReason>): void {
  const { cells, constraints, threshold } = input;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a whole number >= 1, got ${threshold}`);
  for (const [id, count] of cells) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`cell ${id} must be a whole number >= 0, got ${count}`);
  }
  const known = (id: string, where: string) => {
    if (!cells.has(id)) throw new RangeError(`${where} names cell ${id}, which is not in cells`);
  };
  for (const { total, parts } of constraints) {
    known(total, 'a constraint');
    for (const part of parts) known(part, 'a constraint');
  }
  for (const id of forced.keys()) known(id, 'forced');
}

const EPSILON = 1e-9;

/** One equation over the withheld cells, and which constraints (with what weights) it came from. */
interface Row {
  unknowns: Map<string, number>;
  combination: Map<number, number>;
}

/**
 * Finds primary cells whose value the shown figures pin down exactly, and returns the shown
 * cells to withhold next to stop that: one for each such cell, all found in one pass (the
 * caller re-runs the per-constraint checks and this audit until it returns none).
 *
 * Each constraint is a row `total − Σ parts = 0`; withheld cells are the unknowns, shown ones
 * move to the right-hand side. Gauss–Jordan elimination over the unknowns (tracking which rows
 * were combined) leaves a row with a single unknown exactly when that unknown is determined.
 * Only groups of unknowns holding a primary cell are eliminated.
 */
function auditExactRecovery(
  constraints: readonly AdditiveConstraint[],
  withheld: ReadonlyMap<string, SuppressionReason>,
  sensitive: ReadonlySet<string>,
  value: (id: string) => number,
): string[] {
  const rows: Row[] = [];
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let at = id; at !== root; ) {
      const up = parent.get(at) as string;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  constraints.forEach((constraint, index) => {
    const unknowns = new Map<string, number>();
    for (const [id, coefficient] of coefficients(constraint)) if (withheld.has(id) && coefficient !== 0) unknowns.set(id, coefficient);
    if (unknowns.size === 0) return;
    rows.push({ unknowns, combination: new Map([[index, 1]]) });
    for (const id of unknowns.keys()) if (!parent.has(id)) parent.set(id, id);
    const [first, ...rest] = [...unknowns.keys()];
    for (const id of rest) parent.set(find(id), find(first as string));
  });

  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const root = find(row.unknowns.keys().next().value as string);
    const group = groups.get(root);
    if (group) group.push(row);
    else groups.set(root, [row]);
  }

  const targetsByGroup = new Map<string, string[]>();
  for (const id of [...sensitive].sort(compareIds)) {
    if (!parent.has(id)) continue;
    const root = find(id);
    const targets = targetsByGroup.get(root);
    if (targets) targets.push(id);
    else targetsByGroup.set(root, [id]);
  }
  const breaks = new Set<string>();
  for (const [root, targets] of targetsByGroup) {
    const pivots = eliminate(groups.get(root) ?? []);
    for (const target of targets) {
      const row = pivots.get(target);
      if (!row || row.unknowns.size !== 1) continue;
      const cell = cellToBreak(constraints, row.combination, withheld, value);
      if (cell !== null) breaks.add(cell);
    }
  }
  return [...breaks];
}

/** Reduces rows in place (Gauss–Jordan, columns in id order); returns each pivot column's row. */
function eliminate(rows: readonly Row[]): Map<string, Row> {
  const holding = new Map<string, Set<Row>>();
  for (const row of rows) for (const column of row.unknowns.keys()) holdersOf(holding, column).add(row);
  const pivots = new Map<string, Row>();
  const used = new Set<Row>();
  for (const column of [...holding.keys()].sort(compareIds)) {
    const holders = holding.get(column) as Set<Row>;
    let pivot: Row | undefined;
    let size = EPSILON;
    for (const row of holders) {
      const coefficient = Math.abs(row.unknowns.get(column) as number);
      if (!used.has(row) && coefficient > size) {
        pivot = row;
        size = coefficient;
      }
    }
    if (!pivot) continue;
    used.add(pivot);
    pivots.set(column, pivot);
    scale(pivot, 1 / (pivot.unknowns.get(column) as number));
    for (const row of [...holders]) {
      if (row !== pivot) addMultiple(row, pivot, -(row.unknowns.get(column) as number), holding);
    }
  }
  return pivots;
}

function holdersOf(holding: Map<string, Set<Row>>, column: string): Set<Row> {
  let holders = holding.get(column);
  if (!holders) {
    holders = new Set();
    holding.set(column, holders);
  }
  return holders;
}

function scale(row: Row, factor: number): void {
  for (const [key, x] of row.unknowns) row.unknowns.set(key, x * factor);
  for (const [key, x] of row.combination) row.combination.set(key, x * factor);
}

/** row += factor × other, keeping `holding` (column → rows with a non-zero there) up to date. */
function addMultiple(row: Row, other: Row, factor: number, holding: Map<string, Set<Row>>): void {
  for (const [key, x] of other.unknowns) {
    const next = (row.unknowns.get(key) ?? 0) + factor * x;
    if (Math.abs(next) <= EPSILON) {
      row.unknowns.delete(key);
      holding.get(key)?.delete(row);
    } else {
      row.unknowns.set(key, next);
      holdersOf(holding, key).add(row);
    }
  }
  for (const [key, x] of other.combination) {
    const next = (row.combination.get(key) ?? 0) + factor * x;
    if (Math.abs(next) <= EPSILON) row.combination.delete(key);
    else row.combination.set(key, next);
  }
}

/** Coefficients of a constraint as a row `total − Σ parts` (a cell listed twice adds up). */
function coefficients({ total, parts }: AdditiveConstraint): Map<string, number> {
  const row = new Map<string, number>([[total, 1]]);
  for (const part of parts) row.set(part, (row.get(part) ?? 0) - 1);
  return row;
}

/**
 * The shown cell to withhold so this combination of constraints no longer isolates one unknown:
 * one whose net coefficient in the combination is not 0, smallest non-zero count first, then id.
 */
function cellToBreak(
  constraints: readonly AdditiveConstraint[],
  combination: ReadonlyMap<number, number>,
  withheld: ReadonlyMap<string, SuppressionReason>,
  value: (id: string) => number,
): string | null {
  const net = new Map<string, number>();
  for (const [index, weight] of combination) {
    for (const [id, coefficient] of coefficients(constraints[index] as AdditiveConstraint)) {
      if (!withheld.has(id)) net.set(id, (net.get(id) ?? 0) + weight * coefficient);
    }
  }
  const usable = [...net].filter(([, coefficient]) => Math.abs(coefficient) > EPSILON).map(([id]) => id);
  usable.sort((a, b) => Number(value(a) === 0) - Number(value(b) === 0) || value(a) - value(b) || compareIds(a, b));
  return usable[0] ?? null;
}
