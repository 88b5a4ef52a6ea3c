import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SuppressionReason } from '@wardpulse/domain';
import { type AdditiveConstraint, suppress } from './suppression.ts';

const T = 10;

describe('suppress: primary', () => {
  it('withholds counts between 0 and the threshold and shows 0 and the threshold itself', async () => {
    const cells = new Map([['a', 0], ['b', 1], ['c', 9], ['d', 10], ['e', 250]]);

    const withheld = await suppress({ cells, constraints: [], threshold: T });

    expect(withheld).toEqual(new Map([['b', 'primary'], ['c', 'primary']]));
  });

  it('withholds forced cells with the reason given, whatever their count', async () => {
    const cells = new Map([['unit|n', 4], ['unit|a', 0], ['unit|b', 3], ['other|a', 40]]);
    const forced = new Map([['unit|a', 'primary'], ['unit|b', 'secondary'], ['other|a', 'secondary']] as const);

    const withheld = await suppress({ cells, constraints: [], threshold: T, forced });

    expect(withheld).toEqual(new Map([['unit|n', 'primary'], ['unit|a', 'primary'], ['unit|b', 'secondary'], ['other|a', 'secondary']]));
  });
});

describe('suppress: secondary', () => {
  it('stops a small ward being worked out from its district total (the differencing attack)', async () => {
    // District 50 = A 20 + B 25 + C 5, threshold 10. C (5) is primary; with only C withheld,
    // 50 − 20 − 25 = 5 gives it away. The smallest non-zero shown ward, A (20), is withheld too:
    // now 50 − 25 = 25 = A + C, which cannot be split, and that sum is ≥ 10 over two wards.
    const cells = new Map([['district', 50], ['ward-a', 20], ['ward-b', 25], ['ward-c', 5]]);
    const constraints = [{ total: 'district', parts: ['ward-a', 'ward-b', 'ward-c'] }];

    const withheld = await suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['ward-c', 'primary'], ['ward-a', 'secondary']]));
  });

  it('adds a complement when two small wards sum to less than the threshold, skipping wards with 0', async () => {
    // District 30 = A 3 + B 4 + C 0 + D 23. A and B are primary, but together 7 < 10 bounds both
    // below 10, so the smallest non-zero shown ward is added: C is 0 (withholding it hides
    // nothing), so D (23). Then A + B + D = 30 ≥ 10 over three non-zero wards.
    const cells = new Map([['district', 30], ['a', 3], ['b', 4], ['c', 0], ['d', 23]]);
    const constraints = [{ total: 'district', parts: ['a', 'b', 'c', 'd'] }];

    const withheld = await suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['b', 'primary'], ['d', 'secondary']]));
  });

  it('needs no complement when two small wards together reach the threshold', async () => {
    // 40 = 6 + 5 + 29: the withheld pair sums to 11 ≥ 10, so neither can be pinned below 10.
    const cells = new Map([['district', 40], ['a', 6], ['b', 5], ['c', 29]]);

    const withheld = await suppress({ cells, constraints: [{ total: 'district', parts: ['a', 'b', 'c'] }], threshold: T });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['b', 'primary']]));
  });

  it('breaks ties between equal complements by id', async () => {
    const cells = new Map([['district', 55], ['z', 20], ['y', 20], ['small', 5], ['big', 10]]);

    const withheld = await suppress({ cells, constraints: [{ total: 'district', parts: ['z', 'y', 'small', 'big'] }], threshold: 6 });

    expect(withheld).toEqual(new Map([['small', 'primary'], ['big', 'secondary']]));
    expect(await suppress({ cells, constraints: [{ total: 'district', parts: ['z', 'y', 'small'] }], threshold: 6 })).toEqual(
      new Map([['small', 'primary'], ['y', 'secondary']]),
    );
  });

  it('withholds the total when no non-zero part is left to withhold', async () => {
    // District 5 = A 5 + B 0: A is the only non-zero ward, so the district is A.
    const cells = new Map([['district', 5], ['a', 5], ['b', 0]]);

    const withheld = await suppress({ cells, constraints: [{ total: 'district', parts: ['a', 'b'] }], threshold: T });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['district', 'primary']]));
  });

  it('withholds a part when a withheld total could be added up from shown parts', async () => {
    // The base of a withheld unit is forced; its options 12 + 0 + 30 would add back up to it.
    const cells = new Map([['base', 42], ['a', 12], ['b', 0], ['c', 30]]);
    const forced = new Map([['base', 'primary']] as const);

    const withheld = await suppress({ cells, constraints: [{ total: 'base', parts: ['a', 'b', 'c'] }], threshold: T, forced });

    expect(withheld).toEqual(new Map([['base', 'primary'], ['a', 'secondary']]));
  });

  it('protects a forced 0 like any withheld count', async () => {
    // Ward A is withheld (forced, e.g. its unit has 3 respondents) and chose this option 0 times.
    // District 42 − 12 − 30 would read back that 0, so B and C are withheld until two non-zero
    // withheld wards sum to ≥ 10.
    const cells = new Map([['district', 42], ['a', 0], ['b', 12], ['c', 30]]);
    const forced = new Map([['a', 'primary']] as const);

    const withheld = await suppress({ cells, constraints: [{ total: 'district', parts: ['a', 'b', 'c'] }], threshold: T, forced });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['b', 'secondary'], ['c', 'secondary']]));
  });

  it('follows a withheld count up and down nested levels (ward → district → force)', async () => {
    // Force 126 = D1 67 + D2 55 + none 4; D1 = W1 30 + W2 25 + W3 12; D2 = W4 15 + W5 40.
    // 1. "none" (4) is primary. Force − D1 − D2 would give it, so the smaller district, D2, goes.
    // 2. D2 is now withheld but W4 + W5 would add up to it: its smaller ward, W4, goes too.
    // Left: D2 + none = 59 and D2 − W4 = 40 — three unknowns in two equations.
    const cells = new Map([
      ['force', 126], ['d1', 67], ['d2', 55], ['none', 4],
      ['w1', 30], ['w2', 25], ['w3', 12], ['w4', 15], ['w5', 40],
    ]);
    const constraints = [
      { total: 'force', parts: ['d1', 'd2', 'none'] },
      { total: 'd1', parts: ['w1', 'w2', 'w3'] },
      { total: 'd2', parts: ['w4', 'w5'] },
    ];

    const withheld = await suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['none', 'primary'], ['d2', 'secondary'], ['w4', 'secondary']]));
    expect(recoverable(cells, constraints, withheld, 'none')).toBe(false);
  });

  it('finds the cheapest safe pattern when Impact Areas overlap districts', async () => {
    // As above, plus area X = W3 + W4 (across both districts) = 27 and area Y = W1 + W2 = 55.
    // "none" (4) needs a complement in the force total: D2 (55) is cheaper than D1 (67). D2 then
    // needs a withheld ward: W4 (15) would leave area X = W3 + W4 with W4 alone withheld, costing
    // W3 or X as well (≥ 12 more), so W5 (40) is the cheaper choice: 95 in all. The greedy rule
    // this replaced withheld seven cells (none, D2, W1–W4, X: 164).
    const cells = new Map([
      ['force', 126], ['d1', 67], ['d2', 55], ['none', 4],
      ['w1', 30], ['w2', 25], ['w3', 12], ['w4', 15], ['w5', 40],
      ['area-x', 27], ['area-y', 55],
    ]);
    const constraints = [
      { total: 'force', parts: ['d1', 'd2', 'none'] },
      { total: 'd1', parts: ['w1', 'w2', 'w3'] },
      { total: 'd2', parts: ['w4', 'w5'] },
      { total: 'area-x', parts: ['w3', 'w4'] },
      { total: 'area-y', parts: ['w1', 'w2'] },
    ];

    const withheld = await suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['none', 'primary'], ['d2', 'secondary'], ['w5', 'secondary']]));
    expect(recoverable(cells, constraints, withheld, 'none')).toBe(false);
    expect(cheapestSafeCost(cells, constraints, T)).toBe(95);
  });

  it('also protects against overlapping Impact Areas, which the per-constraint rules alone miss', async () => {
    // Three areas over three wards, pairwise: X = A + B, Y = B + C, Z = A + C, A = 4 (primary).
    // Withholding B and C passes every constraint on its own (each area then has two withheld
    // wards summing to ≥ 10) and is the cheapest such pattern (50), yet A = (X − Y + Z) / 2. The
    // audit finds that combination and requires one of X, Y, Z withheld: the cheapest safe
    // pattern is then X and Z (24 + 34 = 58), not B, C and X (74).
    const cells = new Map([['a', 4], ['b', 20], ['c', 30], ['x', 24], ['y', 50], ['z', 34]]);
    const constraints = [
      { total: 'x', parts: ['a', 'b'] },
      { total: 'y', parts: ['b', 'c'] },
      { total: 'z', parts: ['a', 'c'] },
    ];
    const perConstraintOnly = new Map([['a', 'primary'], ['b', 'secondary'], ['c', 'secondary']]);

    const withheld = await suppress({ cells, constraints, threshold: T });

    expect(recoverable(cells, constraints, perConstraintOnly, 'a')).toBe(true);
    expect(withheld).toEqual(new Map([['a', 'primary'], ['x', 'secondary'], ['z', 'secondary']]));
    expect(recoverable(cells, constraints, withheld, 'a')).toBe(false);
  });

  it('withholds what a withheld container holds, and prices it in', async () => {
    // W1's respondents (4) need a complement in the district. W2 (24) is smaller than W3 (25),
    // but withholding a unit withholds its two option counts as well (10 each): W3, holding one,
    // loses less (35 against 44), so W3 goes, and its option with it.
    const cells = new Map([
      ['d', 53], ['w1', 4], ['w2', 24], ['w3', 25],
      ['w2|a', 12], ['w2|b', 12], ['w3|a', 25],
    ]);
    const constraints = [{ total: 'd', parts: ['w1', 'w2', 'w3'] }];
    const contains = new Map([['w2', ['w2|a', 'w2|b']], ['w3', ['w3|a']]]);
    const cost = new Map([['d', 53], ['w2', 24], ['w3', 25], ['w2|a', 10], ['w2|b', 10], ['w3|a', 10]]);

    const withheld = await suppress({ cells, constraints, threshold: T, contains, cost });

    expect(withheld).toEqual(new Map([['w1', 'primary'], ['w3', 'secondary'], ['w3|a', 'secondary']]));
    expect(await suppress({ cells, constraints, threshold: T, cost })).toEqual(new Map([['w1', 'primary'], ['w2', 'secondary']]));
  });

  it('keeps a single-choice question consistent within each unit and across levels', async () => {
    // Threshold 10. Ward 1: base 25 = a 20 + b 5 + c 0. Ward 2: base 30 = a 12 + b 10 + c 8.
    // District: base 55 = a 32 + b 15 + c 8. Primary: w1.b 5, w2.c 8, d.c 8.
    // - w1: base − a would give b, so a (20; c is 0) goes.
    // - option a across wards: d.a 32 − w2.a would give w1.a, so w2.a (12) goes.
    // - w2: now a and c are withheld (12 + 8 ≥ 10): nothing more.
    // - option b: d.b − w2.b would give w1.b: the district's b (15) goes, which also protects
    //   the district's c inside its base (15 + 8 ≥ 10), so w2.b (10) need not.
    // Cost 47; the greedy rule this replaced also withheld w2.b (57).
    const cells = new Map([
      ['w1|base', 25], ['w1|a', 20], ['w1|b', 5], ['w1|c', 0],
      ['w2|base', 30], ['w2|a', 12], ['w2|b', 10], ['w2|c', 8],
      ['d|base', 55], ['d|a', 32], ['d|b', 15], ['d|c', 8],
    ]);
    const constraints = [
      ...['w1', 'w2', 'd'].map((unit) => ({ total: `${unit}|base`, parts: [`${unit}|a`, `${unit}|b`, `${unit}|c`] })),
      ...['base', 'a', 'b', 'c'].map((counter) => ({ total: `d|${counter}`, parts: [`w1|${counter}`, `w2|${counter}`] })),
    ];

    const withheld = await suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(
      new Map([
        ['d|c', 'primary'],
        ['w1|b', 'primary'],
        ['w2|c', 'primary'],
        ['w1|a', 'secondary'],
        ['d|b', 'secondary'],
        ['w2|a', 'secondary'],
      ]),
    );
    for (const id of ['d|c', 'w1|b', 'w2|c']) expect(recoverable(cells, constraints, withheld, id)).toBe(false);
    expect(withheld.has('w1|c')).toBe(false);
    expect(cheapestSafeCost(cells, constraints, T)).toBe(47);
  });

  it('gives the same answer whatever the order of the cells', async () => {
    const entries: [string, number][] = [['district', 30], ['a', 3], ['b', 4], ['c', 0], ['d', 23]];
    const constraints = [{ total: 'district', parts: ['a', 'b', 'c', 'd'] }];

    const forwards = await suppress({ cells: new Map(entries), constraints, threshold: T });
    const backwards = await suppress({ cells: new Map([...entries].reverse()), constraints, threshold: T });

    expect([...backwards]).toEqual([...forwards]);
  });

  it.each([
    [{ cells: new Map([['a', -1]]), constraints: [], threshold: T }],
    [{ cells: new Map([['a', 1.5]]), constraints: [], threshold: T }],
    [{ cells: new Map([['a', 1]]), constraints: [], threshold: 0 }],
    [{ cells: new Map([['a', 1]]), constraints: [{ total: 'a', parts: ['missing'] }], threshold: T }],
    [{ cells: new Map([['a', 1]]), constraints: [], threshold: T, forced: new Map([['missing', 'primary']] as const) }],
  ])('rejects invalid input %#', async (input) => {
    await expect(suppress(input)).rejects.toThrow(RangeError);
  });
});

