import { Readable } from 'node:stream';
import type { Cell, RowCounter, Sheet } from './table.ts';

/** Text gathered before it is handed on: large enough that writing costs little per row. */
const CHUNK_CHARS = 64 * 1024;

/**
 * First characters a spreadsheet may read as the start of a formula (OWASP "CSV Injection"):
 * `=`, `+`, `-`, `@`, a tab or a carriage return (the set csv-stringify's `escape_formulas` used,
 * with their full-width forms), and a line feed (some spreadsheets skip a leading line break and
 * read the formula after it).
 */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0xff1d, 0xff0b, 0xff0d, 0xff20]);

/** One cell as CSV: text always quoted (with a formula guard), numbers bare, empty cells empty. */
function csvCell(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (cell === '') return '""';
  const text = FORMULA_START.has(cell.charCodeAt(0)) ? `'${cell}` : cell;
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

function csvLine(row: readonly Cell[]): string {
  let line = csvCell(row[0]);
  for (let i = 1; i < row.length; i++) line += `,${csvCell(row[i])}`;
  return `${line}\r\n`;
}

/**
 * Streams a sheet as CSV that Excel and R's `read.csv` both open cleanly: one header row of
 * stable column ids, UTF-8 with a byte-order mark (Excel needs it to read UTF-8; R drops it in a
 * UTF-8 locale, or use `fileEncoding = "UTF-8-BOM"`), CRLF line ends, text always quoted and
 * numbers never, empty cells empty (R reads NA in a numeric column).
 *
 * Formula injection: text starting with a FORMULA_START character is prefixed with `'`, so a
 * spreadsheet shows it as text and never runs it. Numbers are written as numbers, so `-3` as a
 * number stays `-3`. The output is byte for byte what csv-stringify wrote with `bom`,
 * `quoted_string`, `escape_formulas` and CRLF records (plus the line-feed guard), without its
 * per-cell bookkeeping or a stream step per row: rows are formatted into one string and handed
 * on about 64 KB at a time, when the reader asks for more.
 */
export function csvStream(sheet: Sheet, onRows?: RowCounter): Readable {
  async function* chunks(): AsyncGenerator<string> {
    let text = `\uFEFF${csvLine(sheet.columns)}`;
    let count = 0;
    for await (const row of sheet.rows()) {
      text += csvLine(row);
      onRows?.(++count);
      if (text.length >= CHUNK_CHARS) {
        yield text;
        text = '';
      }
    }
    if (text !== '') yield text;
  }
  return Readable.from(chunks(), { objectMode: false });
}
