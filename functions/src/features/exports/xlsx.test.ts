import { PassThrough } from 'node:stream';
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

/** The workbook ExcelJS's streaming writer made of the same sheets, as the export wrote it before. */
async function excelJsWorkbookOf(sheets: Sheet[]): Promise<ExcelJS.Workbook> {
  const output = new PassThrough();
  const collected = output.toArray();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  for (const sheet of sheets) {
    const worksheet = writer.addWorksheet(sheet.name);
    worksheet.addRow(sheet.columns as Cell[]).commit();
    for await (const row of sheet.rows()) worksheet.addRow(row as Cell[]).commit();
    worksheet.commit();
  }
  await writer.commit();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(await collected) as unknown as ArrayBuffer);
  return workbook;
}

/** Every sheet's name and every cell's position, type and value. */
function cellsOf(workbook: ExcelJS.Workbook) {
  return workbook.worksheets.map((ws) => {
    const cells: [string, ExcelJS.ValueType, unknown][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: false }, (cell) => cells.push([cell.address, cell.type, cell.value])));
    return { name: ws.name, rows: ws.rowCount, cells };
  });
}

describe('xlsxStream', () => {
  it('reads back cell for cell as the workbook ExcelJS’s streaming writer made before', async () => {
    const text = ['', 'plain', 'a "quoted" <b>&amp;</b> \'word\'', 'line\nbreak', 'cr\rhere', '=1+1', '+1', '-1', '@x', '\tx', '\u0001\u0008\u000b\u000c\u001f\u007f gone', URDU, '🚓 emoji', ' lead', 'trail '];
    const numbers = [0, -3, 0.25, 1e21, -0.5, 123456789.125];
    // Wider than 26 columns, so references run to AA, AB…
    const wide = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const sheets = [
      sheet('Responses', ['id', 'text', 'n', 'empty'], text.map((t, i): Cell[] => [`r${i}`, t, numbers[i % numbers.length]!, null])),
      sheet('Wide', wide, [wide.map((_, i): Cell => (i % 3 === 0 ? null : i % 3 === 1 ? i : `v${i}`))]),
      sheet('About & <more>', ['item', 'value'], [['rows', text.length]]),
    ];

    const [ours, before] = await Promise.all([workbookOf(sheets), excelJsWorkbookOf(sheets)]);

    expect(cellsOf(ours)).toEqual(cellsOf(before));
  });

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
