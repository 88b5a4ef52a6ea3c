/**
 * Boundary import: ONS ward boundaries (GeoJSON, any `WDyyCD` vintage) → wards, districts, a
 * simplified phone map, saved as one boundary set that becomes the live vintage.
 */
import { gzipSync } from 'node:zlib';
import {
  BoundarySetSchema,
  DistrictCodeSchema,
  ImportFileError,
  VintageSchema,
  WardCodeSchema,
  type BoundarySet,
  type District,
  type ImportProgress,
  type Ward,
  type WardPropertyMapping,
} from '@wardpulse/domain';
import type { Readable } from 'node:stream';
import type { Position } from 'geojson';
import type { Repositories } from '@wardpulse/data';
import { boundaryProgress, isBritishNationalGrid, looksLikeEastingNorthing, reprojectFromBng, streamFeatureCollection, type CollectionHead, type RawFeature, type WardLookup } from './boundary-file.ts';
import { asText, DISTRICT_CODE, DISTRICT_NAME, FeatureFilter, listed } from './feature-filter.ts';
import { buildWardMap, firstPositionOutsideLonLat, geometryProblem, pointInside, type WardGeometry, type WardMapOptions } from './geometry.ts';

export interface BoundaryImportOptions {
  /** `YYYY-MM`; detected from `WDyyCD` (as May of that year) when omitted. */
  vintage?: string;
  /** Property names, when the file does not use ONS `WDyyCD/WDyyNM/LADyyCD/LADyyNM`. */
  wardProperties?: WardPropertyMapping;
  /** The ONS ward → district lookup, for a boundary file with only `WDyyCD/WDyyNM`. */
  lookup?: WardLookup;
  /** The force's districts: only their wards are kept. All the file's districts when omitted (refused past MAX_WARDS_UNCHOSEN wards). */
  districts?: readonly string[];
  /** Where the file came from (its name), recorded on the boundary set. */
  source: string;
  actor: string;
  demo?: boolean;
  map?: WardMapOptions;
  /** The import time; now when omitted. */
  now?: Date;
}

export interface BoundaryReport {
  vintage: string;
  wards: number;
  districts: number;
  /** Ward count by district name. */
  wardsPerDistrict: Record<string, number>;
  /** Size of the simplified map layer (TopoJSON) as stored and as sent gzipped to a phone. */
  mapBytes: number;
  mapGzipBytes: number;
  /** Features in the file, and those left out because their district is not the force's. */
  featuresRead?: number;
  wardsOutsideDistricts?: number;
  /** Set when the file was in British National Grid and was reprojected to WGS84. */
  reprojectedFrom?: 'EPSG:27700';
  /** The ward → district lookup used, when there was one. */
  lookupFile?: string;
}

export interface PreparedBoundaries {
  set: BoundarySet;
  districts: District[];
  wards: Ward[];
  /** TopoJSON text: object `wards`, feature id = ward code. */
  map: string;
  report: BoundaryReport;
}

/** How many problems an error message lists before "and N more". */

const ACCEPTED_CRS = /^(urn:ogc:def:crs:OGC:?1\.3:?:?CRS84|urn:ogc:def:crs:EPSG:?[\d.]*:?4326|EPSG:4326|CRS84|OGC:CRS84)$/i;
const WGS84_ADVICE = 'Export the boundaries as GeoJSON in WGS84 longitude/latitude (EPSG:4326) or British National Grid (EPSG:27700), e.g. in QGIS: Export → Save Features As….';

/** The file's coordinate system: WGS84 (declared or not) or British National Grid (declared). */
function crsOf(crs: unknown): 'wgs84' | 'bng' | 'undeclared' {
  if (crs === undefined || crs === null) return 'undeclared';
  const named = crs as { properties?: { name?: unknown } };
  const name = typeof named.properties?.name === 'string' ? named.properties.name : JSON.stringify(crs);
  if (ACCEPTED_CRS.test(name)) return 'wgs84';
  if (isBritishNationalGrid(name)) return 'bng';
  throw new ImportFileError('boundaries.wrong_crs', `The file's coordinate reference system is ${name}, not WGS84 longitude/latitude or British National Grid. ${WGS84_ADVICE}`);
}

