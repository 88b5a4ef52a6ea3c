/**
 * Disclosure control for tables of counts that add up across levels (wards → district → force,
 * wards → Impact Area, options → question base): which cells to withhold so that no count below
 * the threshold can be read, or worked out by subtracting shown figures from a shown total — at
 * the least information loss, as a small integer programme solved by HiGHS.
 */
import type { Highs } from 'highs';
import type { SuppressionReason } from '@wardpulse/domain';
import { exactRecoveries, type AdditiveConstraint } from './suppression-audit.ts';

export type { AdditiveConstraint } from './suppression-audit.ts';

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
  /**
   * What withholding a cell costs (a number > 0): the information an analyst loses. Defaults to
   * the cell's count, tau-Argus's default. Callers weight levels here (a force-level figure costs
   * far more than a ward's) so complements are found low down when they can be.
   */
  cost?: ReadonlyMap<string, number>;
  /** Withholding a key cell withholds these cells too (a unit's base holds its option counts). */
  contains?: ReadonlyMap<string, readonly string[]>;
  /**
   * Cells published elsewhere, never withheld here: their counts are known to anyone, so they
   * take part in constraints (and in differencing) as shown figures — e.g. the whole survey's
   * table when an equality breakdown is solved together with it. None may be small or forced.
   */
  shown?: ReadonlySet<string>;
}

/** Per `suppress` call: beyond this the best pattern found so far is used (it is always safe). */
const TIME_LIMIT_SECONDS = 10;
/** Below this many free cells HiGHS runs without restarts, symmetry detection or heuristics. */
const SMALL_PROGRAMME = 400;

let highs: Promise<Highs> | undefined;
// The solver (and its WebAssembly) loads with the first programme, not when a function starts.
const solver = () => (highs ??= import('highs').then(({ default: loadHighs }) => loadHighs()));

/**
 * Chooses the cells to withhold; returns only those, each with why.
 *
 * Primary: every cell with 0 < count < threshold, and every forced cell (reported with its
 * forced reason). A count of 0 is shown: "nobody in this ward chose it" identifies no one.
 *
 * Secondary (complementary) cells are chosen by minimising the total `cost` of the withheld
 * cells — the cell suppression problem as the disclosure-control field poses it (tau-Argus's
 * "optimal" method) — subject to, for every constraint `total = Σ parts`:
 * - a withheld total has a withheld part (else the shown parts add up to it);
 * - a withheld cell is never the only withheld one of its constraint;
 * - while the total is shown and any part is withheld, at least two non-zero parts are
 *   withheld and together they come to the threshold or more (so their sum, which the total
 *   gives away, bounds none of them below the threshold; a withheld 0 counts: it must not be
 *   read back either);
 * - a withheld container (`contains`) withholds what it contains;
 * and, for the whole system at once, no sensitive cell (a small count, a non-zero forced
 * `primary` cell, or a non-zero cell inside one) follows exactly from the shown figures by any
 * combination of constraints. A constraint whose total is 0 needs nothing: it says every part is
 * 0, and a 0 is shown (so a 0 inside a withheld unit can be read back only from a total of 0). That last condition is
 * added lazily: after each solve an elimination over the withheld cells finds any such cell,
 * and the shown cells of the combination that reveals it become a new constraint ("withhold at
 * least one of these"), which every safe pattern meets; the programme is solved again until
 * nothing is revealed. Cells with a count of 0 are used as complements only when nothing else
 * can protect a forced cell.
 * Not protected: bounds narrower than exact values when constraints overlap (each constraint on
 * its own still keeps withheld parts' sum at the threshold or above).
 *
 * Deterministic: the same input gives the same result, whatever the order of the cells map.
 * Ties between equally costly patterns go to parts before totals, then to ids in order.
 *
 * @example
 * await suppress({
 *   cells: new Map([['district', 50], ['ward-a', 20], ['ward-b', 25], ['ward-c', 5]]),
 *   constraints: [{ total: 'district', parts: ['ward-a', 'ward-b', 'ward-c'] }],
 *   threshold: 10,
 * }) // Map { 'ward-c' => 'primary', 'ward-a' => 'secondary' }
 */
export async function suppress(input: SuppressionInput): Promise<Map<string, SuppressionReason>> {
  const forced = input.forced ?? new Map<string, SuppressionReason>();
  validate(input, forced);
  const { cells, threshold } = input;
  const constraints = input.constraints.filter((constraint) => constraint.parts.length > 0);
  const value = (id: string) => cells.get(id) as number;
  const shown = input.shown ?? new Set<string>();

  // Cells withheld from the start: forced ones, small ones, and whatever a withheld container holds.
  const fixed = new Set<string>();
  const sensitive = new Set<string>();
  for (const [id, count] of cells) {
    const small = count > 0 && count < threshold;
    if (small || (forced.get(id) === 'primary' && count > 0)) sensitive.add(id);
    if (small || forced.has(id)) fixed.add(id);
  }
  const contains = input.contains ?? new Map<string, readonly string[]>();
  const stack = [...fixed];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const child of contains.get(id) ?? []) {
      if (sensitive.has(id) && value(child) > 0) sensitive.add(child);
      if (!fixed.has(child)) {
        fixed.add(child);
        stack.push(child);
      }
    }
  }

  const withheld = fixed.size === 0 || constraints.length === 0 ? fixed : await solveModel({ ...input, constraints, contains, shown }, fixed, sensitive, value);
  const decisions = new Map<string, SuppressionReason>();
  for (const id of [...withheld].sort(compareIds)) {
    const count = value(id);
    decisions.set(id, forced.get(id) ?? (count > 0 && count < threshold ? 'primary' : 'secondary'));
  }
  return decisions;
}

