import { describe, expect, it } from 'vitest';
import type { Counters } from '@wardpulse/domain';
import { cellId, discloseAll, discloseGroups, everyoneAnswered, type Decisions } from './disclosure.ts';
import { cellCounters, withDerived, type ResultQuestion } from './questions.ts';
import { FOUR_WARDS, prioritiesQuestions } from './test-support.ts';
import { buildUnitTree, rollUp, type UnitTree } from './units.ts';

const T = 10;
const safe = prioritiesQuestions().find((q) => q.id === 'safe_after_dark')!;
const sex: ResultQuestion = { id: 'sex', type: 'demographic', title: 'Sex', options: [{ id: 'female', label: 'Female' }, { id: 'male', label: 'Male' }], dontKnow: false };
const WARDS = ['E05000001', 'E05000002', 'E05000003', 'E05000004'];

/** One group's counters for safe_after_dark (very_safe, fairly_safe, fairly_unsafe, very_unsafe, dont_know). */
function group(counts: readonly number[]): Counters {
  const ids = ['very_safe', 'fairly_safe', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
  const counters: Counters = { n: counts.reduce((a, b) => a + b, 0) };
  ids.forEach((id, i) => (counters[`safe_after_dark#o#${id}`] = counts[i]!));
  counters['safe_after_dark#n'] = counters.n!;
  counters['safe_after_dark#top2'] = counts[0]! + counts[1]!;
  return counters;
}

function rolled(tree: UnitTree, buckets: Map<string, Counters>) {
  const counters = rollUp(tree, buckets);
  for (const values of counters.values()) withDerived(values, [safe]);
  return counters;
}

/** Everyone answered sex: everyone's counters are the groups' sums plus the sex counts. */
function setUp(female: number[][], male: number[][]) {
  const byGroup = { female: new Map(WARDS.map((w, i) => [w, group(female[i]!)])), male: new Map(WARDS.map((w, i) => [w, group(male[i]!)])) };
  const all = new Map<string, Counters>();
  for (const w of WARDS) {
    const f = byGroup.female.get(w)!;
    const m = byGroup.male.get(w)!;
    const sum: Counters = {};
    for (const key of Object.keys(f)) sum[key] = f[key]! + m[key]!;
    sum['sex#n'] = sum.n!;
    sum['sex#o#female'] = f.n!;
    sum['sex#o#male'] = m.n!;
    all.set(w, sum);
  }
  const tree = buildUnitTree(FOUR_WARDS, WARDS);
  const everyone = rolled(tree, all);
  const breakdowns = new Map([
    ['female', rolled(tree, byGroup.female)],
    ['male', rolled(tree, byGroup.male)],
  ]);
  return { tree, everyone, breakdowns };
}

/** Cells where exactly one of everyone / female / male is withheld and not 0: the other two give it back. */
function differenced(tree: UnitTree, everyone: ReadonlyMap<string, Counters>, overall: Decisions, breakdowns: ReadonlyMap<string, ReadonlyMap<string, Counters>>, groups: Map<string, Decisions>): string[] {
  const problems: string[] = [];
  for (const unit of tree.units) {
    for (const name of cellCounters(safe, true)) {
      const id = cellId(unit.key, name);
      const layers = [
        { withheld: overall.has(id), value: everyone.get(unit.key)?.[name] ?? 0, label: 'everyone' },
        ...['female', 'male'].map((option) => ({ withheld: groups.get(option)!.has(id), value: breakdowns.get(option)!.get(unit.key)?.[name] ?? 0, label: option })),
      ];
      const hidden = layers.filter((layer) => layer.withheld);
      if (hidden.length === 1 && hidden[0]!.value > 0) problems.push(`${id}: ${hidden[0]!.label} = ${hidden[0]!.value} follows from the other two`);
    }
  }
  return problems;
}

describe('equality breakdowns solved with the whole survey', () => {
  // Ward 1: 3 women feel very unsafe (small), 12 men do; everyone's 15 is not small.
  const female = [[10, 10, 10, 3, 0], [10, 10, 10, 10, 10], [12, 11, 10, 10, 10], [10, 12, 10, 11, 10]];
  const male = [[10, 10, 10, 12, 0], [10, 10, 10, 10, 10], [11, 10, 12, 10, 10], [10, 10, 11, 10, 12]];

  it('never lets everyone’s figure minus the other group’s give back a withheld group figure, nor the groups added up an overall one', async () => {
    const { tree, everyone, breakdowns } = setUp(female, male);
    const overall = await discloseAll(tree, everyone, [sex, safe], T, { grouped: false });
    const groups = await discloseGroups(tree, everyone, overall, breakdowns, sex, [safe], T);

    expect(groups.get('female')!.get(cellId('ward:E05000001', 'safe_after_dark#o#very_unsafe'))).toBe('primary');
    expect(differenced(tree, everyone, overall, breakdowns, groups)).toEqual([]);
  });

  it('would be differenced if each group were solved on its own (the case the joint solve exists for)', async () => {
    const { tree, breakdowns } = setUp(female, male);
    const alone = new Map<string, Decisions>();
    for (const option of ['female', 'male']) alone.set(option, await discloseAll(tree, breakdowns.get(option)!, [safe], T, { grouped: true }));
    const { everyone } = setUp(female, male);
    const overall = await discloseAll(tree, everyone, [sex, safe], T, { grouped: false });

    expect(differenced(tree, everyone, overall, breakdowns, alone).length).toBeGreaterThan(0);
  });

  it('finds the units where the whole survey shows that everyone answered the question', async () => {
    const { tree, everyone } = setUp(female, male);
    const overall = await discloseAll(tree, everyone, [sex, safe], T, { grouped: false });
    expect(everyoneAnswered(tree, everyone, overall, sex).has('ward:E05000001')).toBe(true);
  });
});
