/**
 * Reading an ONS lookup file for the postcode import: gunzip when gzipped, CSV records one at a
 * time with back-pressure, progress at most twice a second, and file problems as ImportFileErrors.
 */
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { ImportFileError, type ImportProgress } from '@wardpulse/domain';

const PROGRESS_INTERVAL_MS = 500;

/** A record longer than this is not a postcode lookup row (a JSON file, a binary file). */
const MAX_RECORD_BYTES = 1 << 20;

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Control characters and U+FFFD (undecodable bytes) never appear in a CSV header. */
export function looksBinary(header: readonly string[]): boolean {
  const binary = (char: string) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && code !== 0x09) || code === 0xfffd;
  };
  return header.some((field) => [...field].some(binary));
}

export class Progress {
  private last = 0;
  private startedAt = Date.now();
  rowsRead = 0;
  rowsKept = 0;
  bytesRead = 0;

  constructor(
    private readonly onProgress: ((progress: ImportProgress) => void) | undefined,
    private readonly totalBytes: number | undefined,
    private phase: ImportProgress['phase'] = 'reading',
  ) {}

  start(phase: ImportProgress['phase']) {
    Object.assign(this, { phase, rowsRead: 0, rowsKept: 0, bytesRead: 0, startedAt: Date.now(), last: 0 });
    this.emit(true);
  }

  emit(force = false, message?: string) {
    const now = Date.now();
    if (!this.onProgress || (!force && now - this.last < PROGRESS_INTERVAL_MS)) return;
    this.last = now;
    const seconds = (now - this.startedAt) / 1000;
    this.onProgress({
      phase: this.phase,
      rowsRead: this.rowsRead,
      rowsKept: this.rowsKept,
      bytesRead: this.bytesRead,
      ...(this.totalBytes !== undefined ? { totalBytes: this.totalBytes } : {}),
      // While writing, the pace that matters is rows stored, not rows re-read.
      rowsPerSecond: seconds > 0 ? Math.round((this.phase === 'writing' ? this.rowsKept : this.rowsRead) / seconds) : 0,
      ...(message ? { message } : {}),
    });
  }
}

/**
 * Streams the file through gunzip (when it is gzipped) and the CSV parser, handing each record
 * to `onRecord` (which may apply back-pressure by returning a promise). Bad gzip and bad CSV
 * become ImportFileErrors.
 */
export async function readRecords(open: () => Readable, fileName: string, progress: Progress, onRecord: (fields: string[]) => void | Promise<void>): Promise<void> {
  const raw = open();
  let failure: unknown;
  try {
    const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await chunks.next();
    if (first.done || first.value.length === 0) throw new ImportFileError('postcodes.not_csv', `${fileName} is empty.`);
    const head = first.value;
    const gzipped = isGzip(head) || /\.gz$/i.test(fileName);
    async function* source() {
      progress.bytesRead += head.length;
      yield head;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        progress.bytesRead += next.value.length;
        yield next.value;
      }
    }
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
    const consume = async (records: AsyncIterable<string[]>) => {
      try {
        for await (const fields of records) await onRecord(fields);
      } catch (error) {
        // What went wrong first; tearing down the other stages can reject the pipeline with an AbortError instead.
        failure ??= error;
        throw error;
      }
    };
    if (gzipped) await pipeline(source, createGunzip(), parser, consume);
    else await pipeline(source, parser, consume);
  } catch (error) {
    throw asFileError(failure ?? error, fileName);
  } finally {
    raw.destroy();
  }
}

export function asFileError(error: unknown, fileName: string): unknown {
  if (error instanceof ImportFileError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    const detail = /unexpected end of file/i.test(error.message)
      ? 'it ends part-way through (was the upload or download cut short?)'
      : /incorrect header check/i.test(error.message)
        ? 'its name ends in .gz but it is not gzip-compressed'
        : `the gzip data is damaged (${error.message})`;
    throw new ImportFileError('postcodes.bad_gzip', `${fileName} is not a readable gzip file: ${detail}. Nothing was imported.`);
  }
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    throw new ImportFileError('postcodes.not_csv', `${fileName} is not a readable CSV file${line ? ` (line ${line})` : ''}: ${error.message}. Nothing was imported.`);
  }
  return error;
}
