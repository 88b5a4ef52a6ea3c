import { describe, expect, it } from 'vitest';
import type { Counters } from '@wardpulse/domain';
import { cellId, discloseAll, questionSystem, respondentsSystem, solve, type Decisions, type DisclosureSystem, type Solve } from './disclosure.ts';
import { withDerived } from './questions.ts';
import { FOUR_WARDS, prioritiesQuestions } from './test-support.ts';
import { buildUnitTree, rollUp } from './units.ts';

const T = 10;
const questions = prioritiesQuestions();
const safe = questions.find((q) => q.id === 'safe_after_dark')!;

const geography = FOUR_WARDS;

/** Ward counters for safe_after_dark from option counts (very_safe, fairly_safe, fairly_unsafe, very_unsafe, dont_know). */
function ward(counts: [number, number, number, number, number]): Counters {
  const ids = ['very_safe', 'fairly_safe', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
  const counters: Counters = { n: counts.reduce((a, b) => a + b, 0) };
  ids.forEach((id, i) => (counters[`safe_after_dark#o#${id}`] = counts[i]!));
  counters['safe_after_dark#n'] = counters.n!;
  counters['safe_after_dark#top2'] = counts[0] + counts[1];
  return counters;
}

function setUp(buckets: Map<string, Counters>) {
  const tree = buildUnitTree(geography, buckets.keys());
  const counters = rollUp(tree, buckets);
  for (const values of counters.values()) withDerived(values, questions);
  return { tree, counters };
}

/** A withheld figure can be recovered from a shown total: exactly one non-zero part withheld, or withheld parts summing to under T. */
function recoverable(system: DisclosureSystem, decisions: Decisions): string[] {
  const problems: string[] = [];
  for (const { total, parts } of system.constraints) {
    if (decisions.has(total)) continue;
    const hidden = parts.filter((part) => decisions.has(part) && (system.cells.get(part) ?? 0) > 0);
    const sum = hidden.reduce((s, part) => s + system.cells.get(part)!, 0);
    if (hidden.length === 1 || (hidden.length > 1 && sum < T)) problems.push(`${total} = Σ ${parts.join(' + ')} reveals ${hidden.join(', ')}`);
  }
  return problems;
}

describe('disclosure control across levels', () => {
  it('withholds a ward with fewer respondents than the threshold, and everything in it with the same reason', async () => {
    const { tree, counters } = setUp(new Map([['E05000001', ward([1, 2, 1, 0, 0])], ['E05000002', ward([10, 10, 5, 5, 2])], ['E05000003', ward([12, 12, 6, 3, 1])], ['E05000004', ward([9, 9, 9, 9, 0])]]));

    const decisions = await discloseAll(tree, counters, [safe], T, { grouped: false });

    expect(decisions.get('ward:E05000001|n')).toBe('primary');
    for (const name of ['safe_after_dark#n', 'safe_after_dark#o#very_safe', 'safe_after_dark#o#very_unsafe', 'safe_after_dark#top2', 'safe_after_dark#scored']) {
      expect(decisions.get(`ward:E05000001|${name}`)).toBe('primary');
    }
  });

  it('withholds a second ward (or the district) so the district total minus shown wards never reveals a withheld one', async () => {
    const { tree, counters } = setUp(new Map([['E05000001', ward([1, 2, 1, 0, 0])], ['E05000002', ward([10, 10, 5, 5, 2])], ['E05000003', ward([12, 12, 6, 3, 1])], ['E05000004', ward([9, 9, 9, 9, 0])]]));

    const decisions = await discloseAll(tree, counters, [safe], T, { grouped: false });

    const district = decisions.has('district:E08000001|n');
    const brook = decisions.get('ward:E05000002|n');
    expect(district || brook === 'secondary').toBe(true);
    expect(recoverable(respondentsSystem(tree, counters), decisions)).toEqual([]);
  });

  it('gives a cell inside a withheld container its container’s reason, so a small cell is not singled out', async () => {
    const system: DisclosureSystem = {
      cells: new Map([
        ['u|n', 40],
        ['u|q#n', 3],
        ['v|n', 5],
      ]),
      constraints: [],
      contains: new Map([['u|n', ['u|q#n']]]),
      forced: new Map([['u|n', 'secondary']]),
    };

    const decisions = await solve(system, T);

    expect(decisions.get('u|q#n')).toBe('secondary');
    expect(decisions.get('v|n')).toBe('primary');
  });

  it('protects an option withheld inside a shown base by withholding another', async () => {
    const { tree, counters } = setUp(new Map([['E05000003', ward([30, 30, 3, 20, 12])]]));
    const units = await solve(respondentsSystem(tree, counters), T);

    const system = questionSystem(tree, counters, safe, false, units);
    const decisions = await solve(system, T);

    expect(decisions.get('ward:E05000003|safe_after_dark#o#fairly_unsafe')).toBe('primary');
    expect(recoverable(system, decisions)).toEqual([]);
  });

  it('leaves nothing recoverable from any total at any level, over many random forces', { timeout: 120_000 }, async () => {
    let seed = 20261101;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const small = () => (rnd() < 0.4 ? Math.floor(rnd() * 12) : Math.floor(rnd() * 40));

    for (let round = 0; round < 40; round++) {
      const buckets = new Map(geography.wards.map((w) => [w.code, ward([small(), small(), small(), small(), small()])]));
      if (rnd() < 0.5) buckets.set('none', ward([small(), 0, small(), 0, 0]));
      const { tree, counters } = setUp(buckets);

      const units = await solve(respondentsSystem(tree, counters), T);
      const system = questionSystem(tree, counters, safe, false, units);
      const decisions = await solve(system, T);

      expect(recoverable(respondentsSystem(tree, counters), units)).toEqual([]);
      expect(recoverable(system, decisions)).toEqual([]);
      for (const unit of tree.units) {
        const reason = units.get(cellId(unit.key, 'n'));
        if (reason) expect(decisions.get(cellId(unit.key, 'safe_after_dark#n'))).toBe(reason);
        for (const [id, value] of system.cells) if (id.startsWith(`${unit.key}|`) && value > 0 && value < T) expect(decisions.has(id)).toBe(true);
      }
    }
  });

  it('solves every system through the solve it is given (a server’s memo), with the same decisions', async () => {
    const { tree, counters } = setUp(new Map([['E05000001', ward([1, 2, 1, 0, 0])], ['E05000002', ward([10, 10, 5, 5, 2])], ['E05000003', ward([12, 12, 6, 3, 1])]]));
    const seen: DisclosureSystem[] = [];
    const counting: Solve = async (system, threshold) => {
      seen.push(system);
      return await solve(system, threshold);
    };

    const decisions = await discloseAll(tree, counters, [safe], T, { grouped: false, solve: counting });

    expect(seen).toHaveLength(2);
    expect(decisions).toEqual(await discloseAll(tree, counters, [safe], T, { grouped: false }));
  });
});