function firstPosition(geometry: unknown): Position | undefined {
  let value = (geometry as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && typeof value[0] === 'number' ? (value as Position) : undefined;
}


function parseText(text: string): { head: CollectionHead; features: RawFeature[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ImportFileError('boundaries.not_json', `The boundary file is not JSON (${(error as Error).message}). Upload the ward boundaries as a GeoJSON file.`);
  }
  const record = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const features = Array.isArray(record.features) ? record.features : undefined;
  // A FeatureCollection without a features array is not one.
  const type = features || record.type !== 'FeatureCollection' ? record.type : 'FeatureCollection without "features"';
  return {
    head: { type, crs: record.crs },
    features: (features ?? []).map((feature, index) => {
      const candidate = feature as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
      if (typeof candidate !== 'object' || candidate === null || candidate.type !== 'Feature') throw new ImportFileError('boundaries.bad_geometry', `Feature ${index} is not a GeoJSON Feature.`);
      const properties = typeof candidate.properties === 'object' && candidate.properties !== null ? (candidate.properties as Record<string, unknown>) : {};
      return { index, properties, geometry: candidate.geometry };
    }),
  };
}

function checkCollection(head: CollectionHead, featuresRead: number): void {
  if (head.type !== 'FeatureCollection') {
    const type = head.type;
    const found = type === 'Topology' ? 'a TopoJSON topology' : typeof type === 'string' ? `a GeoJSON ${type}` : 'JSON without a "type"';
    throw new ImportFileError('boundaries.not_feature_collection', `The boundary file is ${found}, not a GeoJSON FeatureCollection of ward polygons.`);
  }
  if (featuresRead === 0) throw new ImportFileError('boundaries.empty', 'The boundary file has no features: there are no wards to import.');
}

/**
 * Reads and checks a boundary file and builds everything the boundary set stores. Throws
 * ImportFileError naming the first kind of problem found; nothing is stored here.
 * @example
 * const prepared = prepareBoundaries(text, { source: 'wards_wd25_wmp.geojson', actor: 'ada' });
 * prepared.report // { vintage: '2025-05', wards: 192, districts: 7, … }
 */
export function prepareBoundaries(text: string, options: BoundaryImportOptions): PreparedBoundaries {
  const { head, features } = parseText(text);
  checkCollection(head, features.length);
  const bng = crsOf(head.crs);
  const filter = new FeatureFilter(options);
  const kept = features.filter((feature) => filter.keep(feature));
  filter.finish(features.length);
  return prepareFeatures(kept, filter, bng, features.length, options);
}

/**
 * The same as `prepareBoundaries` for a file read as a stream: features outside the chosen
 * districts are dropped as they are read, so a UK-wide file needs memory for the force's wards
 * only (plus the largest single feature).
 */
export async function prepareBoundaryStream(source: Readable, options: BoundaryImportOptions & { totalBytes?: number; onProgress?: (progress: ImportProgress) => void }): Promise<PreparedBoundaries> {
  const filter = new FeatureFilter(options);
  let crs: ReturnType<typeof crsOf> | undefined;
  const streamed = await streamFeatureCollection(
    source,
    (feature, head) => {
      crs ??= crsOf(head.crs);
      return filter.keep(feature);
    },
    (read) => options.onProgress?.(boundaryProgress('reading', read, options.totalBytes)),
  );
  checkCollection(streamed, streamed.featuresRead);
  filter.finish(streamed.featuresRead);
  options.onProgress?.(boundaryProgress('writing', { bytesRead: options.totalBytes ?? 0, featuresRead: streamed.featuresRead, featuresKept: streamed.kept.length }, options.totalBytes, `building the map of ${streamed.kept.length} wards`));
  return prepareFeatures(streamed.kept, filter, crs ?? crsOf(streamed.crs), streamed.featuresRead, options);
}

function prepareFeatures(features: RawFeature[], filter: FeatureFilter, crs: ReturnType<typeof crsOf>, featuresRead: number, options: BoundaryImportOptions): PreparedBoundaries {
  const found = filter.mapping!;
  const mapping = { code: found.code, name: found.name, districtCode: found.districtCode ?? DISTRICT_CODE, districtName: found.districtName ?? DISTRICT_NAME, ...(found.year !== undefined ? { year: found.year } : {}) };

  const vintage = options.vintage ?? (mapping.year !== undefined ? `20${String(mapping.year).padStart(2, '0')}-05` : undefined);
  if (vintage === undefined) throw new ImportFileError('boundaries.no_vintage', 'The boundary vintage could not be detected from the property names; give it, e.g. 2025-05.');
  if (!VintageSchema.safeParse(vintage).success) throw new ImportFileError('boundaries.bad_vintage', `The vintage "${vintage}" is not of the form YYYY-MM, e.g. 2025-05.`);

  const geometryProblems: string[] = [];
  for (const feature of features) {
    const problem = geometryProblem(feature.geometry);
    if (problem) geometryProblems.push(`feature ${feature.index}: ${problem}`);
  }
  if (geometryProblems.length > 0) throw new ImportFileError('boundaries.bad_geometry', `Some ward geometries are not valid polygons: ${listed(geometryProblems)}.`);

  // British National Grid, declared or (every position an easting/northing) not: reprojected.
  const bng = crs === 'bng' || (crs === 'undeclared' && features.length > 0 && features.every((feature) => looksLikeEastingNorthing(firstPosition(feature.geometry) ?? [])));
  if (bng) {
    for (const feature of features) {
      const odd = reprojectFromBng(feature.geometry as WardGeometry);
      if (odd) throw new ImportFileError('boundaries.wrong_crs', `Feature ${feature.index} has the position [${odd.join(', ')}], which is not a British National Grid easting/northing like the rest of the file. ${WGS84_ADVICE}`);
    }
  }
  for (const feature of features) {
    const outside = firstPositionOutsideLonLat(feature.geometry as WardGeometry);
    if (outside) {
      const bng = outside.every((value) => value >= 0 && value <= 1_300_000) ? ' They look like British National Grid eastings/northings (EPSG:27700).' : '';
      throw new ImportFileError(
        'boundaries.wrong_crs',
        `Feature ${feature.index} has the position [${outside.join(', ')}], which is not a longitude/latitude.${bng} ${WGS84_ADVICE}`,
      );
    }
  }

  const rows = features.map((feature) => ({
    index: feature.index,
    code: asText(feature.properties[mapping.code]),
    name: asText(feature.properties[mapping.name]),
    districtCode: asText(feature.properties[mapping.districtCode]),
    districtName: asText(feature.properties[mapping.districtName]),
    geometry: feature.geometry as WardGeometry,
  }));

  const codeProblems: string[] = [];
  for (const row of rows) {
    if (!WardCodeSchema.safeParse(row.code).success) codeProblems.push(`feature ${row.index}: ward code ${JSON.stringify(row.code)} (${mapping.code}) is not an ONS ward code like E05001278`);
    if (!DistrictCodeSchema.safeParse(row.districtCode).success) codeProblems.push(`feature ${row.index}: district code ${JSON.stringify(row.districtCode)} (${mapping.districtCode}) is not an ONS district code like E08000028`);
    if (!row.name) codeProblems.push(`feature ${row.index}: the ward name (${mapping.name}) is empty`);
    if (!row.districtName) codeProblems.push(`feature ${row.index}: the district name (${mapping.districtName}) is empty`);
  }
  if (codeProblems.length > 0) throw new ImportFileError('boundaries.bad_code', `Some features do not carry valid ONS codes and names: ${listed(codeProblems)}.`);

  const firstIndex = new Map<string, number>();
  const duplicates: string[] = [];
  for (const row of rows) {
    const seen = firstIndex.get(row.code);
    if (seen === undefined) firstIndex.set(row.code, row.index);
    else duplicates.push(`${row.code} (features ${seen} and ${row.index})`);
  }
  if (duplicates.length > 0) throw new ImportFileError('boundaries.duplicate_ward', `Some ward codes appear more than once: ${listed(duplicates)}. Each ward must be one feature (use a MultiPolygon for a ward in several parts).`);

  const wards: Ward[] = rows.map((row) => ({
    code: row.code,
    name: row.name,
    districtCode: row.districtCode,
    districtName: row.districtName,
    vintage,
    centroid: pointInside(row.geometry),
  }));
  const byDistrict = new Map<string, District>();
  for (const ward of wards) {
    const district = byDistrict.get(ward.districtCode) ?? { code: ward.districtCode, name: ward.districtName, vintage, wardCount: 0 };
    district.wardCount += 1;
    byDistrict.set(ward.districtCode, district);
  }
  const districts = [...byDistrict.values()].sort((a, b) => a.name.localeCompare(b.name));

  const map = buildWardMap(rows, options.map);
  const mapBytes = Buffer.byteLength(map);
  const set = BoundarySetSchema.parse({
    vintage,
    wardCount: wards.length,
    districtCount: districts.length,
    source: options.source,
    importedAt: (options.now ?? new Date()).toISOString(),
    importedBy: options.actor,
    mapBytes,
    demo: options.demo ?? false,
  });
  return {
    set,
    districts,
    wards,
    map,
    report: {
      vintage,
      wards: wards.length,
      districts: districts.length,
      wardsPerDistrict: Object.fromEntries(districts.map((district) => [district.name, district.wardCount])),
      mapBytes,
      mapGzipBytes: gzipSync(map, { level: 9 }).length,
      featuresRead,
      wardsOutsideDistricts: filter.dropped,
      ...(bng ? { reprojectedFrom: 'EPSG:27700' as const } : {}),
      ...(options.lookup ? { lookupFile: options.lookup.fileName } : {}),
    },
  };
}

/**
 * Checks a boundary file, stores its wards, districts and map, and makes it the live vintage.
 * A bad file throws ImportFileError before anything is written.
 */
export async function importBoundaries(repositories: Pick<Repositories, 'geography'>, text: string, options: BoundaryImportOptions): Promise<BoundaryReport> {
  const prepared = prepareBoundaries(text, options);
  await repositories.geography.saveBoundaries({ set: prepared.set, districts: prepared.districts, wards: prepared.wards, map: prepared.map, makeCurrent: true });
  return prepared.report;
}

/**
 * Imports a boundary file read as a stream (the import job, `pnpm geo:import`): only the chosen
 * districts' wards are kept, and when no districts are chosen those of the live boundaries are
 * (a new May's wards for the same force), unless the live boundaries are the demo geography.
 */
export async function importBoundaryFile(
  repositories: Pick<Repositories, 'geography'>,
  source: Readable,
  options: BoundaryImportOptions & { totalBytes?: number; onProgress?: (progress: ImportProgress) => void },
): Promise<BoundaryReport> {
  const districts = options.districts ?? (await liveDistricts(repositories));
  const prepared = await prepareBoundaryStream(source, { ...options, ...(districts ? { districts } : {}) });
  await repositories.geography.saveBoundaries({ set: prepared.set, districts: prepared.districts, wards: prepared.wards, map: prepared.map, makeCurrent: true });
  return prepared.report;
}

async function liveDistricts({ geography }: Pick<Repositories, 'geography'>): Promise<string[] | undefined> {
  const vintage = await geography.currentVintage();
  if (!vintage) return undefined;
  const set = (await geography.listBoundarySets()).find((s) => s.vintage === vintage);
  if (!set || set.demo) return undefined;
  return (await geography.listDistricts(vintage)).map((d) => d.code);
}
