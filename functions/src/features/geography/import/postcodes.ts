/**
 * Postcode import: an ONS postcode lookup (NSPL/ONSPD CSV, optionally gzipped, up to millions of
 * rows) → the force's postcodes and partial-postcode candidates. Streamed in two passes.
 */
import type { Readable } from 'node:stream';
import {
  detectPostcodeColumns,
  ImportFileError,
  normalisePostcode,
  postcodeParts,
  vintageFromColumn,
  VintageSchema,
  WardCodeSchema,
  type ImportOptions,
  type ImportProgress,
  type PostcodeColumnMapping,
  type PostcodeImportReport,
  type Ward,
} from '@wardpulse/domain';
import type { CandidateRecord, PostcodeRecord, Repositories } from '@wardpulse/data';
import { looksBinary, Progress, readRecords } from './lookup-file.ts';

export { isGzip } from './lookup-file.ts';

export interface PostcodeImportInput {
  repositories: Pick<Repositories, 'geography'>;
  /** Opens the raw file (gzipped or not) from the start; called once per pass. */
  open: () => Readable;
  fileName: string;
  /** Size of the raw file, for percentages. */
  totalBytes?: number;
  options: ImportOptions;
  /** Who asked for the import. The import job records it; postcode items carry no author. */
  actor: string;
  /** Called at most about twice a second while reading and writing, and once when done. */
  onProgress?: (progress: ImportProgress) => void;
  /** Postcodes per repository write (default 500). */
  batchSize?: number;
  /** Repository writes in flight at once (default 4; each writes 25-item batches 8 at a time). */
  writeConcurrency?: number;
}

export interface PostcodeImportResult extends PostcodeImportReport {
  fileName: string;
  columns: PostcodeColumnMapping;
  /** Rows kept per district of the force, largest first. */
  rowsByDistrict: { code: string; name: string; rows: number }[];
  /** Partial-postcode → ward candidate items written (districts `B66` and sectors `B66 1`). */
  candidates: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The vintage a file name implies: `nspl_aug2024…` / `ONSPD_NOV_2025_UK.csv` / `…2024-08…`.
 * @example
 * lookupVintageFromFileName('nspl_aug2024_pc_ward_sandwell.csv') // '2024-08'
 */
export function lookupVintageFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const named = /(?:^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[_\- ]?(20\d{2})(?!\d)/i.exec(base);
  if (named) return `${named[2]}-${String(MONTHS.indexOf(named[1]!.toLowerCase()) + 1).padStart(2, '0')}`;
  const numeric = /(?:^|\D)(20\d{2})[-_](0[1-9]|1[0-2])(?!\d)/.exec(base);
  return numeric ? `${numeric[1]}-${numeric[2]}` : undefined;
}


interface Columns {
  mapping: PostcodeColumnMapping;
  postcode: number;
  ward: number;
  district: number;
  terminated: number;
}

function resolveColumns(header: string[], options: ImportOptions): Columns {
  const mapping = options.postcodeColumns ?? detectPostcodeColumns(header);
  const lower = header.map((column) => column.trim().toLowerCase());
  const at = (name: string | undefined) => (name === undefined ? -1 : lower.indexOf(name.trim().toLowerCase()));
  const shown = header.length > 12 ? `${header.slice(0, 12).join(', ')}, … (${header.length} columns)` : header.join(', ');
  if (!mapping) {
    throw new ImportFileError(
      'postcodes.missing_columns',
      `The header has no postcode column and ward column. Found: ${shown}. Looked for a postcode column (pcds, pcd, pcd7, pcd8 or postcode) and a ward column (wdyycd such as wd24cd, osward, or ward_code).`,
    );
  }
  const columns = { mapping, postcode: at(mapping.postcode), ward: at(mapping.ward), district: at(mapping.district), terminated: at(mapping.terminated) };
  const missing = [
    ...(columns.postcode < 0 ? [mapping.postcode] : []),
    ...(columns.ward < 0 ? [mapping.ward] : []),
    ...(mapping.district && columns.district < 0 ? [mapping.district] : []),
    ...(mapping.terminated && columns.terminated < 0 ? [mapping.terminated] : []),
  ];
  if (missing.length > 0) throw new ImportFileError('postcodes.missing_columns', `The header has no column ${missing.join(', ')}. Found: ${shown}.`);
  return columns;
}


interface Force {
  vintage: string;
  wardsByCode: Map<string, Ward>;
  districtNames: Map<string, string>;
}

type Row =
  | { kind: 'outside'; district?: string; ward: string }
  | { kind: 'invalid' }
  | { kind: 'kept'; record: PostcodeRecord; ward: Ward | undefined; districtCode: string | undefined };

function classify(fields: string[], columns: Columns, force: Force, lookupVintage: string): Row {
  const ward = (fields[columns.ward] ?? '').trim();
  const district = columns.district >= 0 ? (fields[columns.district] ?? '').trim() : undefined;
  if (district !== undefined ? !force.districtNames.has(district) : !force.wardsByCode.has(ward)) return { kind: 'outside', ward, ...(district !== undefined ? { district } : {}) };
  const postcode = normalisePostcode(fields[columns.postcode] ?? '');
  if (!postcode || !WardCodeSchema.safeParse(ward).success) return { kind: 'invalid' };
  const known = force.wardsByCode.get(ward);
  const districtCode = district ?? known?.districtCode;
  const terminated = columns.terminated >= 0 && (fields[columns.terminated] ?? '').trim() !== '';
  return { kind: 'kept', ward: known, districtCode, record: { postcode, wardCode: ward, lookupVintage, terminated, ...(districtCode ? { districtCode } : {}) } };
}




/** Runs at most `limit` writes at once; `add` waits for a free slot, `drain` for all. */
class WriteQueue {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly limit: number) {}

