import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, RowCounter, Sheet } from './table.ts';

/** Rows written between checks that the reader keeps up. */
const ROWS_PER_CHECK = 100;

/** Bytes of XML or zip output allowed to wait for the compressor or the reader. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Streams sheets as an XLSX workbook with ExcelJS's streaming `WorkbookWriter`: each row is
 * committed (turned into XML and handed to the zip) as soon as it is added, inline strings
 * instead of a shared-strings table (which would hold every distinct string until the end), no
 * styles. Sheets are written one after another, because the zip takes one entry at a time.
 *
 * Text is always a text cell, never a formula: ExcelJS only writes a formula for a
 * `{ formula }` value, and text is passed as a plain string. XML cannot carry most control
 * characters, so ExcelJS drops them; a carriage return reads back as a line feed.
 *
 * ExcelJS does not wait for a slow reader, so after every few hundred rows this waits until the
 * output has been read (and yields, so the zip's compression can catch up): memory stays flat
 * whatever the rows or the destination's speed.
 */
export function xlsxStream(sheets: readonly Sheet[], onRows?: RowCounter): Readable {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const write = async () => {
    for (const [index, sheet] of sheets.entries()) {
      const worksheet = workbook.addWorksheet(sheet.name);
      worksheet.addRow(sheet.columns as Cell[]).commit();
      let count = 0;
      for await (const row of sheet.rows()) {
        worksheet.addRow(row as Cell[]).commit();
        count += 1;
        if (index === 0) onRows?.(count);
        if (count % ROWS_PER_CHECK === 0) await keepUp(worksheet, output);
      }
      worksheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/** A stream that may be Node's own or `readable-stream` 2's (which has no `writableLength`). */
type AnyWritable = NodeJS.EventEmitter & { destroyed?: boolean; writableLength?: number; _writableState?: { length?: number } };

const buffered = (stream: AnyWritable) => (stream.destroyed ? 0 : (stream.writableLength ?? stream._writableState?.length ?? 0));

/**
 * Waits until the zip and the output have caught up. ExcelJS's sheet stream (its `StreamBuf`)
 * writes to the zip's input without heeding backpressure, so the zip's input is asked directly:
 * it is the sheet stream's `pipes` (ExcelJS 4.4.0, pinned; archiver wraps the sheet stream in a
 * `readable-stream` PassThrough). Without this the whole sheet's XML piles up there. Rows keep
 * coming while less than MAX_BUFFERED_BYTES wait, so compression and row-making overlap.
 */
async function keepUp(worksheet: ExcelJS.Worksheet, output: PassThrough): Promise<void> {
  const sheetStream = (worksheet as unknown as { stream: { pipes?: AnyWritable[] } }).stream;
  const streams = [...(sheetStream.pipes ?? []), output as AnyWritable];
  while (streams.some((stream) => buffered(stream) > MAX_BUFFERED_BYTES) && !output.destroyed) await new Promise((resolve) => setTimeout(resolve, 2));
  // The reader gave up (a failed upload): stop making rows nobody will read.
  if (output.destroyed) throw new Error('The export output was closed before the workbook was finished.');
}
