import type { ResultUnit } from '@wardpulse/domain';
import { describe, expect, it } from 'vitest';
import { NO_RESPONSES, NOT_COVERED, shareBins } from './bins.ts';
import { countFills, fillColour, svgId, unitsForWard, wardFill } from './map-units.ts';

const unit = (respondents: ResultUnit['respondents']): ResultUnit => ({ level: 'ward', code: 'E05000001', name: 'East', parentCode: 'E08000001', respondents });
const shown = { status: 'shown' as const, count: 12, n: 40, share: 0.3, lower: 0.18, upper: 0.45 };
const bins = shareBins([0.1, 0.5]);

describe('which figure colours a ward', () => {
  it('takes its own, its district’s or its areas’ figures by level', () => {
    const ward = { code: 'E05000001', districtCode: 'E08000001' };
    const areas = [
      { id: 'a1', name: 'North', wardCodes: ['E05000001', 'E05000002'] },
      { id: 'a2', name: 'South', wardCodes: ['E05000003'] },
    ];

    expect(unitsForWard('ward', ward, areas)).toEqual(['E05000001']);
    expect(unitsForWard('district', ward, areas)).toEqual(['E08000001']);
    expect(unitsForWard('area', ward, areas)).toEqual(['a1']);
    expect(unitsForWard('area', { code: 'E05000009', districtCode: 'E08000001' }, areas)).toEqual([]);
  });

  it('colours a shown share by its class', () => {
    const fill = wardFill(unit({ status: 'shown', n: 40 }), shown, bins);

    expect(fill.kind).toBe('shown');
    expect(fillColour(fill, 'hatch')).toBe(bins.find((b) => b.lower === 0.3)!.colour);
  });

  it('hatches a withheld share, and a withheld unit whatever its cell says', () => {
    expect(fillColour(wardFill(unit({ status: 'shown', n: 40 }), { status: 'suppressed', reason: 'primary' }, bins), 'hatch')).toBe('url(#hatch)');
    expect(wardFill(unit({ status: 'suppressed', reason: 'secondary' }), shown, bins)).toEqual({ kind: 'withheld', cell: { status: 'suppressed', reason: 'secondary' } });
  });

  it('greys a ward without responses and leaves one outside the view blank', () => {
    expect(fillColour(wardFill(unit({ status: 'empty' }), { status: 'empty' }, bins), 'hatch')).toBe(NO_RESPONSES);
    expect(fillColour(wardFill(unit({ status: 'shown', n: 4 }), undefined, bins), 'hatch')).toBe(NO_RESPONSES);
    expect(fillColour(wardFill(undefined, undefined, bins), 'hatch')).toBe(NOT_COVERED);
  });

  it('counts wards by how they are drawn', () => {
    expect(countFills([{ kind: 'empty' }, { kind: 'outside' }, { kind: 'empty' }])).toEqual({ shown: 0, withheld: 0, empty: 2, outside: 1 });
  });

  it('makes React ids safe to use in an SVG url()', () => {
    expect(svgId('«r1»')).toBe('r1');
    expect(svgId(':r2:')).toBe('r2');
  });
});