interface Expression {
  indices: number[];
  values: number[];
  /** Contribution of cells already withheld (each 1 × its coefficient). */
  constant: number;
}

/** Builds the integer programme, solves it, adds differencing cuts until none is needed. */
async function solveModel(
  input: SuppressionInput & { contains: ReadonlyMap<string, readonly string[]>; shown: ReadonlySet<string> },
  fixed: ReadonlySet<string>,
  sensitive: ReadonlySet<string>,
  value: (id: string) => number,
): Promise<Set<string>> {
  const { cells, constraints, threshold, contains, shown } = input;
  const highs = await solver();
  // The safe fallback: every non-zero cell withheld (except those published elsewhere).
  const everyNonZero = () => new Set([...fixed, ...[...cells.keys()].filter((id) => value(id) > 0 && !shown.has(id))]);

  // One binary column per cell that may be withheld or not; withheld-from-the-start cells are constants.
  const totals = new Set(constraints.map((constraint) => constraint.total));
  const mentioned = new Set<string>();
  for (const { total, parts } of constraints) for (const id of [total, ...parts]) mentioned.add(id);
  for (const [parent, children] of contains) for (const id of [parent, ...children]) mentioned.add(id);
  const columns = [...mentioned].filter((id) => !fixed.has(id) && !shown.has(id)).sort((a, b) => Number(totals.has(a)) - Number(totals.has(b)) || compareIds(a, b));
  const column = new Map(columns.map((id, index) => [id, index]));
  // A 0 is withheld only inside a withheld container, unless nothing else can protect a forced
  // cell (then the gates below are lifted): "nobody chose it" needs no protection of its own.
  const containers = new Map<string, string[]>();
  for (const [parent, children] of contains) for (const child of children) containers.set(child, [...(containers.get(child) ?? []), parent]);
  const zeroColumns = columns.filter((id) => value(id) === 0).map((id) => column.get(id) as number);

  const costs = columns.map((id) => input.cost?.get(id) ?? Math.max(value(id), 1));
  const unit = Math.min(...costs, 1);
  const n = columns.length;
  // Ties: a part before a total, then by id — a tie-break too small to outweigh any real difference.
  const tieBreak = (id: string, index: number) => (0.01 * unit * (index + 1 + (totals.has(id) ? n : 0))) / (2 * n * n);
  const colCost = columns.map((id, index) => (costs[index] as number) + tieBreak(id, index));
  const colLower: number[] = columns.map(() => 0);
  const colUpper: number[] = columns.map((id) => (value(id) === 0 && !containers.has(id) ? 0 : 1));
  const integrality: (0 | 1)[] = columns.map(() => 1);

  const rowStarts: number[] = [0];
  const rowIndices: number[] = [];
  const rowValues: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const expression = (terms: readonly (readonly [string | number, number])[]): Expression => {
    const out: Expression = { indices: [], values: [], constant: 0 };
    const merged = new Map<number, number>();
    for (const [cell, coefficient] of terms) {
      if (typeof cell === 'number') merged.set(cell, (merged.get(cell) ?? 0) + coefficient);
      else if (fixed.has(cell)) out.constant += coefficient;
      else if (shown.has(cell)) continue;
      else merged.set(column.get(cell) as number, (merged.get(column.get(cell) as number) ?? 0) + coefficient);
    }
    for (const [index, coefficient] of merged) {
      if (coefficient === 0) continue;
      out.indices.push(index);
      out.values.push(coefficient);
    }
    return out;
  };
  /** Adds `Σ terms ≥ lower` (constants moved to the right-hand side). */
  const atLeast = (terms: readonly (readonly [string | number, number])[], lower: number) => {
    const { indices, values, constant } = expression(terms);
    if (indices.length === 0) {
      if (constant < lower - 1e-9) throw new Error('suppress: a rule cannot be met by any pattern (internal error)');
      return;
    }
    rowIndices.push(...indices);
    rowValues.push(...values);
    rowStarts.push(rowIndices.length);
    rowLower.push(lower - constant);
    rowUpper.push(Infinity);
  };
  /** A continuous column in [lower, 1] with no cost: "some part of this constraint is withheld". */
  const addFlag = (lower: number) => {
    colCost.push(0);
    colLower.push(lower);
    colUpper.push(1);
    integrality.push(0);
    return colCost.length - 1;
  };

  for (const { total, parts: listed } of constraints) {
    // A total of 0 says every part is 0 — "nobody here chose it" — which is shown by policy.
    if (value(total) === 0) continue;
    const parts = [...new Set(listed)].filter((part) => part !== total);
    // A withheld total needs a withheld part.
    atLeast([...parts.map((part) => [part, 1] as const), [total, -1]], 0);
    // Any part withheld while the total is shown: two non-zero parts withheld, summing to ≥ threshold.
    const flag = addFlag(parts.some((part) => fixed.has(part)) ? 1 : 0);
    for (const part of parts) if (!fixed.has(part)) atLeast([[flag, 1], [part, -1]], 0);
    atLeast([...parts.filter((part) => value(part) > 0).map((part) => [part, 1] as const), [total, 2], [flag, -2]], 0);
    atLeast([...parts.map((part) => [part, value(part)] as const), [total, threshold], [flag, -threshold]], 0);
  }
  for (const [parent, children] of contains) {
    for (const child of children) atLeast([[child, 1], [parent, -1]], 0);
  }
  const gates: number[] = [];
  for (const [child, parents] of containers) {
    if (fixed.has(child) || value(child) !== 0) continue;
    gates.push(rowLower.length);
    atLeast([...parents.map((parent) => [parent, 1] as const), [child, -1]], 0);
  }

  const numCols = colCost.length;
  const model = highs.createModel({
    numCols,
    numRows: rowLower.length,
    colCost: Float64Array.from(colCost),
    colLower: Float64Array.from(colLower),
    colUpper: Float64Array.from(colUpper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper, (upper) => (upper === Infinity ? highs.infinity : upper)),
    matrix: { format: 'csr', numRows: rowLower.length, numCols, starts: Int32Array.from(rowStarts), indices: Int32Array.from(rowIndices), values: Float64Array.from(rowValues) },
    integrality: Int32Array.from(integrality),
  });
  try {
    // Exact optimum. On small programmes (a few hundred cells: a 24-ward force) the MIP set-up's
    // restarts, symmetry detection and primal heuristics cost more than they save (measured ~2.5×
    // faster without them); on a 316-ward force they are what keeps each solve short.
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: TIME_LIMIT_SECONDS, random_seed: 0 });
    if (columns.length < SMALL_PROGRAMME) model.options.set({ mip_allow_restart: false, mip_detect_symmetry: false, mip_heuristic_effort: 0 });
    const status = highs.constants.modelStatus;
    const cuts = new Set<string>();
    let zerosAllowed = false;
    for (;;) {
      model.run();
      const outcome = model.getModelStatus();
      if (outcome === status.infeasible && !zerosAllowed) {
        zerosAllowed = true;
        for (const index of zeroColumns) model.changeColBounds(index, 0, 1);
        for (const row of gates) model.changeRowBounds(row, -highs.infinity, highs.infinity);
        continue;
      }
      if (outcome !== status.optimal && outcome !== status.empty && !(outcome === status.timeLimit && (model.info.get('primal_solution_status') as number) === 2)) {
        // No pattern found in time: withhold every non-zero cell (always safe; never expected).
        return everyNonZero();
      }
      const solution = model.getSolution().colValue;
      const withheld = new Set(fixed);
      columns.forEach((id, index) => {
        if ((solution[index] as number) > 0.5) withheld.add(id);
      });
      const recoveries = exactRecoveries(constraints, withheld, sensitive);
      let added = 0;
      for (const { shown: revealing } of recoveries) {
        const key = revealing.join('\u0000');
        if (cuts.has(key)) continue;
        cuts.add(key);
        // Cells published elsewhere cannot be withheld: the cut is over this solve's columns.
        const indices = revealing.filter((id) => column.has(id)).map((id) => column.get(id) as number);
        // Only figures fixed elsewhere reveal it: nothing here can help, so withhold every non-zero cell (safe).
        if (indices.length === 0) return everyNonZero();
        model.addRow(1, highs.infinity, { indices: Int32Array.from(indices), values: Float64Array.from(indices, () => 1) });
        added++;
      }
      if (added === 0) {
        if (recoveries.length > 0) throw new Error('suppress: a differencing cut did not hold (internal error)');
        return withheld;
      }
    }
  } finally {
    model.dispose();
  }
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
  for (const id of input.shown ?? []) {
    known(id, 'shown');
    const count = cells.get(id) as number;
    if (forced.has(id) || (count > 0 && count < threshold)) throw new RangeError(`cell ${id} is shown elsewhere but ${forced.has(id) ? 'forced' : 'below the threshold'} here`);
  }
  for (const [id, cost] of input.cost ?? []) {
    known(id, 'cost');
    if (!(Number.isFinite(cost) && cost > 0)) throw new RangeError(`cost of ${id} must be a number > 0, got ${cost}`);
  }
  for (const [parent, children] of input.contains ?? []) {
    known(parent, 'contains');
    for (const child of children) known(child, 'contains');
  }
}
