/**
 * Boundary import: ONS ward boundaries (GeoJSON, any `WDyyCD` vintage) → wards, districts, a
 * simplified phone map, saved as one boundary set that becomes the live vintage.
 */
import { gzipSync } from 'node:zlib';
import {
  BoundarySetSchema,
  detectWardProperties,
  DistrictCodeSchema,
  ImportFileError,
  VintageSchema,
  WardCodeSchema,
  type BoundarySet,
  type District,
  type Ward,
  type WardPropertyMapping,
} from '@wardpulse/domain';
import type { Repositories } from '@wardpulse/data';
import { buildWardMap, firstPositionOutsideLonLat, geometryProblem, pointInside, type WardGeometry, type WardMapOptions } from './geometry.ts';

export interface BoundaryImportOptions {
  /** `YYYY-MM`; detected from `WDyyCD` (as May of that year) when omitted. */
  vintage?: string;
  /** Property names, when the file does not use ONS `WDyyCD/WDyyNM/LADyyCD/LADyyNM`. */
  wardProperties?: WardPropertyMapping;
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
const LISTED = 8;

function listed(items: readonly string[]): string {
  return items.length <= LISTED ? items.join('; ') : `${items.slice(0, LISTED).join('; ')}; and ${items.length - LISTED} more`;
}

const ACCEPTED_CRS = /^(urn:ogc:def:crs:OGC:?1\.3:?:?CRS84|urn:ogc:def:crs:EPSG:?[\d.]*:?4326|EPSG:4326|CRS84|OGC:CRS84)$/i;
const WGS84_ADVICE = 'Export the boundaries as GeoJSON in WGS84 longitude/latitude (EPSG:4326), e.g. in QGIS: Export → Save Features As… → CRS EPSG:4326.';

function checkCrs(collection: Record<string, unknown>): void {
  const crs = collection.crs as { properties?: { name?: unknown } } | undefined;
  if (crs === undefined || crs === null) return;
  const name = typeof crs.properties?.name === 'string' ? crs.properties.name : JSON.stringify(crs);
  if (ACCEPTED_CRS.test(name)) return;
  const bng = /27700/.test(name) ? ' (British National Grid)' : '';
  throw new ImportFileError('boundaries.wrong_crs', `The file's coordinate reference system is ${name}${bng}, not WGS84 longitude/latitude. ${WGS84_ADVICE}`);
}

/**
 * Reads and checks a boundary file and builds everything the boundary set stores. Throws
 * ImportFileError naming the first kind of problem found; nothing is stored here.
 * @example
 * const prepared = prepareBoundaries(text, { source: 'wards_wd25_wmp.geojson', actor: 'ada' });
 * prepared.report // { vintage: '2025-05', wards: 192, districts: 7, … }
 */
export function prepareBoundaries(text: string, options: BoundaryImportOptions): PreparedBoundaries {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ImportFileError('boundaries.not_json', `The boundary file is not JSON (${(error as Error).message}). Upload the ward boundaries as a GeoJSON file.`);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray((parsed as { features?: unknown }).features)) {
    const type = typeof parsed === 'object' && parsed !== null ? (parsed as { type?: unknown }).type : undefined;
    const found = type === 'Topology' ? 'a TopoJSON topology' : typeof type === 'string' ? `a GeoJSON ${type}` : 'JSON without a "type"';
    throw new ImportFileError('boundaries.not_feature_collection', `The boundary file is ${found}, not a GeoJSON FeatureCollection of ward polygons.`);
  }
  const collection = parsed as Record<string, unknown> & { features: unknown[] };
  if (collection.features.length === 0) throw new ImportFileError('boundaries.empty', 'The boundary file has no features: there are no wards to import.');
  checkCrs(collection);

  const features = collection.features.map((feature, index) => {
    const candidate = feature as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
    if (typeof candidate !== 'object' || candidate === null || candidate.type !== 'Feature') {
      throw new ImportFileError('boundaries.bad_geometry', `Feature ${index} is not a GeoJSON Feature.`);
    }
    const properties = typeof candidate.properties === 'object' && candidate.properties !== null ? (candidate.properties as Record<string, unknown>) : {};
    return { index, properties, geometry: candidate.geometry };
  });

  const mapping = options.wardProperties ?? detectWardProperties(Object.keys(features[0]!.properties));
  if (!mapping) {
    const found = [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))];
    throw new ImportFileError(
      'boundaries.no_ward_properties',
      `No ONS ward properties (WDyyCD, WDyyNM, LADyyCD, LADyyNM) were found. The features have ${found.length > 0 ? `these properties: ${found.join(', ')}` : 'no properties'}. Choose which property holds the ward code, ward name, district code and district name.`,
    );
  }

  const vintage = options.vintage ?? (mapping.year !== undefined ? `20${String(mapping.year).padStart(2, '0')}-05` : undefined);
  if (vintage === undefined) throw new ImportFileError('boundaries.no_vintage', 'The boundary vintage could not be detected from the property names; give it, e.g. 2025-05.');
  if (!VintageSchema.safeParse(vintage).success) throw new ImportFileError('boundaries.bad_vintage', `The vintage "${vintage}" is not of the form YYYY-MM, e.g. 2025-05.`);

  const geometryProblems: string[] = [];
  for (const feature of features) {
    const problem = geometryProblem(feature.geometry);
    if (problem) geometryProblems.push(`feature ${feature.index}: ${problem}`);
  }
  if (geometryProblems.length > 0) throw new ImportFileError('boundaries.bad_geometry', `Some ward geometries are not valid polygons: ${listed(geometryProblems)}.`);

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

  const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
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
