/**
 * The differencing audit behind `suppress`: which sensitive withheld cells the shown figures pin
 * down exactly, once every additive constraint (and any combination of them) is used.
 */

/** `total` = Σ `parts`, all cell ids. */
export interface AdditiveConstraint {
  total: string;
  parts: readonly string[];
}

/** A sensitive cell worked out exactly, and the shown cells of the combination that reveals it. */
export interface Recovery {
  target: string;
  /**
   * Shown cells whose net coefficient in the revealing combination is not 0. Whatever else is
   * withheld, while all of these are shown the target stays recoverable, so any safe pattern
   * withholds at least one of them: a valid cut for the cost-minimising model.
   */
  shown: string[];
}

const EPSILON = 1e-9;

/** One equation over the withheld cells, and which constraints (with what weights) it came from. */
interface Row {
  unknowns: Map<string, number>;
  combination: Map<number, number>;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Finds sensitive cells whose value the shown figures pin down exactly.
 *
 * Each constraint is a row `total − Σ parts = 0`; withheld cells are the unknowns, shown ones
 * move to the right-hand side. Gauss–Jordan elimination over the unknowns (tracking which rows
 * were combined) leaves a row with a single unknown exactly when that unknown is determined.
 * Only groups of unknowns (connected through shared rows) holding a sensitive cell are eliminated.
 */
export function exactRecoveries(constraints: readonly AdditiveConstraint[], withheld: ReadonlySet<string>, sensitive: Iterable<string>): Recovery[] {
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
  const recoveries: Recovery[] = [];
  for (const [root, targets] of targetsByGroup) {
    const pivots = eliminate(groups.get(root) ?? []);
    for (const target of targets) {
      const row = pivots.get(target);
      if (!row || row.unknowns.size !== 1) continue;
      recoveries.push({ target, shown: shownOfCombination(constraints, row.combination, withheld) });
    }
  }
  return recoveries;
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
export function coefficients({ total, parts }: AdditiveConstraint): Map<string, number> {
  const row = new Map<string, number>([[total, 1]]);
  for (const part of parts) row.set(part, (row.get(part) ?? 0) - 1);
  return row;
}

/** The shown cells whose net coefficient in this combination of constraints is not 0, by id. */
function shownOfCombination(constraints: readonly AdditiveConstraint[], combination: ReadonlyMap<number, number>, withheld: ReadonlySet<string>): string[] {
  const net = new Map<string, number>();
  for (const [index, weight] of combination) {
    for (const [id, coefficient] of coefficients(constraints[index] as AdditiveConstraint)) {
      if (!withheld.has(id)) net.set(id, (net.get(id) ?? 0) + weight * coefficient);
    }
  }
  return [...net]
    .filter(([, coefficient]) => Math.abs(coefficient) > EPSILON)
    .map(([id]) => id)
    .sort(compareIds);
}
