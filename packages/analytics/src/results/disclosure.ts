import { suppress } from '../suppression.ts';
import type { Counters, SuppressionReason } from '@wardpulse/domain';
import { cellCounters, containedCounters, counter, withinUnitConstraints, type ResultQuestion } from './questions.ts';
import type { UnitTree } from './units.ts';

/**
 * Disclosure control, solved once over every level at the same time (wards, districts, areas,
 * the force and the "no location" bucket), so no table can be differenced against another.
 *
 * Cells are `<unit key>|<counter>`: a unit's respondents (`n`), and per question its base, each
 * option, the top-2 box, the scored base and sentiment labels. Constraints are the geographic
 * roll-ups of every counter (district = its wards, area = its wards, force = districts + none) and
 * the within-unit sums of a question (base = Σ options for single-answer questions, …). Primary
 * and secondary suppression are `suppress` of ../suppression.ts (least information loss,
 * with `cellCost` weighting levels); this module adds containment — a withheld unit withholds all
 * its cells, a withheld base all its question's cells, each with the container's reason — which
 * `suppress` prices into the same solve.
 *
 * Questions share no constraints with each other, so each is solved on its own after the units.
 *
 * Equality breakdowns (`discloseGroups`): every group of one equality question, together with
 * the whole survey's table, so neither "everyone minus the shown groups" nor a group's figures
 * added up give back a figure either table withholds. The cross rows (everyone = Σ groups) are
 * added only where the whole survey shows that everyone answered the equality question, since
 * elsewhere the people who skipped it make the sum an inequality.
 *
 * Limits (docs/reliability.md, "Not yet covered"): breakdowns by different equality questions
 * (sex and age, say) are not solved with each other; the "did not answer" remainder is neither
 * published nor protected as a table of its own; only exact recovery is blocked, not bounds
 * (everyone minus the shown groups still caps what the withheld groups can be); and n − q#n (how
 * many skipped a question) is not a protected cell.
 */

export type Decisions = Map<string, SuppressionReason>;

export const cellId = (unit: string, name: string) => `${unit}|${name}`;

export interface DisclosureSystem {
  cells: Map<string, number>;
  constraints: { total: string; parts: string[] }[];
  /** A withheld cell withholds these too, with its own reason (listed outermost first). */
  contains: Map<string, string[]>;
  forced: Decisions;
  /** Cells published elsewhere (never withheld by this solve; see `suppress`). */
  shown?: Set<string>;
}

/**
 * What withholding a cell loses, for the least-loss solve: its count (plus one, so withholding
 * even a small count is never free), weighted by level. A district or area figure stands for
 * many wards, and a force-level figure is the headline an analyst publishes: a complement is
 * taken there only when nothing lower down can protect the withheld figure. "No location given"
 * weighs like a ward: weighted like a district it made the 316-ward solve many times slower.
 */
export const LEVEL_WEIGHTS = { ward: 1, none: 1, district: 10, area: 10, force: 1_000 } as const;

export function cellCost(id: string, count: number): number {
  const unit = id.slice(0, id.indexOf('|'));
  const level = (unit.includes(':') ? unit.slice(0, unit.indexOf(':')) : unit) as keyof typeof LEVEL_WEIGHTS;
  return (1 + count) * (LEVEL_WEIGHTS[level] ?? 1);
}

/** Solves one disclosure system at a threshold: `solve` below, or a memo of it (functions keeps one per process). */
export type Solve = (system: DisclosureSystem, threshold: number) => Promise<Decisions>;

/**
 * Solves one system with `suppress` (least total `cellCost`, containment included), then gives
 * contained cells their container's reason. Not remembered: the same system solves again (the
 * least-loss solve of a large force takes seconds), so a server passes a memo of this as `Solve`.
 */
export async function solve(system: DisclosureSystem, threshold: number): Promise<Decisions> {
  const cost = new Map([...system.cells].map(([id, count]) => [id, cellCost(id, count)]));
  const decisions: Decisions = await suppress({
    cells: system.cells,
    constraints: system.constraints,
    threshold,
    forced: system.forced,
    contains: system.contains,
    cost,
    ...(system.shown ? { shown: system.shown } : {}),
  });
  // Outermost first: a cell inside a withheld container says why the container is withheld,
  // never its own (a "primary" inside a "secondary" unit would tell that the cell is small).
  for (const [parent, children] of system.contains) {
    const reason = decisions.get(parent);
    if (reason) for (const child of children) decisions.set(child, reason);
  }
  return decisions;
}

