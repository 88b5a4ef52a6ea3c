import { describe, expect, it } from 'vitest';
import { ExportRequestSchema, exportFileName, mayExport } from './exports.ts';

describe('ExportRequestSchema', () => {
  it('turns redaction on unless it is turned off', () => {
    expect(ExportRequestSchema.parse({ kind: 'responses', format: 'csv' })).toEqual({ kind: 'responses', format: 'csv', redactText: true });
    expect(ExportRequestSchema.parse({ kind: 'responses', format: 'xlsx', redactText: false })).toMatchObject({ redactText: false });
  });

  it('allows GeoJSON for results only, and says why', () => {
    expect(ExportRequestSchema.safeParse({ kind: 'results', format: 'geojson', level: 'ward' }).success).toBe(true);

    const result = ExportRequestSchema.safeParse({ kind: 'responses', format: 'geojson' });

    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['format'], message: expect.stringMatching(/GeoJSON is only for results/) })]);
  });

  it('refuses fields that belong to the other kind', () => {
    expect(ExportRequestSchema.safeParse({ kind: 'responses', format: 'csv', level: 'ward' }).success).toBe(false);
    expect(ExportRequestSchema.safeParse({ kind: 'results', format: 'csv', level: 'ward', redactText: false }).success).toBe(false);
  });
});

describe('exportFileName', () => {
  it('names the survey, what, the level or group, and the day', () => {
    expect(exportFileName('your-priorities', { kind: 'results', format: 'csv', level: 'ward' }, '2026-05-01T09:00:00.000Z')).toBe('your-priorities-results-ward-2026-05-01.csv');
    expect(exportFileName('ia-w2', { kind: 'results', format: 'geojson', level: 'area', group: { questionId: 'age_band', optionId: 'age_16_24' } }, '2026-05-01T09:00:00.000Z')).toBe('ia-w2-results-area-age-band-age-16-24-2026-05-01.geojson');
    expect(exportFileName('ia-w2', { kind: 'responses', format: 'xlsx', redactText: false }, '2026-05-01T09:00:00.000Z')).toBe('ia-w2-responses-unredacted-2026-05-01.xlsx');
  });
});

describe('who may export', () => {
  it('lets any staff role export results, analysts and admins responses, and admins alone unredacted text', () => {
    const results = { kind: 'results', format: 'csv', level: 'ward' } as const;
    const redacted = { kind: 'responses', format: 'csv', redactText: true } as const;
    const unredacted = { kind: 'responses', format: 'xlsx', redactText: false } as const;
    const table = (['officer', 'analyst', 'admin'] as const).map((role) => [role, mayExport([role], results), mayExport([role], redacted), mayExport([role], unredacted)]);

    expect(table).toEqual([
      ['officer', true, false, false],
      ['analyst', true, true, false],
      ['admin', true, true, true],
    ]);
    expect(mayExport([], results)).toBe(false);
  });
});
