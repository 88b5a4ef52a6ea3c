/**
 * Reading an ONS lookup file for the postcode import: the NSPL/ONSPD ZIP as ONS publishes it
 * (streamed with fflate; the CSV under `Data/`, or its multi-part area CSVs), a gzipped CSV or a
 * bare one; CSV records one at a time with back-pressure, progress at most twice a second, and
 * file problems as ImportFileErrors.
 */
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { Unzip, UnzipInflate } from 'fflate';
import { ImportFileError, type ImportProgress } from '@wardpulse/domain';

const PROGRESS_INTERVAL_MS = 500;

/** A record longer than this is not a postcode lookup row (a JSON file, a binary file). */
const MAX_RECORD_BYTES = 1 << 20;

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** True when the bytes start with a ZIP local file header. */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * Which of a ZIP's entries hold the lookup: ONS puts the whole-UK CSV in `Data/` and the same rows
 * again split by area in `Data/multi_csv/`, so one of the two is read, whichever comes first.
 * Any other CSV (not documentation) counts when there is no `Data/` folder.
 */
type EntryKind = 'data' | 'parts' | 'other';
function entryKind(name: string): EntryKind | undefined {
  if (!/\.csv$/i.test(name) || name.endsWith('/')) return undefined;
  const parts = name.split('/');
  const data = parts.findIndex((part) => part.toLowerCase() === 'data');
  if (data >= 0) return parts.length - data === 2 ? 'data' : 'parts';
  if (parts.some((part) => /^(documents?|user ?guide)$/i.test(part))) return undefined;
  return 'other';
}

/** What a ZIP held and which of its entries were read, for the report and messages. */
export interface ZipEntries {
  seen: string[];
  read: string[];
}

const LF = new Uint8Array([0x0a]);
const CRLF = new Uint8Array([0x0d, 0x0a]);

/**
 * The CSV bytes inside a ZIP, streamed: entries are inflated as their compressed bytes arrive
 * (memory bounded by one chunk), the chosen entries are joined, and every part after the first
 * loses its header row (which must be the same as the first part's).
 */
async function* unzipLookup(source: AsyncIterable<Uint8Array>, fileName: string, entries: ZipEntries): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: unknown;
  let chosen: EntryKind | undefined;
  let firstHeader: string | undefined;
  // The first part's line ending: csv-parse takes the first one it meets as the record delimiter.
  let eol = LF;
  const unzip = new Unzip((file) => {
    entries.seen.push(file.name);
    const kind = entryKind(file.name);
    if (!kind || (chosen !== undefined && kind !== chosen) || failure) return;
    if (file.compression !== 0 && file.compression !== 8) {
      failure = new ImportFileError('postcodes.bad_zip', `${file.name} in ${fileName} is compressed with method ${file.compression}${file.compression === 9 ? ' (Deflate64)' : ''}, which WardPulse cannot read. Unzip it and upload the CSV (or a .csv.gz) instead.`);
      return;
    }
    chosen = kind;
    entries.read.push(file.name);
    const first = firstHeader === undefined;
    let head: Uint8Array | null = new Uint8Array(0); // bytes before the first newline, until it is found
    let last = 0x0a;
    file.ondata = (error, data, final) => {
      if (error) {
        failure ??= error;
        return;
      }
      let rest = data;
      if (head) {
        const joined = new Uint8Array(head.length + data.length);
        joined.set(head);
        joined.set(data, head.length);
        const newline = joined.indexOf(0x0a);
        if (newline < 0 && !final) {
          head = joined;
          return;
        }
        const end = newline < 0 ? joined.length : newline + 1;
        const header = Buffer.from(joined.subarray(0, end)).toString('utf8').replace(/^\uFEFF/, '').trim();
        head = null;
        if (first) {
          firstHeader = header;
          if (newline > 0 && joined[newline - 1] === 0x0d) eol = CRLF;
          rest = joined;
        } else {
          if (header !== firstHeader) failure ??= new ImportFileError('postcodes.not_csv', `${file.name} in ${fileName} has other columns than ${entries.read[0]}: the parts of a lookup must share one header.`);
          rest = joined.subarray(end);
        }
      }
      if (rest.length > 0) {
        out.push(rest);
        last = rest[rest.length - 1]!;
      }
      // Each part ends its last row, so the next part's first row is not joined to it.
      if (final && last !== 0x0a) out.push(eol);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const fail = (error: unknown): never => {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('postcodes.bad_zip', `${fileName} is not a readable ZIP file: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`);
  };
  for await (const chunk of source) {
    try {
      unzip.push(chunk);
    } catch (error) {
      fail(error);
    }
    if (failure) fail(failure);
    while (out.length > 0) yield out.shift()!;
  }
  try {
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    fail(error);
  }
  if (failure) fail(failure);
  while (out.length > 0) yield out.shift()!;
  if (entries.read.length === 0) {
    const shown = entries.seen.length > 10 ? `${entries.seen.slice(0, 10).join(', ')}, …` : entries.seen.join(', ');
    throw new ImportFileError('postcodes.no_csv_in_zip', `${fileName} holds no lookup CSV (looked for the CSV in its Data folder). It holds: ${shown || 'nothing'}. Nothing was imported.`);
  }
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
export async function readRecords(open: () => Readable, fileName: string, progress: Progress, onRecord: (fields: string[]) => void | Promise<void>, zipEntries: ZipEntries = { seen: [], read: [] }): Promise<void> {
  const raw = open();
  let failure: unknown;
  try {
    const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await chunks.next();
    if (first.done || first.value.length === 0) throw new ImportFileError('postcodes.not_csv', `${fileName} is empty.`);
    const head = first.value;
    const zipped = isZip(head);
    const gzipped = !zipped && (isGzip(head) || /\.gz$/i.test(fileName));
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
    if (zipped) await pipeline(source, (chunks: AsyncIterable<Uint8Array>) => unzipLookup(chunks, fileName, zipEntries), parser, consume);
    else if (gzipped) await pipeline(source, createGunzip(), parser, consume);
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
