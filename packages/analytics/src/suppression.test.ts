import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SuppressionReason } from '@wardpulse/domain';
import { type AdditiveConstraint, suppress } from './suppression.ts';

const T = 10;

describe('suppress: primary', () => {
  it('withholds counts between 0 and the threshold and shows 0 and the threshold itself', () => {
    const cells = new Map([['a', 0], ['b', 1], ['c', 9], ['d', 10], ['e', 250]]);

    const withheld = suppress({ cells, constraints: [], threshold: T });

    expect(withheld).toEqual(new Map([['b', 'primary'], ['c', 'primary']]));
  });

  it('withholds forced cells with the reason given, whatever their count', () => {
    const cells = new Map([['unit|n', 4], ['unit|a', 0], ['unit|b', 3], ['other|a', 40]]);
    const forced = new Map([['unit|a', 'primary'], ['unit|b', 'secondary'], ['other|a', 'secondary']] as const);

    const withheld = suppress({ cells, constraints: [], threshold: T, forced });

    expect(withheld).toEqual(new Map([['unit|n', 'primary'], ['unit|a', 'primary'], ['unit|b', 'secondary'], ['other|a', 'secondary']]));
  });
});

describe('suppress: secondary', () => {
  it('stops a small ward being worked out from its district total (the differencing attack)', () => {
    // District 50 = A 20 + B 25 + C 5, threshold 10. C (5) is primary; with only C withheld,
    // 50 − 20 − 25 = 5 gives it away. The smallest non-zero shown ward, A (20), is withheld too:
    // now 50 − 25 = 25 = A + C, which cannot be split, and that sum is ≥ 10 over two wards.
    const cells = new Map([['district', 50], ['ward-a', 20], ['ward-b', 25], ['ward-c', 5]]);
    const constraints = [{ total: 'district', parts: ['ward-a', 'ward-b', 'ward-c'] }];

    const withheld = suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['ward-c', 'primary'], ['ward-a', 'secondary']]));
  });

  it('adds a complement when two small wards sum to less than the threshold, skipping wards with 0', () => {
    // District 30 = A 3 + B 4 + C 0 + D 23. A and B are primary, but together 7 < 10 bounds both
    // below 10, so the smallest non-zero shown ward is added: C is 0 (withholding it hides
    // nothing), so D (23). Then A + B + D = 30 ≥ 10 over three non-zero wards.
    const cells = new Map([['district', 30], ['a', 3], ['b', 4], ['c', 0], ['d', 23]]);
    const constraints = [{ total: 'district', parts: ['a', 'b', 'c', 'd'] }];

    const withheld = suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['b', 'primary'], ['d', 'secondary']]));
  });

  it('needs no complement when two small wards together reach the threshold', () => {
    // 40 = 6 + 5 + 29: the withheld pair sums to 11 ≥ 10, so neither can be pinned below 10.
    const cells = new Map([['district', 40], ['a', 6], ['b', 5], ['c', 29]]);

    const withheld = suppress({ cells, constraints: [{ total: 'district', parts: ['a', 'b', 'c'] }], threshold: T });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['b', 'primary']]));
  });

  it('breaks ties between equal complements by id', () => {
    const cells = new Map([['district', 55], ['z', 20], ['y', 20], ['small', 5], ['big', 10]]);

    const withheld = suppress({ cells, constraints: [{ total: 'district', parts: ['z', 'y', 'small', 'big'] }], threshold: 6 });

    expect(withheld).toEqual(new Map([['small', 'primary'], ['big', 'secondary']]));
    expect(suppress({ cells, constraints: [{ total: 'district', parts: ['z', 'y', 'small'] }], threshold: 6 })).toEqual(
      new Map([['small', 'primary'], ['y', 'secondary']]),
    );
  });

  it('withholds the total when no non-zero part is left to withhold', () => {
    // District 5 = A 5 + B 0: A is the only non-zero ward, so the district is A.
    const cells = new Map([['district', 5], ['a', 5], ['b', 0]]);

    const withheld = suppress({ cells, constraints: [{ total: 'district', parts: ['a', 'b'] }], threshold: T });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['district', 'primary']]));
  });

  it('withholds a part when a withheld total could be added up from shown parts', () => {
    // The base of a withheld unit is forced; its options 12 + 0 + 30 would add back up to it.
    const cells = new Map([['base', 42], ['a', 12], ['b', 0], ['c', 30]]);
    const forced = new Map([['base', 'primary']] as const);

    const withheld = suppress({ cells, constraints: [{ total: 'base', parts: ['a', 'b', 'c'] }], threshold: T, forced });

    expect(withheld).toEqual(new Map([['base', 'primary'], ['a', 'secondary']]));
  });

  it('protects a forced 0 like any withheld count', () => {
    // Ward A is withheld (forced, e.g. its unit has 3 respondents) and chose this option 0 times.
    // District 42 − 12 − 30 would read back that 0, so B and C are withheld until two non-zero
    // withheld wards sum to ≥ 10.
    const cells = new Map([['district', 42], ['a', 0], ['b', 12], ['c', 30]]);
    const forced = new Map([['a', 'primary']] as const);

    const withheld = suppress({ cells, constraints: [{ total: 'district', parts: ['a', 'b', 'c'] }], threshold: T, forced });

    expect(withheld).toEqual(new Map([['a', 'primary'], ['b', 'secondary'], ['c', 'secondary']]));
  });

  it('follows a withheld count up and down nested levels (ward → district → force)', () => {
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

    const withheld = suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(new Map([['none', 'primary'], ['d2', 'secondary'], ['w4', 'secondary']]));
    expect(recoverable(cells, constraints, withheld, 'none')).toBe(false);
  });

  it('also protects against overlapping Impact Areas, which the per-constraint rule alone misses', () => {
    // As above, plus area X = W3 + W4 (across both districts) = 27 and area Y = W1 + W2 = 55.
    // Per constraint: X − W3 gives W4, so W3 goes; D1 − W1 − W2 gives W3, so W2 goes;
    // Y − W1 gives W2, so W1 goes. Every constraint now passes on its own, yet
    // W3 = D1 − Y = 12, W4 = X − W3 = 15, D2 = W4 + W5 = 55, none = force − D1 − D2 = 4.
    // The audit finds that combination, none = force − W5 − X − Y (D1 cancels), and withholds its
    // smallest shown cell, X (27): then W4 and so D2 and none are unknown again.
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

    const withheld = suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(
      new Map([
        ['none', 'primary'],
        ['d2', 'secondary'],
        ['w4', 'secondary'],
        ['w3', 'secondary'],
        ['w2', 'secondary'],
        ['w1', 'secondary'],
        ['area-x', 'secondary'],
      ]),
    );
    expect(recoverable(cells, constraints, withheld, 'none')).toBe(false);
    expect(recoverable(cells, constraints, new Map([...withheld].filter(([id]) => id !== 'area-x')), 'none')).toBe(true);
  });

  it('keeps a single-choice question consistent within each unit and across levels', () => {
    // Threshold 10. Ward 1: base 25 = a 20 + b 5 + c 0. Ward 2: base 30 = a 12 + b 10 + c 8.
    // District: base 55 = a 32 + b 15 + c 8. Primary: w1.b 5, w2.c 8, d.c 8.
    // - w1: base − a would give b, so a (the smallest non-zero shown; c is 0) goes.
    // - w2: c alone → b (10, smaller than a 12) goes; b + c = 18.
    // - district: c alone → b (15) goes; b + c = 23.
    // - option a across wards: d.a 32 − w2.a would give w1.a, so w2.a goes; w1.a + w2.a = 32.
    // - options b and c: their district totals are withheld and so is a ward's part: nothing more.
    const cells = new Map([
      ['w1|base', 25], ['w1|a', 20], ['w1|b', 5], ['w1|c', 0],
      ['w2|base', 30], ['w2|a', 12], ['w2|b', 10], ['w2|c', 8],
      ['d|base', 55], ['d|a', 32], ['d|b', 15], ['d|c', 8],
    ]);
    const constraints = [
      ...['w1', 'w2', 'd'].map((unit) => ({ total: `${unit}|base`, parts: [`${unit}|a`, `${unit}|b`, `${unit}|c`] })),
      ...['base', 'a', 'b', 'c'].map((counter) => ({ total: `d|${counter}`, parts: [`w1|${counter}`, `w2|${counter}`] })),
    ];

    const withheld = suppress({ cells, constraints, threshold: T });

    expect(withheld).toEqual(
      new Map([
        ['d|c', 'primary'],
        ['w1|b', 'primary'],
        ['w2|c', 'primary'],
        ['w1|a', 'secondary'],
        ['w2|b', 'secondary'],
        ['d|b', 'secondary'],
        ['w2|a', 'secondary'],
      ]),
    );
    for (const id of ['d|c', 'w1|b', 'w2|c']) expect(recoverable(cells, constraints, withheld, id)).toBe(false);
    expect(withheld.has('w1|c')).toBe(false);
  });

  it('gives the same answer whatever the order of the cells', () => {
    const entries: [string, number][] = [['district', 30], ['a', 3], ['b', 4], ['c', 0], ['d', 23]];
    const constraints = [{ total: 'district', parts: ['a', 'b', 'c', 'd'] }];

    const forwards = suppress({ cells: new Map(entries), constraints, threshold: T });
    const backwards = suppress({ cells: new Map([...entries].reverse()), constraints, threshold: T });

    expect([...backwards]).toEqual([...forwards]);
  });

  it.each([
    [{ cells: new Map([['a', -1]]), constraints: [], threshold: T }],
    [{ cells: new Map([['a', 1.5]]), constraints: [], threshold: T }],
    [{ cells: new Map([['a', 1]]), constraints: [], threshold: 0 }],
    [{ cells: new Map([['a', 1]]), constraints: [{ total: 'a', parts: ['missing'] }], threshold: T }],
    [{ cells: new Map([['a', 1]]), constraints: [], threshold: T, forced: new Map([['missing', 'primary']] as const) }],
  ])('rejects invalid input %#', (input) => {
    expect(() => suppress(input)).toThrow(RangeError);
  });
});

describe('suppress: properties over random geographies', () => {
  it('never shows a primary cell, and leaves nothing recoverable by differencing', () => {
    fc.assert(
      fc.property(randomSystem, ({ cells, constraints, threshold, forced }) => {
        const withheld = suppress({ cells, constraints, threshold, forced });

        for (const [id, count] of cells) {
          if (forced.has(id)) expect(withheld.get(id)).toBe(forced.get(id));
          else if (count > 0 && count < threshold) expect(withheld.get(id)).toBe('primary');
          else if (forced.size === 0 && withheld.has(id)) expect(count).toBeGreaterThan(0);
        }
        for (const { total, parts } of constraints) {
          const hidden = parts.filter((part) => withheld.has(part));
          if (withheld.has(total)) {
            expect(hidden.length).toBeGreaterThan(0);
          } else if (hidden.length > 0) {
            const counts = hidden.map((part) => cells.get(part) as number);
            expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(threshold);
            expect(counts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
          }
        }
        const sensitive = [...cells].filter(([id, count]) => (count > 0 && count < threshold) || forced.get(id) === 'primary');
        const recovered = recoverableCells(cells, constraints, withheld, sensitive.map(([id]) => id));
        expect(recovered).toEqual([]);
      }),
    );
  });
});

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
