import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvStream } from './csv.ts';
import type { Cell, Sheet } from './table.ts';

const URDU = 'پولیس نے اچھا کام کیا، شکریہ';

async function csvOf(rows: Cell[][], columns = ['id', 'text', 'value']): Promise<Buffer> {
  const sheet: Sheet = { name: 'Data', columns, rows: () => rows };
  return Buffer.concat(await csvStream(sheet).toArray());
}

describe('csvStream', () => {
  it('starts with a UTF-8 byte-order mark, ends lines with CRLF and has one header row of column ids', async () => {
    const bytes = await csvOf([['r1', 'hello', 1]]);

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('"id","text","value"\r\n"r1","hello",1\r\n');
  });

  it('neutralises formula injection in text with a leading apostrophe, but leaves numbers as numbers', async () => {
    const dangerous = ['=1+1', '+44 7700 900123', '-3', '@SUM(A1:A9)', '\tcmd', '\rcmd', '＝1+1', '\n=1+1'];
    const bytes = await csvOf([...dangerous.map((text, i): Cell[] => [`r${i}`, text, -3]), ['safe', 'a-b = c', 0.25]]);

    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.text)).toEqual(["'=1+1", "'+44 7700 900123", "'-3", "'@SUM(A1:A9)", "'\tcmd", "'\rcmd", "'＝1+1", "'\n=1+1", 'a-b = c']);
    expect(rows.map((row) => row.value)).toEqual([...dangerous.map(() => '-3'), '0.25']);
    // Numbers are never quoted, so R and Excel read them as numbers.
    expect(bytes.toString('utf8')).toContain('"r2","\'-3",-3\r\n');
  });

  it('round-trips Urdu (right-to-left) text, quotes, commas and line breaks', async () => {
    const tricky = `${URDU}, "quoted"\nsecond line`;

    const rows = parse(await csvOf([['r1', tricky, null]]), { bom: true, columns: true }) as Record<string, string>[];

    expect(rows).toEqual([{ id: 'r1', text: tricky, value: '' }]);
  });

  it('writes empty cells unquoted, so R reads NA in a numeric column', async () => {
    const text = (await csvOf([['r1', null, null]])).subarray(3).toString('utf8');

    expect(text.split('\r\n')[1]).toBe('"r1",,');
  });

  it('writes byte for byte what csv-stringify wrote with the options it was used with before', async () => {
    const cells: Cell[] = ['', null, 0, -3, 0.25, 1e21, -0.5, 'plain', 'a "quoted" word', 'comma, here', 'line\nbreak', 'cr\rhere', 'crlf\r\n', '=1+1', '+1', '-1', '@x', '\tx', '\rx', '\nx', '＝1', '＋1', '－1', '＠1', "'already", ' lead', 'trail ', URDU, '🚓 emoji', '"=quoted formula"'];
    const rows: Cell[][] = cells.map((cell, i) => [`r${i}`, cell, cells[(i + 7) % cells.length]!]);
    const lineFeed = (cell: Cell) => (typeof cell === 'string' && cell.startsWith('\n') ? `'${cell}` : cell);
    const before = stringify([['id', 'text', 'value'], ...rows.map((row) => row.map(lineFeed))], {
      bom: true,
      record_delimiter: 'windows',
      quoted_string: true,
      escape_formulas: true,
      cast: { number: (value) => String(value) },
    });

    expect((await csvOf(rows)).toString('utf8')).toBe(before);
  });

  it('hands on the text in large pieces, not a piece a row', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i): Cell[] => [`r${i}`, 'some text', i]);
    const sheet: Sheet = { name: 'Data', columns: ['id', 'text', 'value'], rows: () => rows };

    const chunks = await csvStream(sheet).toArray();

    expect(chunks.length).toBeLessThan(10);
    expect(parse(Buffer.concat(chunks), { bom: true })).toHaveLength(5_001);
  });

  it('counts rows as it writes them', async () => {
    const seen: number[] = [];
    const sheet: Sheet = { name: 'Data', columns: ['n'], rows: () => [[1], [2], [3]] };

    await csvStream(sheet, (rows) => seen.push(rows)).toArray();

    expect(seen).toEqual([1, 2, 3]);
  });

  it('fails the stream when the rows fail', async () => {
    const sheet: Sheet = {
      name: 'Data',
      columns: ['n'],
      rows: async function* () {
        yield [1];
        throw new Error('the table stopped answering');
      },
    };

    await expect(csvStream(sheet).toArray()).rejects.toThrow('the table stopped answering');
  });
});
