import { describe, expect, it } from 'vitest';
import type { Ward } from '@wardpulse/domain';
import { areaId, prepareAreas } from './areas.ts';
import { importError } from './test-support.ts';

const wards: Ward[] = [
  { code: 'E05001260', name: 'Abbey', districtCode: 'E08000028', districtName: 'Sandwell', vintage: '2025-05' },
  { code: 'E05001278', name: 'Soho and Victoria', districtCode: 'E08000028', districtName: 'Sandwell', vintage: '2025-05' },
  { code: 'E05001279', name: 'Tipton Green', districtCode: 'E08000028', districtName: 'Sandwell', vintage: '2025-05' },
];

describe('prepareAreas', () => {
  it('groups rows into areas of wards, with ids from their names', () => {
    const csv = 'area_name,ward_code\nSmethwick & Soho,E05001278\nSmethwick & Soho,E05001279\nAbbey Impact Area,E05001260\n';

    const areas = prepareAreas(csv, wards, 'impact-area', '2025-05');

    expect(areas).toEqual([
      { id: 'smethwick-and-soho', kind: 'impact-area', name: 'Smethwick & Soho', vintage: '2025-05', wardCodes: ['E05001278', 'E05001279'] },
      { id: 'abbey-impact-area', kind: 'impact-area', name: 'Abbey Impact Area', vintage: '2025-05', wardCodes: ['E05001260'] },
    ]);
  });

  it('reads headers in any case, a byte-order mark, quoted names, blank lines and repeated rows', () => {
    const csv = '\ufeffArea_Name,WARD_CODE\r\n"Soho, Victoria and Abbey",E05001279\r\n\r\n"Soho, Victoria and Abbey",e05001260\r\n"Soho, Victoria and Abbey",E05001260\r\n';

    const areas = prepareAreas(csv, wards, 'npt', '2025-05');

    expect(areas).toEqual([{ id: 'soho-victoria-and-abbey', kind: 'npt', name: 'Soho, Victoria and Abbey', vintage: '2025-05', wardCodes: ['E05001260', 'E05001279'] }]);
  });

  it('lists unknown ward codes with their line numbers', () => {
    const csv = 'area_name,ward_code\nA,E05001260\nA,E05999999\nB,E05999999\nC,E05011118\n';

    const error = importError(() => prepareAreas(csv, wards, 'impact-area', '2025-05'));

    expect(error.code).toBe('areas.unknown_wards');
    expect(error.message).toContain('E05999999 (lines 3, 4)');
    expect(error.message).toContain('E05011118 (line 5)');
  });

  it('says which columns it needs and what it found', () => {
    const error = importError(() => prepareAreas('area,district\nA,E08000028\n', wards, 'impact-area', '2025-05'));

    expect(error.code).toBe('areas.missing_columns');
    expect(error.message).toContain('Found: area, district');
  });

  it('refuses a file with a header and no rows', () => {
    expect(importError(() => prepareAreas('area_name,ward_code\n\n', wards, 'impact-area', '2025-05')).code).toBe('areas.empty');
    expect(importError(() => prepareAreas('', wards, 'impact-area', '2025-05')).code).toBe('areas.missing_columns');
  });
});

describe('areaId', () => {
  it.each([
    ['Smethwick & Oldbury', 'smethwick-and-oldbury'],
    ['  West Bromwich Central ', 'west-bromwich-central'],
    ["St Paul's / Soho", 'st-paul-s-soho'],
    ['Café Quarter', 'cafe-quarter'],
  ])('turns %j into %j', (name, id) => {
    expect(areaId(name)).toBe(id);
  });
});