function geographic(tree: UnitTree, names: readonly string[]) {
  return tree.constraints.flatMap((constraint) => names.map((name) => ({ total: cellId(constraint.total, name), parts: constraint.parts.map((part) => cellId(part, name)) })));
}

/** Unit respondents: `n` of every unit. `forced` carries decisions made elsewhere (a group's respondents follow the whole survey's). */
export function respondentsSystem(tree: UnitTree, counters: ReadonlyMap<string, Counters>, forced: Decisions = new Map()): DisclosureSystem {
  const cells = new Map(tree.units.map((unit) => [cellId(unit.key, 'n'), counters.get(unit.key)?.n ?? 0]));
  return { cells, constraints: geographic(tree, ['n']), contains: new Map(), forced };
}

/** One question's cells in every unit; cells of withheld units are forced with the unit's reason. */
export function questionSystem(tree: UnitTree, counters: ReadonlyMap<string, Counters>, question: ResultQuestion, grouped: boolean, units: Decisions): DisclosureSystem {
  const names = cellCounters(question, grouped);
  const cells = new Map<string, number>();
  const forced: Decisions = new Map();
  const contains = new Map<string, string[]>();
  const within = withinUnitConstraints(question, grouped);
  const constraints = geographic(tree, names);
  const containment = containedCounters(question, grouped);
  for (const unit of tree.units) {
    const values = counters.get(unit.key) ?? {};
    const unitReason = units.get(cellId(unit.key, 'n'));
    for (const name of names) {
      const id = cellId(unit.key, name);
      cells.set(id, values[name] ?? 0);
      if (unitReason) forced.set(id, unitReason);
    }
    for (const constraint of within) constraints.push({ total: cellId(unit.key, constraint.total), parts: constraint.parts.map((part) => cellId(unit.key, part)) });
    for (const [parent, children] of containment) contains.set(cellId(unit.key, parent), children.map((child) => cellId(unit.key, child)));
  }
  return { cells, constraints, contains, forced };
}

/**
 * Every disclosure decision for a set of results: unit respondents first, then each question with
 * the withheld units forced. Returns withheld cell ids and why. `options.solve` solves each system
 * (default `solve`; functions passes its memo).
 */
export async function discloseAll(
  tree: UnitTree,
  counters: ReadonlyMap<string, Counters>,
  questions: readonly ResultQuestion[],
  threshold: number,
  options: { grouped: boolean; forcedRespondents?: Decisions; solve?: Solve },
): Promise<Decisions> {
  const solveSystem = options.solve ?? solve;
  const units = await solveSystem(respondentsSystem(tree, counters, options.forcedRespondents), threshold);
  const decisions: Decisions = new Map(units);
  for (const question of questions) {
    for (const [id, reason] of await solveSystem(questionSystem(tree, counters, question, options.grouped, units), threshold)) decisions.set(id, reason);
  }
  return decisions;
}

/** Cell id of a group's figure in a joint system: `<unit>|<counter>|<option of the equality question>`. */
export const groupCellId = (unit: string, name: string, option: string) => `${unit}|${name}|${option}`;

/**
 * Units where everyone answered the equality question: the whole survey's table shows the unit's
 * respondents (`n`) and the question's base, and they are equal — or a unit containing it, or all
 * its parts, is such a unit. There, a counter's groups add up to everyone's exactly (nobody is in
 * no group); elsewhere the unpublished "did not answer" remainder stands between them.
 */
export function everyoneAnswered(tree: UnitTree, everyone: ReadonlyMap<string, Counters>, decisions: Decisions, demographic: ResultQuestion): Set<string> {
  const known = new Set<string>();
  const base = counter.base(demographic.id);
  for (const unit of tree.units) {
    const values = everyone.get(unit.key) ?? {};
    if (decisions.has(cellId(unit.key, 'n')) || decisions.has(cellId(unit.key, base))) continue;
    if ((values.n ?? 0) === (values[base] ?? 0)) known.add(unit.key);
  }
  // A remainder of 0 in a total is 0 in each part; 0 in every part is 0 in the total.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of tree.constraints) {
      if (known.has(total)) {
        for (const part of parts) if (!known.has(part)) changed = known.add(part) !== undefined;
      } else if (parts.every((part) => known.has(part))) changed = known.add(total) !== undefined;
    }
  }
  return known;
}