describe('suppress: properties over random geographies', () => {
  it('never shows a primary cell, and leaves nothing recoverable by differencing', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(randomSystem, async ({ cells, constraints, threshold, forced }) => {
        const withheld = await suppress({ cells, constraints, threshold, forced });

        for (const [id, count] of cells) {
          if (forced.has(id)) expect(withheld.get(id)).toBe(forced.get(id));
          else if (count > 0 && count < threshold) expect(withheld.get(id)).toBe('primary');
          else if (forced.size === 0 && withheld.has(id)) expect(count).toBeGreaterThan(0);
        }
        for (const { total, parts } of constraints) {
          const hidden = parts.filter((part) => withheld.has(part));
          if (cells.get(total) === 0) continue;
          if (withheld.has(total)) {
            expect(hidden.length).toBeGreaterThan(0);
          } else if (hidden.length > 0) {
            const counts = hidden.map((part) => cells.get(part) as number);
            expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(threshold);
            expect(counts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
          }
        }
        // A forced 0 is protected wherever its total is not 0 (the per-constraint checks above);
        // read back from a total of 0 it says "nobody here chose it", which is shown by policy.
        const sensitive = [...cells].filter(([id, count]) => (count > 0 && count < threshold) || (forced.get(id) === 'primary' && count > 0));
        const recovered = recoverableCells(cells, constraints, withheld, sensitive.map(([id]) => id));
        expect(recovered).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('withholds no more than the cheapest safe pattern (checked against every pattern)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(randomSystem, async ({ cells, constraints, threshold }) => {
        fc.pre(freeCells(cells, threshold).length <= 11);

        const withheld = await suppress({ cells, constraints, threshold });

        const secondary = [...withheld].filter(([, reason]) => reason === 'secondary').reduce((sum, [id]) => sum + (cells.get(id) as number), 0);
        expect(secondary).toBe(cheapestSafeCost(cells, constraints, threshold));
      }),
      { numRuns: 40 },
    );
  });
});

