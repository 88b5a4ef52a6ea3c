import { describe, expect, it } from 'vitest';
import type { ShareCell, SurveyResults } from '@wardpulse/domain';
import { wilsonInterval } from '../proportion.ts';
import { compareResults } from './compare.ts';

const share = (count: number, n: number): ShareCell => ({ status: 'shown', ...wilsonInterval(count, n) });
const withheld: ShareCell = { status: 'suppressed', reason: 'primary' };

function wave(id: string, wave: number, vintage: string, cells: Record<string, { respondents: number; yes: ShareCell; top2: ShareCell }>): SurveyResults {
  const codes = Object.keys(cells);
  return {
    survey: { id, title: `Wave ${wave}`, kind: 'impact-area', slug: `wave-${wave}`, seriesId: 'impact-area', wave },
    versions: [{ version: 1, publishedAt: '2026-01-01T00:00:00.000Z', boundaryVintage: vintage }],
    level: 'ward',
    group: null,
    disclosure: { threshold: 10, description: '' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    totals: { responses: 0, withWard: 0, withoutWard: 0 },
    units: codes.map((code) => ({ level: 'ward', code, name: `Ward ${code}`, parentCode: null, respondents: cells[code]!.respondents === 0 ? { status: 'empty' } : { status: 'shown', n: cells[code]!.respondents } })),
    force: {},
    questions: [
      {
        id: 'patrols',
        type: 'single',
        title: 'Patrols?',
        options: [{ id: 'yes', label: 'Yes' }],
        units: Object.fromEntries(codes.map((code) => [code, { base: { status: 'shown', n: 1 }, options: { yes: cells[code]!.yes } }])),
      },
      {
        id: 'safe',
        type: 'likert',
        title: 'Safe?',
        options: [
          { id: 'very_safe', label: 'Very safe' },
          { id: 'fairly_safe', label: 'Fairly safe' },
        ],
        units: Object.fromEntries(codes.map((code) => [code, { base: { status: 'shown', n: 1 }, options: {}, topTwo: cells[code]!.top2 }])),
      },
      { id: 'notes', type: 'text', title: 'Notes', options: [], units: {} },
    ],
  };
}

describe('compareResults', () => {
  const before = wave('b', 1, '2022-05', {
    A: { respondents: 200, yes: share(60, 200), top2: share(100, 200) },
    B: { respondents: 50, yes: share(25, 50), top2: withheld },
    OLD: { respondents: 30, yes: share(15, 30), top2: share(15, 30) },
  });
  const after = wave('a', 2, '2025-05', {
    A: { respondents: 200, yes: share(110, 200), top2: share(104, 200) },
    B: { respondents: 50, yes: share(26, 50), top2: share(30, 50) },
    NEW: { respondents: 30, yes: share(15, 30), top2: share(15, 30) },
    EMPTY: { respondents: 0, yes: { status: 'empty' }, top2: { status: 'empty' } },
  });

  it('flags a large shift as significant, after minus before', () => {
    const comparison = compareResults(before, after, { adjust: 'holm', alpha: 0.05 });

    const row = comparison.rows.find((r) => r.unitCode === 'A' && r.optionId === 'yes')!;
    expect(row.difference).toBeCloseTo(0.25, 10);
    expect(row.z).toBeGreaterThan(4);
    expect(row.significant).toBe(true);
    expect(comparison.rows.find((r) => r.unitCode === 'B' && r.optionId === 'yes')?.significant).toBe(false);
  });

  it('compares a Likert question by its top-2 box, and only where both waves show it', () => {
    const comparison = compareResults(before, after, { adjust: 'bh', alpha: 0.05 });

    const rows = comparison.rows.filter((r) => r.questionId === 'safe');
    expect(rows.map((r) => [r.unitCode, r.optionId])).toEqual([
      ['A', 'top2'],
      ['B', 'top2'],
    ]);
    expect(rows[0]?.optionLabel).toBe('Top two: Very safe + Fairly safe');
    expect(rows[1]).toMatchObject({ before: withheld, difference: null, z: null, p: null, pAdjusted: null, significant: false, differenceInterval: null, detectable: null });
  });

  it('adjusts p across every comparable row of the table', () => {
    const comparison = compareResults(before, after, { adjust: 'holm', alpha: 0.05 });

    const comparable = comparison.rows.filter((r) => r.p !== null);
    expect(comparable).toHaveLength(3);
    const smallest = comparable.reduce((a, b) => (a.p! < b.p! ? a : b));
    expect(smallest.pAdjusted).toBeCloseTo(Math.min(1, smallest.p! * 3), 12);
  });

  it('reports units found in one wave only and the boundary vintages of each', () => {
    const comparison = compareResults(before, after, { adjust: 'holm', alpha: 0.05 });

    expect(comparison.onlyBefore).toEqual(['OLD']);
    expect(comparison.onlyAfter).toEqual(['NEW']);
    expect(comparison.before.boundaryVintages).toEqual(['2022-05']);
    expect(comparison.after.boundaryVintages).toEqual(['2025-05']);
    expect(comparison.vintageDiffers).toBe(true);
    expect(comparison.rows.some((r) => r.unitCode === 'EMPTY' || r.questionId === 'notes')).toBe(false);
  });

  it('gives each comparable row the 95% interval of its change, Newcombe’s published one for 48/80 to 56/70', () => {
    // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10: 0.0524 to 0.3339.
    const known = compareResults(wave('b', 1, '2022-05', { C: { respondents: 80, yes: share(48, 80), top2: withheld } }), wave('a', 2, '2022-05', { C: { respondents: 70, yes: share(56, 70), top2: withheld } }), {
      adjust: 'holm',
      alpha: 0.05,
    });

    const row = known.rows.find((r) => r.optionId === 'yes')!;
    expect(row.difference).toBeCloseTo(0.2, 12);
    expect(row.differenceInterval!.lower).toBeCloseTo(0.0524, 4);
    expect(row.differenceInterval!.upper).toBeCloseTo(0.3339, 4);
    expect(row.level).toBe('ward');
  });

  it('says how small a change each row could detect, at α shared across the family of comparable rows', () => {
    const one = compareResults(wave('b', 1, '2022-05', { C: { respondents: 80, yes: share(48, 80), top2: withheld } }), wave('a', 2, '2022-05', { C: { respondents: 70, yes: share(56, 70), top2: withheld } }), {
      adjust: 'holm',
      alpha: 0.05,
    });
    const three = compareResults(before, after, { adjust: 'bh', alpha: 0.05 });

    // One comparable row, so α stays 0.05. Share (48 + 56 + 1) / (80 + 70 + 2) = 105/152 = 0.690789;
    // √(0.690789 × 0.309211 × (1/80 + 1/70)) = √(0.213599 × 0.0267857) = √0.0057214 = 0.075640;
    // × 1.959964 = 0.14825.
    expect(one.familySize).toBe(1);
    expect(one.rows.find((r) => r.optionId === 'yes')!.detectable).toBeCloseTo(0.14825, 4);
    // Three comparable rows: each at α = 0.05 / 3 (z = 2.393980). Ward A's yes: share 171/402.
    expect(three.familySize).toBe(3);
    const a = three.rows.find((r) => r.unitCode === 'A' && r.optionId === 'yes')!;
    const s = 171 / 402;
    expect(a.detectable).toBeCloseTo(2.39398 * Math.sqrt(s * (1 - s) * (2 / 200)), 5);
    // The small ward B (50 a wave) needs about twice the change ward A (200) does.
    const b = three.rows.find((r) => r.unitCode === 'B' && r.optionId === 'yes')!;
    expect(b.detectable! / a.detectable!).toBeGreaterThan(1.9);
    expect(Math.abs(b.difference!)).toBeLessThan(b.detectable!);
  });

  it('limits the table to one question', () => {
    const comparison = compareResults(before, after, { questionId: 'safe', adjust: 'holm', alpha: 0.05 });

    expect(new Set(comparison.rows.map((r) => r.questionId))).toEqual(new Set(['safe']));
  });
});
