import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Cell, RowCounter, Sheet } from './table.ts';

/**
 * Streams a sheet as CSV that Excel and R's `read.csv` both open cleanly: one header row of
 * stable column ids, UTF-8 with a byte-order mark (Excel needs it to read UTF-8; R drops it in a
 * UTF-8 locale, or use `fileEncoding = "UTF-8-BOM"`), CRLF line ends, text always quoted and
 * numbers never, empty cells empty (R reads NA in a numeric column).
 *
 * Formula injection (OWASP "CSV Injection"): text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (or their full-width forms), or a line feed (which csv-stringify does not
 * catch: some spreadsheets skip a leading line break and read the formula after it) is prefixed
 * with `'`, so a spreadsheet shows it as text and never runs it. Numbers are written as numbers, so `-3` as a number stays `-3`.
 */
const startsWithLineFeed = (cell: Cell): cell is string => typeof cell === 'string' && cell.startsWith('\n');

export function csvStream(sheet: Sheet, onRows?: RowCounter): Readable {
  const stringifier = stringify({
    bom: true,
    record_delimiter: 'windows',
    quoted_string: true,
    escape_formulas: true,
    cast: { number: (value) => String(value) },
  });
  async function* records(): AsyncGenerator<readonly Cell[]> {
    yield sheet.columns;
    let count = 0;
    for await (const row of sheet.rows()) {
      yield row.some(startsWithLineFeed) ? row.map((cell) => (startsWithLineFeed(cell) ? `'${cell}` : cell)) : row;
      onRows?.(++count);
    }
  }
  const source = Readable.from(records(), { objectMode: true });
  source.on('error', (error) => stringifier.destroy(error));
  return source.pipe(stringifier);
}
