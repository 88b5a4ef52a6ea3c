import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SurveyResults } from '@wardpulse/domain';
import { csvStream } from './csv.ts';
import { RESULTS_COLUMNS, resultsRowCount, resultsSheets } from './results.ts';
import { sampleResults } from './test-support.ts';
import { xlsxStream } from './xlsx.ts';

async function csvRows(results: SurveyResults): Promise<Record<string, string>[]> {
  const [table] = resultsSheets(results);
  return parse(Buffer.concat(await csvStream(table!).toArray()), { bom: true, columns: true }) as Record<string, string>[];
}

describe('the results export', () => {
  it('has one row per unit, question and measure, with the survey’s metadata on every row', async () => {
    const rows = await csvRows(sampleResults());

    expect(Object.keys(rows[0]!)).toEqual([...RESULTS_COLUMNS]);
    // safe: 2 options + top two + mean; priorities: 2 options; comments: 3 sentiment shares → 9 per unit.
    expect(rows).toHaveLength(3 * 9);
    expect(resultsRowCount(sampleResults())).toBe(rows.length);
    expect(new Set(rows.map((r) => [r.survey_id, r.survey_title, r.wave, r.versions, r.boundary_vintages, r.level, r.disclosure_threshold, r.generated_at].join('|')))).toEqual(
      new Set(['survey-1|Your Priorities, Your Plan|1|1;2|2025-05|ward|10|2026-06-01T12:00:00.000Z']),
    );
  });

  it('gives shown figures with their intervals, rounded to 6 decimal places', async () => {
    const rows = await csvRows(sampleResults());
    const find = (unit: string, measure: string, option = '') => rows.find((r) => r.unit_code === unit && r.measure === measure && r.option_id === option && r.question_id !== 'priorities');

    expect(find('E05001260', 'option', 'very_safe')).toMatchObject({ unit_respondents: '120', unit_status: 'shown', base_n: '110', base_status: 'shown', n: '110', count: '44', share: '0.4', mean: '', lower: '0.313457', upper: '0.4945', status: 'shown', reason: '' });
    expect(find('E05001260', 'top_two')).toMatchObject({ share: '0.727273', count: '80', status: 'shown' });
    expect(find('E05001260', 'mean')).toMatchObject({ n: '100', count: '', share: '', mean: '2.9', lower: '2.7', upper: '3.1', status: 'shown' });
    expect(rows.find((r) => r.unit_code === 'E05001260' && r.option_id === 'asb')).toMatchObject({ share: '0.5', mean_rank: '1.6', borda: '1.2' });
  });

  it('marks withheld figures suppressed with their reason and leaves every number empty, never 0', async () => {
    const rows = await csvRows(sampleResults());
    const suppressed = rows.filter((r) => r.status === 'suppressed');

    expect(suppressed.length).toBeGreaterThan(0);
    for (const row of suppressed) {
      expect([row.n, row.count, row.share, row.mean, row.lower, row.upper, row.mean_rank, row.borda]).toEqual(['', '', '', '', '', '', '', '']);
      expect(['primary', 'secondary']).toContain(row.reason);
    }
    expect(rows.find((r) => r.unit_code === 'E05001260' && r.option_id === 'very_unsafe')).toMatchObject({ status: 'suppressed', reason: 'secondary', base_n: '110' });
    expect(rows.find((r) => r.unit_code === 'E05001261' && r.option_id === 'very_safe')).toMatchObject({ unit_respondents: '', unit_status: 'suppressed', base_n: '', base_status: 'suppressed', reason: 'primary' });
    expect(rows.find((r) => r.unit_code === 'E05001260' && r.option_id === 'neutral')).toMatchObject({ measure: 'sentiment', status: 'suppressed', share: '' });
  });

  it('marks figures nobody gave as empty, including a unit a question has no figures for', async () => {
    const rows = await csvRows(sampleResults());

    expect(rows.find((r) => r.unit_code === 'E05001260' && r.option_id === 'drugs')).toMatchObject({ status: 'empty', n: '', share: '', mean_rank: '' });
    expect(rows.filter((r) => r.unit_code === 'none').map((r) => r.status)).toEqual(Array(9).fill('empty'));
  });

  it('records an equality-monitoring group in its own columns', async () => {
    const rows = await csvRows(sampleResults({ group: { questionId: 'ethnicity', optionId: 'asian', label: 'Asian or Asian British' } }));

    expect(rows[0]).toMatchObject({ group_question_id: 'ethnicity', group_option_id: 'asian' });
  });

  it('in XLSX, writes the same table with numbers as numbers and an About sheet with the disclosure rule', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(await xlsxStream(resultsSheets(sampleResults())).toArray()) as unknown as ArrayBuffer);

    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Results', 'About']);
    const table = workbook.getWorksheet('Results')!;
    expect((table.getRow(1).values as unknown[]).slice(1)).toEqual([...RESULTS_COLUMNS]);
    const first = table.getRow(2);
    const cell = (column: (typeof RESULTS_COLUMNS)[number]) => first.getCell(RESULTS_COLUMNS.indexOf(column) + 1);
    expect([cell('unit_code').value, cell('option_id').value, cell('share').value, cell('share').type]).toEqual(['E05001260', 'very_safe', 0.4, ExcelJS.ValueType.Number]);
    const withheld = table.getRow(3);
    expect(withheld.getCell(RESULTS_COLUMNS.indexOf('share') + 1).type).toBe(ExcelJS.ValueType.Null);
    expect(withheld.getCell(RESULTS_COLUMNS.indexOf('status') + 1).value).toBe('suppressed');
    const about = new Map<string, unknown>();
    workbook.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(about.get('disclosure_rule')).toBe('Figures from fewer than 10 respondents are withheld.');
    expect(about.get('responses')).toBe(130);
  });
});