  async add(write: () => Promise<void>): Promise<void> {
    while (this.pending.size >= this.limit) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
    const promise: Promise<void> = write()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}

const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

function noMatchingRowsMessage(fileName: string, force: Force, fileDistricts: Map<string, number>, fileWards: Map<string, number>, rowsRead: number): string {
  const forceDistricts = [...force.districtNames].map(([code, name]) => `${name} (${code})`).join(', ');
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([code, rows]) => `${code || '(blank)'}: ${rows.toLocaleString('en-GB')} rows`)
      .join(', ');
  if (fileDistricts.size > 0) {
    return `None of the ${rowsRead.toLocaleString('en-GB')} rows of ${fileName} is in the force's districts. The file covers ${fileDistricts.size} district${fileDistricts.size === 1 ? '' : 's'} (${top(fileDistricts)}${fileDistricts.size > 10 ? ', …' : ''}); the force's boundaries (${force.vintage}) cover ${forceDistricts}. Upload the lookup for the force's area, or import the boundaries that match it first. Nothing was imported.`;
  }
  return `None of the ${rowsRead.toLocaleString('en-GB')} rows of ${fileName} has a ward code in the force's ${force.wardsByCode.size} wards (boundaries ${force.vintage}: ${forceDistricts}). The file's ward codes include ${top(fileWards)}. If the lookup uses another ward vintage, include its district column (ladyycd) so rows are matched by district. Nothing was imported.`;
}

/**
 * Imports a postcode lookup for the force's districts in two passes, so a bad file changes
 * nothing: pass 1 reads and checks the whole file (gzip, header, rows, which rows belong to the
 * force) and counts partial-postcode candidates; pass 2 writes the kept rows in batches, then the
 * candidates. Puts are idempotent: importing the same file again changes nothing.
 * Memory stays bounded: rows are streamed and only per-ward/per-sector counts are held.
 * @example
 * await importPostcodes({ repositories, open: () => createReadStream(path), fileName: 'nspl_aug2024.csv.gz', options: {}, actor: 'ada' });
 */
