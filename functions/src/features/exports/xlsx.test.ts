import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Cell, Sheet } from './table.ts';
import { xlsxStream } from './xlsx.ts';

const URDU = 'پولیس نے اچھا کام کیا، شکریہ';

async function workbookOf(sheets: Sheet[]): Promise<ExcelJS.Workbook> {
  const bytes = Buffer.concat(await xlsxStream(sheets).toArray());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const sheet = (name: string, columns: string[], rows: Cell[][]): Sheet => ({ name, columns, rows: () => rows });

describe('xlsxStream', () => {
  it('writes every sheet in order with its header row', async () => {
    const workbook = await workbookOf([sheet('Responses', ['id', 'q1'], [['r1', 'a']]), sheet('Dictionary', ['column'], [['q1']]), sheet('About', ['item', 'value'], [['rows', 1]])]);

    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Responses', 'Dictionary', 'About']);
    expect(workbook.getWorksheet('Responses')!.getRow(1).values).toEqual([undefined, 'id', 'q1']);
    expect(workbook.getWorksheet('About')!.getRow(2).values).toEqual([undefined, 'rows', 1]);
  });

  it('writes text that looks like a formula as a text cell, never a formula, and numbers as numbers', async () => {
    const dangerous = ['=1+1', '+44 7700 900123', '-3', '@SUM(A1:A9)', '\tcmd'];
    const workbook = await workbookOf([sheet('Data', ['text', 'value'], dangerous.map((text) => [text, -3]))]);
    const ws = workbook.getWorksheet('Data')!;

    const cells = dangerous.map((_, i) => ws.getRow(i + 2).getCell(1));
    expect(cells.map((cell) => cell.value)).toEqual(dangerous);
    expect(cells.map((cell) => cell.type)).toEqual(dangerous.map(() => ExcelJS.ValueType.String));
    expect(cells.map((cell) => cell.formula)).toEqual(dangerous.map(() => undefined));
    expect(ws.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getRow(2).getCell(2).value).toBe(-3);
  });

  it('round-trips Urdu text; a carriage return reads back as a line feed and XML-illegal control characters are dropped', async () => {
    const workbook = await workbookOf([sheet('Data', ['text'], [[URDU], ['\rcmd'], ['bell\u0007 here'], [null]])]);
    const ws = workbook.getWorksheet('Data')!;

    expect(ws.getRow(2).getCell(1).value).toBe(URDU);
    expect(ws.getRow(3).getCell(1).value).toBe('\ncmd');
    expect(ws.getRow(4).getCell(1).value).toBe('bell here');
    expect(ws.getRow(5).getCell(1).type).toBe(ExcelJS.ValueType.Null);
  });

  it('streams many rows through a slow reader', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i): Cell[] => [`row ${i}`, i]);
    const stream = xlsxStream([sheet('Data', ['text', 'n'], rows)]);
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);

    expect(workbook.getWorksheet('Data')!.rowCount).toBe(3_001);
    expect(workbook.getWorksheet('Data')!.getRow(3_001).values).toEqual([undefined, 'row 2999', 2999]);
  });

  it('fails the stream when the rows fail', async () => {
    const failing: Sheet = {
      name: 'Data',
      columns: ['n'],
      rows: async function* () {
        yield [1];
        throw new Error('the table stopped answering');
      },
    };

    await expect(xlsxStream([failing]).toArray()).rejects.toThrow('the table stopped answering');
  });
});
