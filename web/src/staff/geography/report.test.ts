import { describe, expect, it } from 'vitest';
import { reportFigures, reportHeadline } from './report.ts';

describe('import report figures', () => {
  it('lists the wards of each district a boundary file brought in', () => {
    const report = { vintage: '2025-05', wards: 24, districts: 1, wardsPerDistrict: { Sandwell: 24 }, mapBytes: 30_000, mapGzipBytes: 9_800 };

    const figures = reportFigures('boundaries', report);

    expect(figures).toContainEqual({ label: 'Boundary vintage', value: 'May 2025 (2025-05)' });
    expect(figures).toContainEqual({ label: 'Wards per district', value: '1 district', items: ['Sandwell: 24 wards'] });
    expect(reportHeadline('boundaries', report)).toBe('24 wards in 1 district');
  });

  it('shows postcodes kept, terminated and the ward codes missing from the boundaries', () => {
    const report = {
      lookupVintage: '2024-08',
      boundaryVintage: '2025-05',
      rowsRead: 10_000,
      rowsKept: 9_553,
      rowsOutsideForce: 447,
      terminatedKept: 12,
      wardCodesNotInBoundaries: [{ wardCode: 'E05001278', rows: 547 }],
      rowsInvalid: 0,
      seconds: 3.21,
    };

    const figures = reportFigures('postcodes', report);

    expect(figures[0]).toEqual({ label: 'Postcodes kept', value: '9,553' });
    expect(figures).toContainEqual({ label: 'Ward codes not in the boundary vintage', value: '1', items: ['E05001278: 547 postcodes'] });
    expect(figures).toContainEqual({ label: 'Terminated postcodes kept', value: '12' });
    expect(reportHeadline('postcodes', report)).toBe('9,553 postcodes kept');
  });

  it('names each area imported with its number of wards', () => {
    const report = { vintage: '2025-05', kind: 'impact-area', areas: [{ id: 'north', name: 'North', wards: 3 }, { id: 'south', name: 'South', wards: 1 }] };

    expect(reportFigures('areas', report)[0]).toEqual({ label: 'Impact Areas', value: '2', items: ['North: 3 wards', 'South: 1 ward'] });
    expect(reportHeadline('areas', report)).toBe('2 Impact Areas');
    expect(reportHeadline('areas', { ...report, kind: 'npt', areas: [report.areas[0]] })).toBe('1 Neighbourhood Policing Team');
  });

  it('still shows the figures of a report it does not know the shape of', () => {
    const figures = reportFigures('areas', { areas: 2, wardsMatched: 5, unknownWardCodes: ['E05999999'], nested: { deep: { x: 1 } } });

    expect(figures).toEqual([
      { label: 'Areas', value: '2' },
      { label: 'Wards matched', value: '5' },
      { label: 'Unknown ward codes', value: '1', items: ['E05999999'] },
    ]);
  });
});