/** Cells that may be withheld or shown: non-zero and not small. */
const freeCells = (cells: ReadonlyMap<string, number>, threshold: number) => [...cells].filter(([, count]) => count >= threshold).map(([id]) => id);

/**
 * The least total count of complements any safe pattern needs, found by trying every subset of
 * the free cells (small tables only): an oracle independent of the solver.
 */
function cheapestSafeCost(cells: ReadonlyMap<string, number>, constraints: readonly AdditiveConstraint[], threshold: number): number {
  const free = freeCells(cells, threshold);
  const primary = [...cells].filter(([, count]) => count > 0 && count < threshold).map(([id]) => id);
  let best = Infinity;
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const chosen = free.filter((_, i) => mask & (1 << i));
    const cost = chosen.reduce((sum, id) => sum + (cells.get(id) as number), 0);
    if (cost >= best) continue;
    const withheld = new Map<string, string>([...primary, ...chosen].map((id) => [id, 'withheld']));
    const lineSafe = constraints.every(({ total, parts }) => {
      const hidden = parts.filter((part) => withheld.has(part));
      if (cells.get(total) === 0) return true;
      if (withheld.has(total)) return hidden.length > 0;
      if (hidden.length === 0) return true;
      const counts = hidden.map((part) => cells.get(part) as number);
      return counts.reduce((a, b) => a + b, 0) >= threshold && counts.filter((count) => count > 0).length >= 2;
    });
    if (lineSafe && recoverableCells(cells, constraints, withheld, primary).length === 0) best = cost;
  }
  return best;
}

