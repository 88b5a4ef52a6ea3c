import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { DistrictCodeSchema, VintageSchema } from './geography.ts';

/**
 * Recognising ONS files whatever their vintage or layout. Pure: the import pipeline (Node
 * streams) and the console's column-mapping form (browser) both use these rules.
 */

export interface WardPropertyMapping {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  /** Two-digit year from `WDyyCD`, when detected. */
  year?: number;
}

/** Finds `WDyyCD/WDyyNM/LADyyCD/LADyyNM` (any year, any case) among a feature's properties. */
export function detectWardProperties(keys: readonly string[]): WardPropertyMapping | null {
  const find = (pattern: RegExp) => keys.find((key) => pattern.test(key));
  const code = find(/^wd\d{2}cd$/i);
  if (!code) return null;
  const yy = code.slice(2, 4);
  const name = find(new RegExp(`^wd${yy}nm$`, 'i'));
  const districtCode = find(new RegExp(`^lad${yy}cd$`, 'i')) ?? find(/^lad\d{2}cd$/i);
  const districtName = find(new RegExp(`^lad${yy}nm$`, 'i')) ?? find(/^lad\d{2}nm$/i);
  if (!name || !districtCode || !districtName) return null;
  return { code, name, districtCode, districtName, year: Number(yy) };
}

/** Finds only `WDyyCD/WDyyNM` (any year, any case): enough when a ward → district lookup comes with the file. */
export function detectWardCodeProperties(keys: readonly string[]): { code: string; name: string; year: number } | null {
  const code = keys.find((key) => /^wd\d{2}cd$/i.test(key));
  if (!code) return null;
  const yy = code.slice(2, 4);
  const name = keys.find((key) => new RegExp(`^wd${yy}nm$`, 'i').test(key));
  return name ? { code, name, year: Number(yy) } : null;
}

export const WardPropertyMappingSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  districtCode: z.string().min(1),
  districtName: z.string().min(1),
});

export interface PostcodeColumnMapping {
  postcode: string;
  ward: string;
  district?: string;
  terminated?: string;
}

/**
 * Picks the columns of an NSPL/ONSPD-style header: postcode (`pcds` preferred over `pcd`,
 * `pcd7`, `pcd8`), ward (`wdyycd`, ONSPD's `osward`, NSPL's `ward`, `ward_code`), district
 * (`ladyycd`, `oslaua`, `laua`, `lad_code`) and termination date (`doterm`).
 */
export function detectPostcodeColumns(header: readonly string[]): PostcodeColumnMapping | null {
  const lower = header.map((h) => h.trim().toLowerCase());
  const pick = (...patterns: RegExp[]) => {
    for (const pattern of patterns) {
      const index = lower.findIndex((h) => pattern.test(h));
      if (index >= 0) return header[index]!.trim();
    }
    return undefined;
  };
  const postcode = pick(/^pcds$/, /^pcd$/, /^pcd7$/, /^pcd8$/, /^postcode$/);
  const ward = pick(/^wd\d{2}cd$/, /^osward$/, /^ward$/, /^ward_?code$/);
  if (!postcode || !ward) return null;
  const district = pick(/^lad\d{2}cd$/, /^oslaua$/, /^laua$/, /^lad_?code$/);
  const terminated = pick(/^doterm$/);
  return { postcode, ward, ...(district ? { district } : {}), ...(terminated ? { terminated } : {}) };
}

/** The vintage a lookup's ward column implies: `wd24cd` → `2024-05` (ONS ward vintages are May). */
export function vintageFromColumn(column: string): string | undefined {
  const match = /^wd(\d{2})cd$/i.exec(column);
  return match ? `20${match[1]}-05` : undefined;
}

/** What an import job reports, step by step, to the console and the CLI. */
export const ImportProgressSchema = z.object({
  phase: z.enum(['queued', 'reading', 'writing', 'done', 'failed']),
  rowsRead: z.number().int().min(0),
  rowsKept: z.number().int().min(0),
  bytesRead: z.number().int().min(0),
  totalBytes: z.number().int().min(0).optional(),
  rowsPerSecond: z.number().min(0).optional(),
  message: z.string().optional(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

export const PostcodeImportReportSchema = z.object({
  lookupVintage: VintageSchema,
  boundaryVintage: VintageSchema,
  rowsRead: z.number().int(),
  /** Rows whose district (or ward) belongs to the force; these are stored. */
  rowsKept: z.number().int(),
  rowsOutsideForce: z.number().int(),
  terminatedKept: z.number().int(),
  /** Kept rows whose ward code is not in the boundary vintage, by code: the vintage mismatch. */
  wardCodesNotInBoundaries: z.array(z.object({ wardCode: z.string(), rows: z.number().int() })),
  rowsInvalid: z.number().int(),
  seconds: z.number(),
});
export type PostcodeImportReport = z.infer<typeof PostcodeImportReportSchema>;

export const ImportKindSchema = z.enum(['boundaries', 'postcodes', 'areas']);
export type ImportKind = z.infer<typeof ImportKindSchema>;

export const ImportStatusSchema = z.enum(['awaiting-upload', 'queued', 'running', 'succeeded', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

/** Options an administrator can give an import; anything omitted is detected from the file. */
export const ImportOptionsSchema = z
  .object({
    /** Boundary vintage, e.g. `2026-05`; detected from `WDyyCD` when omitted. */
    vintage: VintageSchema.optional(),
    /** Postcode lookup vintage, e.g. `2024-08` for NSPL August 2024. */
    lookupVintage: VintageSchema.optional(),
    /** Explicit GeoJSON property names when they are not ONS-style. */
    wardProperties: WardPropertyMappingSchema.optional(),
    /** Explicit CSV column names when they are not NSPL/ONSPD-style. */
    postcodeColumns: z.object({ postcode: z.string().min(1), ward: z.string().min(1), district: z.string().min(1).optional(), terminated: z.string().min(1).optional() }).optional(),
    /** For boundaries: the force's districts (ONS LAD codes); only their wards are kept. The live boundaries' districts when omitted. */
    districts: z.array(DistrictCodeSchema).min(1).max(100).optional(),
    /** For boundaries: the ONS ward → district lookup CSV uploaded with the boundary file (needed when the file has no LADyyCD/LADyyNM). */
    lookupFile: z.object({ fileName: z.string().trim().min(1).max(255), fileBytes: z.number().int().min(1).max(64 * 1024 ** 2, 'A ward to district lookup is under 1 MB; files up to 64 MB are accepted.') }).strict().optional(),
    /** For areas: Impact Areas or Neighbourhood Policing Teams. */
    areaKind: z.enum(['impact-area', 'npt']).optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

export const ImportJobSchema = z.object({
  id: z.string().min(1),
  kind: ImportKindSchema,
  status: ImportStatusSchema,
  fileName: z.string().min(1).max(255),
  options: ImportOptionsSchema,
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  progress: ImportProgressSchema,
  /** The import's report (counts, mismatches) once it has finished. */
  report: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** A bad import file: the message names the problem; nothing already stored was changed. */
export class ImportFileError extends ValidationError {
  constructor(code: string, message: string) {
    super(message, undefined, code);
  }
}
