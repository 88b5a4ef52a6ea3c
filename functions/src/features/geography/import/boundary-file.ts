/**
 * Reading ward boundary files as ONS publishes them: a GeoJSON FeatureCollection streamed one
 * feature at a time (stream-json), so a UK-wide download of hundreds of MB is filtered to the
 * force's wards with memory bounded by the largest single feature; the separate ONS "Ward to
 * Local Authority District" lookup CSV; and British National Grid (EPSG:27700) coordinates
 * reprojected to WGS84 longitude/latitude with proj4.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import proj4 from 'proj4';
import parserStream from 'stream-json';
import pick from 'stream-json/filters/pick.js';
import streamValues from 'stream-json/streamers/stream-values.js';
import { DistrictCodeSchema, ImportFileError, WardCodeSchema, type ImportProgress } from '@wardpulse/domain';
import type { Position } from 'geojson';

/** A feature as read from the file, before any checking. */
export interface RawFeature {
  /** Its position among all the file's features (kept or not), for messages. */
  index: number;
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** The collection's own members (not its features). */
export interface CollectionHead {
  /** The top-level `type`, when the file had one. */
  type: unknown;
  crs: unknown;
}

export interface StreamedCollection extends CollectionHead {
  kept: RawFeature[];
  featuresRead: number;
}

/**
 * Streams a GeoJSON FeatureCollection, handing each feature to `keep` as soon as it is read and
 * holding only those it keeps. Not JSON is an ImportFileError (`boundaries.not_json`).
 */
export async function streamFeatureCollection(
  source: Readable,
  keep: (feature: RawFeature, head: CollectionHead) => boolean,
  onProgress?: (progress: { bytesRead: number; featuresRead: number; featuresKept: number }) => void,
): Promise<StreamedCollection> {
  const head: CollectionHead = { type: undefined, crs: undefined };
  const kept: RawFeature[] = [];
  let featuresRead = 0;
  let bytesRead = 0;
  let last = 0;
  async function* counted(chunks: AsyncIterable<Buffer | string>) {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  // An error thrown inside a pipeline stage reaches the caller as an AbortError: keep our own.
  let failure: ImportFileError | undefined;
  const consume = async (items: AsyncIterable<{ key: number; value: unknown }>) => {
    try {
      await consumeItems(items);
    } catch (error) {
      if (error instanceof ImportFileError) failure ??= error;
      throw error;
    }
  };
  const consumeItems = async (items: AsyncIterable<{ key: number; value: unknown }>) => {
    for await (const { value } of items) {
      const item = value as { type?: unknown; properties?: unknown; geometry?: unknown } | string | null;
      // Values arrive in file order: the top-level "type" (a string), "crs" and each feature.
      if (typeof item === 'string') {
        head.type ??= item;
        continue;
      }
      if (typeof item === 'object' && item !== null && !Array.isArray(item) && item.type !== 'Feature' && !('geometry' in item) && head.crs === undefined) {
        head.crs = item;
        continue;
      }
      if (typeof item !== 'object' || item === null || Array.isArray(item) || item.type !== 'Feature') throw new ImportFileError('boundaries.bad_geometry', `Feature ${featuresRead} is not a GeoJSON Feature.`);
      const properties = typeof item.properties === 'object' && item.properties !== null ? (item.properties as Record<string, unknown>) : {};
      const feature = { index: featuresRead, properties, geometry: item.geometry };
      featuresRead++;
      if (keep(feature, head)) kept.push(feature);
      const now = Date.now();
      if (onProgress && now - last >= 500) {
        last = now;
        onProgress({ bytesRead, featuresRead, featuresKept: kept.length });
      }
    }
  };
  try {
    // Packed values only (no per-chunk string/number tokens): half the tokens, twice the speed.
    await pipeline(source, counted, parserStream({ streamValues: false }), pick.asStream({ filter: /^(type|crs|features\.\d+)$/ }), streamValues.asStream(), consume);
  } catch (error) {
    if (failure) throw failure;
    if (error instanceof ImportFileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/parser|json|token|expected|unexpected/i.test(message)) throw new ImportFileError('boundaries.not_json', `The boundary file is not JSON (${message}). Upload the ward boundaries as a GeoJSON file.`);
    throw error;
  }
  onProgress?.({ bytesRead, featuresRead, featuresKept: kept.length });
  return { ...head, kept, featuresRead };
}

// ------------------------------------------------------------------ ward → district lookup

export interface WardDistrict {
  wardName: string;
  districtCode: string;
  districtName: string;
}

export interface WardLookup {
  /** Two-digit year of its `WDyyCD` column. */
  year: number;
  byWard: Map<string, WardDistrict>;
  fileName: string;
}

/**
 * Reads the ONS "Ward to Local Authority District (May yyyy) Lookup" CSV: `WDyyCD, WDyyNM,
 * LADyyCD, LADyyNM` (any year, any case, other columns ignored). About 9,000 short rows for
 * the UK, so it is read whole.
 */
export function parseWardLookup(text: string, fileName: string): WardLookup {
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new ImportFileError('boundaries.bad_lookup', `${fileName} is not a readable CSV file: ${(error as Error).message}.`);
  }
  const header = (rows[0] ?? []).map((column) => column.trim());
  const find = (pattern: RegExp) => header.findIndex((column) => pattern.test(column));
  const ward = find(/^wd\d{2}cd$/i);
  const yy = ward >= 0 ? header[ward]!.slice(2, 4) : '';
  const wardName = find(new RegExp(`^wd${yy}nm$`, 'i'));
  const district = find(/^lad\d{2}cd$/i);
  const districtName = find(/^lad\d{2}nm$/i);
  if ([ward, wardName, district, districtName].some((index) => index < 0)) {
    const shown = header.length > 12 ? `${header.slice(0, 12).join(', ')}, …` : header.join(', ');
    throw new ImportFileError(
      'boundaries.bad_lookup',
      `${fileName} is not an ONS ward to district lookup: it needs the columns WDyyCD, WDyyNM, LADyyCD and LADyyNM (e.g. WD25CD, WD25NM, LAD25CD, LAD25NM). Found: ${shown || 'no header'}.`,
    );
  }
  const byWard = new Map<string, WardDistrict>();
  const problems: string[] = [];
  for (const [i, row] of rows.slice(1).entries()) {
    const code = (row[ward] ?? '').trim();
    const entry = { wardName: (row[wardName] ?? '').trim(), districtCode: (row[district] ?? '').trim(), districtName: (row[districtName] ?? '').trim() };
    if (!WardCodeSchema.safeParse(code).success || !DistrictCodeSchema.safeParse(entry.districtCode).success || !entry.districtName) {
      if (problems.length < 5) problems.push(`line ${i + 2}`);
      continue;
    }
    byWard.set(code, entry);
  }
  if (problems.length > 0) throw new ImportFileError('boundaries.bad_lookup', `Some rows of ${fileName} do not hold an ONS ward code, district code and district name (${problems.join(', ')}).`);
  if (byWard.size === 0) throw new ImportFileError('boundaries.bad_lookup', `${fileName} has a header but no rows.`);
  return { year: Number(yy), byWard, fileName };
}

// ------------------------------------------------------------------ British National Grid

/** OSGB36 / British National Grid, with the 7-parameter Helmert shift to WGS84 (accurate to a few metres). */
const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const toWgs84 = proj4(BNG, 'WGS84');

/** Whether a declared CRS name is British National Grid. */
export const isBritishNationalGrid = (crsName: string) => /(^|[^\d])27700($|[^\d])/.test(crsName);

/** Whether a position is plausibly an easting/northing in Great Britain (and not a longitude/latitude). */
export const looksLikeEastingNorthing = ([x = Number.NaN, y = Number.NaN]: Position) => (Math.abs(x) > 180 || Math.abs(y) > 90) && x >= -100_000 && x <= 800_000 && y >= 0 && y <= 1_300_000;

/**
 * Reprojects a geometry's positions from British National Grid to WGS84 longitude/latitude, in
 * place (5 decimal places, about a metre). Returns the first position that is not an
 * easting/northing, leaving the rest unchanged, so a file mixing the two is refused.
 */
export function reprojectFromBng(geometry: { type: string; coordinates: Position[][] | Position[][][] }): Position | undefined {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [i, position] of ring.entries()) {
        if (!looksLikeEastingNorthing(position)) return position;
        const [lon, lat] = toWgs84.forward([position[0]!, position[1]!]);
        ring[i] = [Math.round(lon! * 1e5) / 1e5, Math.round(lat! * 1e5) / 1e5];
      }
    }
  }
  return undefined;
}

/** Progress of a boundary import, in the shape the import job records. */
export const boundaryProgress = (phase: ImportProgress['phase'], read: { bytesRead: number; featuresRead: number; featuresKept: number }, totalBytes?: number, message?: string): ImportProgress => ({
  phase,
  rowsRead: read.featuresRead,
  rowsKept: read.featuresKept,
  bytesRead: read.bytesRead,
  ...(totalBytes !== undefined ? { totalBytes } : {}),
  ...(message ? { message } : {}),
});