/**
 * A random force for one single-choice question: districts of wards, a "no location" bucket,
 * up to two Impact Areas over any wards (overlapping districts and each other), and sometimes a
 * few wards withheld whole (their cells forced). Counts lean small so the threshold bites.
 */
const randomSystem = fc
  .record({
    wardsPerDistrict: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    options: fc.integer({ min: 2, max: 3 }),
    threshold: fc.integer({ min: 2, max: 10 }),
  })
  .chain(({ wardsPerDistrict, options, threshold }) => {
    const wards = wardsPerDistrict.reduce((a, b) => a + b, 0);
    const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 60 }));
    return fc.record({
      wardsPerDistrict: fc.constant(wardsPerDistrict),
      threshold: fc.constant(threshold),
      counts: fc.array(fc.array(count, { minLength: options, maxLength: options }), { minLength: wards + 1, maxLength: wards + 1 }),
      areas: fc.array(fc.uniqueArray(fc.nat({ max: wards - 1 }), { minLength: 1, maxLength: wards }), { maxLength: 2 }),
      withheldWards: fc.uniqueArray(fc.nat({ max: wards - 1 }), { maxLength: 2 }),
    });
  })
  .map(({ wardsPerDistrict, threshold, counts, areas, withheldWards }) => {
    const options = (counts[0] as number[]).map((_, k) => `o${k}`);
    const counters = ['base', ...options];
    const wardIds = counts.slice(0, -1).map((_, i) => `w${i}`);
    const sums = new Map<string, number[]>();
    wardIds.forEach((id, i) => sums.set(id, counts[i] as number[]));
    sums.set('none', counts.at(-1) as number[]);
    const geography: { total: string; parts: string[] }[] = [];
    let next = 0;
    const districtIds = wardsPerDistrict.map((size, d) => {
      geography.push({ total: `d${d}`, parts: wardIds.slice(next, next + size) });
      next += size;
      return `d${d}`;
    });
    areas.forEach((members, a) => geography.push({ total: `area${a}`, parts: members.map((i) => wardIds[i] as string) }));
    geography.push({ total: 'force', parts: [...districtIds, 'none'] });
    for (const { total, parts } of geography) {
      sums.set(total, options.map((_, k) => parts.reduce((sum, part) => sum + ((sums.get(part) as number[])[k] as number), 0)));
    }

    const cells = new Map<string, number>();
    const constraints: AdditiveConstraint[] = [];
    for (const [unit, optionCounts] of sums) {
      cells.set(`${unit}|base`, optionCounts.reduce((a, b) => a + b, 0));
      options.forEach((option, k) => cells.set(`${unit}|${option}`, optionCounts[k] as number));
      constraints.push({ total: `${unit}|base`, parts: options.map((option) => `${unit}|${option}`) });
    }
    for (const { total, parts } of geography) {
      for (const counter of counters) constraints.push({ total: `${total}|${counter}`, parts: parts.map((part) => `${part}|${counter}`) });
    }
    const forced = new Map<string, SuppressionReason>(withheldWards.flatMap((i) => counters.map((counter) => [`w${i}|${counter}`, 'primary'] as const)));
    return { cells, constraints, threshold, forced };
  });

