import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';

/**
 * Turns the API's ward map (TopoJSON, object `wards`) into SVG path data. Pure, so it runs in
 * unit tests as well as the browser.
 */

export interface MapWard {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  /** SVG path data in the map's viewBox. */
  d: string;
}

export interface MapDistrict {
  code: string;
  name: string;
  wardCount: number;
  /** Index into the palette. */
  colour: number;
}

export interface WardMapLayout {
  width: number;
  height: number;
  wards: MapWard[];
  districts: MapDistrict[];
  /** Path data of the lines between districts and round the force's edge, drawn over the wards. */
  districtBorders: string;
}

type Props = Record<string, unknown> | null;
type WardsTopology = Topology<{ wards: GeometryCollection<Props> }>;

export const MAP_WIDTH = 800;
const PADDING = 12;
const MIN_HEIGHT = 240;
const MAX_HEIGHT = 900;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined);

/** Accepts `{ code, name, districtCode, districtName }` properties or the compact `id` + `{ name, district }`. */
function wardIdentity(object: { id?: string | number | undefined; properties?: Props | undefined }, districtNames: ReadonlyMap<string, string>) {
  const p = object.properties ?? {};
  const code = text(p.code) ?? text(object.id) ?? '';
  const districtCode = text(p.districtCode) ?? text(p.district) ?? '';
  const districtName = text(p.districtName) ?? districtNames.get(districtCode) ?? districtCode;
  return { code, name: text(p.name) ?? code, districtCode, districtName };
}

/**
 * d3-geo draws on the sphere, where a ring's winding says which side is inside: a polygon wound
 * the other way round is "the whole world except this ward". Files differ (RFC 7946 says
 * anticlockwise, d3 expects clockwise), so each polygon is turned round when it covers more
 * than a hemisphere.
 */
export function rewindForD3<G extends Polygon | MultiPolygon>(geometry: G): G {
  const fix = (rings: Position[][]): Position[][] => (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings);
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: fix(geometry.coordinates) };
  return { ...geometry, coordinates: (geometry as MultiPolygon).coordinates.map(fix) };
}

/**
 * Lays out the ward map to fit `MAP_WIDTH` wide, keeping the area's shape. With `only`, just
 * those wards (by code) are drawn and the map zooms to them; when none of them is on the map,
 * every ward is.
 */
export function layoutWardMap(topology: unknown, districtNames: ReadonlyMap<string, string> = new Map(), only?: ReadonlySet<string>): WardMapLayout {
  const topo = topology as WardsTopology;
  const all = topo?.objects?.wards;
  if (topo?.type !== 'Topology' || all?.type !== 'GeometryCollection') throw new Error('The ward map is not a TopoJSON topology with a `wards` object.');
  const kept = only ? all.geometries.filter((geometry) => only.has(wardIdentity(geometry, districtNames).code)) : all.geometries;
  const object: GeometryCollection<Props> = kept.length > 0 && kept.length < all.geometries.length ? { ...all, geometries: kept } : all;

  const collection = feature<Props>(topo, object);
  const features = collection.features
    .filter((f): f is Feature<Polygon | MultiPolygon, Props> => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
    .map((f) => ({ ...f, geometry: rewindForD3(f.geometry) }));
  const fitted = { type: 'FeatureCollection' as const, features };

  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * PADDING, fitted);
  const [[, top], [, bottom]] = geoPath(projection).bounds(fitted);
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, bottom - top + 2 * PADDING)));
  projection.fitExtent(
    [
      [PADDING, PADDING],
      [MAP_WIDTH - PADDING, height - PADDING],
    ],
    fitted,
  );
  const path = geoPath(projection);

  const wards = features
    .map((f): MapWard => ({ ...wardIdentity({ id: f.id, properties: f.properties }, districtNames), d: path(f) ?? '' }))
    .filter((ward) => ward.d !== '')
    .sort((a, b) => a.districtName.localeCompare(b.districtName) || a.name.localeCompare(b.name));

  const byDistrict = new Map<string, MapDistrict>();
  for (const ward of wards) {
    const district = byDistrict.get(ward.districtCode) ?? { code: ward.districtCode, name: ward.districtName, wardCount: 0, colour: byDistrict.size };
    district.wardCount += 1;
    byDistrict.set(ward.districtCode, district);
  }

  const districtOf = (geometry: GeometryObject<Props>) => wardIdentity(geometry, districtNames).districtCode;
  const borders: MultiLineString = mesh(topo, object as GeometryObject, (a, b) => a === b || districtOf(a as GeometryObject<Props>) !== districtOf(b as GeometryObject<Props>));
  return { width: MAP_WIDTH, height, wards, districts: [...byDistrict.values()], districtBorders: path(borders) ?? '' };
}
