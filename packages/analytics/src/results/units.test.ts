import { describe, expect, it } from 'vitest';
import type { Counters } from '@wardpulse/domain';
import { FOUR_WARDS } from './test-support.ts';
import { buildUnitTree, groupCounters, rollUp, unitsOfLevel, type ResultGeography } from './units.ts';

const geography: ResultGeography = { ...FOUR_WARDS, areas: [...FOUR_WARDS.areas, { id: 'riverside', name: 'Riverside', wardCodes: ['E05000003', 'E05000004'] }] };

describe('buildUnitTree', () => {
  it('makes every ward, district, area, the force and the no-location bucket a unit', () => {
    const tree = buildUnitTree(geography, []);

    expect(tree.units.map((u) => u.key)).toEqual([
      'ward:E05000001',
      'ward:E05000002',
      'ward:E05000003',
      'ward:E05000004',
      'district:E08000001',
      'district:E08000002',
      'area:centre',
      'area:riverside',
      'none',
      'force',
    ]);
    expect(tree.byKey.get('ward:E05000003')).toMatchObject({ level: 'ward', parentCode: 'E08000002', name: 'Castle' });
  });

  it('states each roll-up as an additive constraint: districts and (overlapping) areas of wards, the force of districts and none', () => {
    const tree = buildUnitTree(geography, []);

    expect(tree.constraints).toEqual([
      { total: 'district:E08000001', parts: ['ward:E05000001', 'ward:E05000002'] },
      { total: 'district:E08000002', parts: ['ward:E05000003', 'ward:E05000004'] },
      { total: 'area:centre', parts: ['ward:E05000002', 'ward:E05000003'] },
      { total: 'area:riverside', parts: ['ward:E05000003', 'ward:E05000004'] },
      { total: 'force', parts: ['district:E08000001', 'district:E08000002', 'none'] },
    ]);
  });

  it('keeps a ward answered on older boundaries as a ward of its own, in its district when that is still live', () => {
    const tree = buildUnitTree(geography, ['E05000001', 'E05999998', 'none'], new Map([['E05999998', { name: 'Old Brook', districtCode: 'E08000001' }]]));

    expect(tree.byKey.get('ward:E05999998')).toMatchObject({ name: 'Old Brook', parentCode: 'E08000001' });
    expect(tree.memberships.get('E05999998')).toEqual(['ward:E05999998', 'force', 'district:E08000001']);
    expect(tree.constraints[0]).toEqual({ total: 'district:E08000001', parts: ['ward:E05000001', 'ward:E05000002', 'ward:E05999998'] });
    expect(tree.constraints.at(-1)).toEqual({ total: 'force', parts: ['district:E08000001', 'district:E08000002', 'none'] });
  });

  it('counts an older ward whose district is gone (or unknown) in the force directly', () => {
    const tree = buildUnitTree(geography, ['E05999999'], new Map([['E05999999', { name: 'Old Ward', districtCode: 'E08000099' }]]));

    expect(tree.byKey.get('ward:E05999999')).toMatchObject({ name: 'Old Ward', parentCode: null });
    expect(tree.memberships.get('E05999999')).toEqual(['ward:E05999999', 'force']);
    expect(tree.constraints.at(-1)).toEqual({ total: 'force', parts: ['district:E08000001', 'district:E08000002', 'ward:E05999999', 'none'] });
  });
});

describe('rollUp', () => {
  it('adds ward counters into their district, every area that holds them, and the force; none into the force', () => {
    const tree = buildUnitTree(geography, []);
    const buckets = new Map<string, Counters>([
      ['E05000002', { n: 3, 'q#o#a': 2 }],
      ['E05000003', { n: 5, 'q#o#a': 1 }],
      ['none', { n: 1 }],
    ]);

    const totals = rollUp(tree, buckets);

    expect(totals.get('district:E08000001')).toEqual({ n: 3, 'q#o#a': 2 });
    expect(totals.get('district:E08000002')).toEqual({ n: 5, 'q#o#a': 1 });
    expect(totals.get('area:centre')).toEqual({ n: 8, 'q#o#a': 3 });
    expect(totals.get('area:riverside')).toEqual({ n: 5, 'q#o#a': 1 });
    expect(totals.get('force')).toEqual({ n: 9, 'q#o#a': 3 });
    expect(totals.get('ward:E05000001')).toEqual({});
    expect(buckets.get('E05000002')).toEqual({ n: 3, 'q#o#a': 2 });
  });

  it('satisfies every constraint it states', () => {
    const tree = buildUnitTree(geography, []);
    const buckets = new Map<string, Counters>(geography.wards.map((w, i) => [w.code, { n: 10 + i * 7 }]));
    buckets.set('none', { n: 4 });

    const totals = rollUp(tree, buckets);

    for (const constraint of tree.constraints) {
      expect(totals.get(constraint.total)?.n).toBe(constraint.parts.reduce((sum, part) => sum + (totals.get(part)?.n ?? 0), 0));
    }
  });
});

describe('groupCounters', () => {
  it('keeps one demographic group’s counters under their ordinary names', () => {
    const breakdown = new Map<string, Counters>([
      ['E05000001', { 'x#sex#female#n': 4, 'x#sex#female#q#n': 3, 'x#sex#female#q#o#a': 2, 'x#sex#male#n': 9, 'x#age#age_16_24#n': 1 }],
      ['E05000002', { 'x#sex#male#n': 2 }],
    ]);

    expect(groupCounters(breakdown, 'sex', 'female')).toEqual(new Map([['E05000001', { n: 4, 'q#n': 3, 'q#o#a': 2 }]]));
  });
});

describe('unitsOfLevel', () => {
  const tree = buildUnitTree(geography, []);
  const codes = (units: { code: string }[]) => units.map((u) => u.code);

  it('lists the level’s units, with the no-location bucket when some responses have no ward', () => {
    expect(codes(unitsOfLevel(tree, geography, 'district', null, true))).toEqual(['E08000001', 'E08000002', 'none']);
    expect(codes(unitsOfLevel(tree, geography, 'district', null, false))).toEqual(['E08000001', 'E08000002']);
    expect(codes(unitsOfLevel(tree, geography, 'force', null, true))).toEqual(['force']);
  });

  it('limits a table to one district or area', () => {
    expect(codes(unitsOfLevel(tree, geography, 'ward', { kind: 'district', code: 'E08000002' }, true))).toEqual(['E05000003', 'E05000004']);
    expect(codes(unitsOfLevel(tree, geography, 'ward', { kind: 'area', code: 'centre' }, true))).toEqual(['E05000002', 'E05000003']);
    expect(codes(unitsOfLevel(tree, geography, 'district', { kind: 'area', code: 'centre' }, true))).toEqual(['E08000001', 'E08000002']);
    expect(codes(unitsOfLevel(tree, geography, 'area', { kind: 'district', code: 'E08000001' }, true))).toEqual(['centre']);
    expect(codes(unitsOfLevel(tree, geography, 'area', { kind: 'area', code: 'riverside' }, true))).toEqual(['riverside']);
  });
});