/**
 * Whether the shown figures and the constraints pin `id` down exactly: true when adding the
 * equation "id = something" does not raise the rank of the constraints over the withheld cells.
 * A plain dense elimination, independent of the solver's own audit.
 */
function recoverable(
  cells: ReadonlyMap<string, number>,
  constraints: readonly AdditiveConstraint[],
  withheld: ReadonlyMap<string, string>,
  id: string,
): boolean {
  return recoverableCells(cells, constraints, withheld, [id]).length > 0;
}

/** Those of `ids` that `recoverable` would say are pinned down. */
function recoverableCells(
  cells: ReadonlyMap<string, number>,
  constraints: readonly AdditiveConstraint[],
  withheld: ReadonlyMap<string, string>,
  ids: readonly string[],
): string[] {
  const unknowns = [...cells.keys()].filter((cell) => withheld.has(cell));
  const rows = constraints.map(({ total, parts }) =>
    unknowns.map((cell) => (cell === total ? 1 : 0) - parts.filter((part) => part === cell).length),
  );
  const base = rank(rows);
  return ids.filter((id) => rank([...rows, unknowns.map((cell) => (cell === id ? 1 : 0))]) === base);
}

function rank(matrix: readonly number[][]): number {
  const rows = matrix.map((row) => [...row]);
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c += 1) {
    let best = r;
    for (let i = r + 1; i < rows.length; i += 1) if (Math.abs((rows[i] as number[])[c] as number) > Math.abs((rows[best] as number[])[c] as number)) best = i;
    const pivotRow = rows[best] as number[];
    if (Math.abs(pivotRow[c] as number) < 1e-9) continue;
    [rows[r], rows[best]] = [pivotRow, rows[r] as number[]];
    for (let i = 0; i < rows.length; i += 1) {
      if (i === r) continue;
      const row = rows[i] as number[];
      const factor = (row[c] as number) / (pivotRow[c] as number);
      if (factor !== 0) for (let j = c; j < width; j += 1) row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    }
    r += 1;
  }
  return r;
}