export async function importPostcodes(input: PostcodeImportInput): Promise<PostcodeImportResult> {
  const started = Date.now();
  const { geography } = input.repositories;
  const vintage = await geography.currentVintage();
  if (!vintage) throw new ImportFileError('postcodes.no_boundaries', 'Import the ward boundaries before the postcode lookup: postcodes are matched to the force by its districts and wards.');
  const wards = await geography.listWards(vintage);
  const force: Force = { vintage, wardsByCode: new Map(wards.map((ward) => [ward.code, ward])), districtNames: new Map(wards.map((ward) => [ward.districtCode, ward.districtName])) };
  const progress = new Progress(input.onProgress, input.totalBytes);

  // Pass 1: read and check everything; store nothing.
  let columns: Columns | undefined;
  let lookupVintage = '';
  let rowsOutsideForce = 0;
  let rowsInvalid = 0;
  let terminatedKept = 0;
  const keptByDistrict = new Map<string, number>();
  const notInBoundaries = new Map<string, number>();
  const fileDistricts = new Map<string, number>();
  const fileWards = new Map<string, number>();
  const candidates = new Map<string, Map<string, number>>();
  progress.start('reading');
  await readRecords(input.open, input.fileName, progress, (fields) => {
    if (!columns) {
      if (looksBinary(fields)) throw new ImportFileError('postcodes.not_csv', `${input.fileName} is not a text CSV file (is it a spreadsheet or a zip?). Export or unzip the lookup as CSV.`);
      columns = resolveColumns(fields, input.options);
      const resolved = input.options.lookupVintage ?? vintageFromColumn(columns.mapping.ward) ?? lookupVintageFromFileName(input.fileName);
      if (!resolved || !VintageSchema.safeParse(resolved).success) {
        throw new ImportFileError('postcodes.no_lookup_vintage', `Which release is ${input.fileName}? It could not be told from the ward column (${columns.mapping.ward}) or the file name; give the lookup vintage, e.g. 2024-08 for NSPL August 2024.`);
      }
      lookupVintage = resolved;
      return;
    }
    progress.rowsRead += 1;
    const row = classify(fields, columns, force, lookupVintage);
    if (row.kind === 'outside') {
      rowsOutsideForce += 1;
      if (row.district !== undefined) {
        if (fileDistricts.size < 1_000 || fileDistricts.has(row.district)) count(fileDistricts, row.district);
      } else if (fileWards.size < 1_000 || fileWards.has(row.ward)) count(fileWards, row.ward);
    } else if (row.kind === 'invalid') {
      rowsInvalid += 1;
    } else {
      progress.rowsKept += 1;
      if (row.districtCode) count(keptByDistrict, row.districtCode);
      if (!row.ward) count(notInBoundaries, row.record.wardCode);
      if (row.record.terminated) {
        // Residents type live postcodes: terminated ones would skew the candidate shares.
        terminatedKept += 1;
      } else {
        const { district, sector } = postcodeParts(row.record.postcode);
        for (const partial of [district, sector]) {
          const byWard = candidates.get(partial) ?? new Map<string, number>();
          count(byWard, row.record.wardCode);
          candidates.set(partial, byWard);
        }
      }
    }
    if ((progress.rowsRead & 1023) === 0) progress.emit();
  });
  progress.emit(true);
  if (!columns) throw new ImportFileError('postcodes.not_csv', `${input.fileName} has no header row.`);
  const rowsRead = progress.rowsRead;
  const rowsKept = progress.rowsKept;
  if (rowsKept === 0) {
    throw new ImportFileError(
      'postcodes.no_matching_rows',
      rowsRead === 0 ? `${input.fileName} has a header but no rows. Nothing was imported.` : noMatchingRowsMessage(input.fileName, force, fileDistricts, fileWards, rowsRead),
    );
  }

  // Pass 2: write the kept rows, then the candidates.
  const batchSize = input.batchSize ?? 500;
  const queue = new WriteQueue(input.writeConcurrency ?? 4);
  let batch: PostcodeRecord[] = [];
  const flush = async () => {
    const records = batch;
    batch = [];
    await queue.add(async () => {
      await geography.putPostcodes(records, force.wardsByCode);
      progress.rowsKept += records.length;
      progress.emit();
    });
  };
  progress.start('writing');
  const checked = columns;
  let written = 0;
  let header = true;
  await readRecords(input.open, input.fileName, progress, async (fields) => {
    if (header) {
      header = false;
      return;
    }
    progress.rowsRead += 1;
    if ((progress.rowsRead & 1023) === 0) progress.emit();
    const row = classify(fields, checked, force, lookupVintage);
    if (row.kind !== 'kept') return;
    written += 1;
    batch.push(row.record);
    if (batch.length >= batchSize) await flush();
  });
  if (batch.length > 0) await flush();
  await queue.drain();
  if (written !== rowsKept) throw new Error(`${input.fileName} changed while it was being imported (${rowsKept} rows to keep on the first read, ${written} on the second); import it again.`);

  const candidateRecords: CandidateRecord[] = [...candidates].flatMap(([partial, byWard]) => [...byWard].map(([wardCode, postcodes]) => ({ partial, wardCode, postcodes })));
  progress.emit(true, `writing ${candidateRecords.length} partial-postcode candidates`);
  await geography.putCandidates(candidateRecords);

  const result: PostcodeImportResult = {
    fileName: input.fileName,
    columns: checked.mapping,
    lookupVintage,
    boundaryVintage: vintage,
    rowsRead,
    rowsKept,
    rowsOutsideForce,
    terminatedKept,
    wardCodesNotInBoundaries: [...notInBoundaries].map(([wardCode, rows]) => ({ wardCode, rows })).sort((a, b) => b.rows - a.rows || a.wardCode.localeCompare(b.wardCode)),
    rowsInvalid,
    rowsByDistrict: [...keptByDistrict].map(([code, rows]) => ({ code, name: force.districtNames.get(code) ?? code, rows })).sort((a, b) => b.rows - a.rows),
    candidates: candidateRecords.length,
    seconds: (Date.now() - started) / 1000,
  };
  input.onProgress?.({ phase: 'done', rowsRead, rowsKept, bytesRead: progress.bytesRead, ...(input.totalBytes !== undefined ? { totalBytes: input.totalBytes } : {}) });
  return result;
}