/**
 * One question's cells in every unit of every group of one equality question, with the whole
 * survey's cells as published (`decisions`: its withheld ones unknown, and protected — a group
 * must not give one back; the rest `shown`), each group's roll-ups and within-unit sums, and
 * where everyone answered the equality question (`everyoneAnswered`), "everyone = Σ groups".
 * `groupUnits` are each group's respondent decisions (a withheld unit withholds its cells).
 */
export function groupSystem(
  tree: UnitTree,
  everyone: ReadonlyMap<string, Counters>,
  decisions: Decisions,
  groups: ReadonlyMap<string, { counters: ReadonlyMap<string, Counters>; units: Decisions }>,
  demographic: ResultQuestion,
  question: ResultQuestion,
): DisclosureSystem {
  const names = cellCounters(question, true);
  const overall = questionSystem(tree, everyone, question, false, new Map());
  const cells = new Map<string, number>();
  const forced: Decisions = new Map();
  const shown = new Set<string>();
  const constraints: { total: string; parts: string[] }[] = [];
  const contains = new Map<string, string[]>();
  // The whole survey's layer: its own constraints, decisions as published.
  for (const id of names.flatMap((name) => tree.units.map((unit) => cellId(unit.key, name)))) {
    cells.set(id, overall.cells.get(id) ?? 0);
    // Withheld with the whole survey's reason, so the same cells are protected as in its own solve.
    const reason = decisions.get(id);
    if (reason) forced.set(id, reason);
    else shown.add(id);
  }
  const ownNames = new Set(names);
  for (const constraint of overall.constraints) {
    if (ownNames.has(constraint.total.slice(constraint.total.indexOf('|') + 1))) constraints.push(constraint);
  }
  for (const [option, group] of groups) {
    const layer = questionSystem(tree, group.counters, question, true, group.units);
    const rename = (id: string) => `${id}|${option}`;
    for (const [id, count] of layer.cells) cells.set(rename(id), count);
    for (const [id, reason] of layer.forced) forced.set(rename(id), reason);
    for (const { total, parts } of layer.constraints) constraints.push({ total: rename(total), parts: parts.map(rename) });
    for (const [parent, children] of layer.contains) contains.set(rename(parent), children.map(rename));
  }
  const answered = everyoneAnswered(tree, everyone, decisions, demographic);
  for (const unit of tree.units) {
    if (!answered.has(unit.key)) continue;
    for (const name of names) constraints.push({ total: cellId(unit.key, name), parts: [...groups.keys()].map((option) => groupCellId(unit.key, name, option)) });
  }
  return { cells, constraints, contains, forced, shown };
}

/**
 * Disclosure decisions for every group of one equality question (option id → decisions under
 * ordinary cell ids, as `discloseAll` gives them): each group's respondents follow the whole
 * survey's decisions on the question's option counts, then each question is solved jointly for
 * all groups and the whole survey (`groupSystem`). `decisions` are the whole survey's, from
 * `discloseAll` over `questions` at least.
 */
export async function discloseGroups(
  tree: UnitTree,
  everyone: ReadonlyMap<string, Counters>,
  decisions: Decisions,
  breakdowns: ReadonlyMap<string, ReadonlyMap<string, Counters>>,
  demographic: ResultQuestion,
  questions: readonly ResultQuestion[],
  threshold: number,
  options: { solve?: Solve } = {},
): Promise<Map<string, Decisions>> {
  const solveSystem = options.solve ?? solve;
  const groups = new Map<string, { counters: ReadonlyMap<string, Counters>; units: Decisions }>();
  for (const { id: option } of demographic.options) {
    const counters = breakdowns.get(option) ?? new Map<string, Counters>();
    // A group's respondents in a unit are the equality question's option count, which the whole survey's results publish.
    const forced: Decisions = new Map();
    for (const unit of tree.units) {
      const reason = decisions.get(cellId(unit.key, counter.option(demographic.id, option)));
      if (reason) forced.set(cellId(unit.key, 'n'), reason);
    }
    groups.set(option, { counters, units: await solveSystem(respondentsSystem(tree, counters, forced), threshold) });
  }
  const out = new Map([...groups].map(([option, group]) => [option, new Map(group.units)]));
  for (const question of questions) {
    for (const [id, reason] of await solveSystem(groupSystem(tree, everyone, decisions, groups, demographic, question), threshold)) {
      const at = id.lastIndexOf('|');
      // Only the groups' own cells: the whole survey's (two-part ids) are reported by its own results.
      if (id.indexOf('|') !== at) out.get(id.slice(at + 1))?.set(id.slice(0, at), reason);
    }
  }
  return out;
}
