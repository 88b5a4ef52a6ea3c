/**
 * Ward geometry: GeoJSON validation, a label point inside each ward, and the simplified map layer
 * (TopoJSON). Pure functions; the boundary import composes them.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import { quantize } from 'topojson-client';
import type { Objects, Topology } from 'topojson-specification';
import { z } from 'zod';

const PositionSchema = z.array(z.number().refine(Number.isFinite, 'a coordinate is not a finite number')).min(2, 'a position needs two numbers');
const RingSchema = z
  .array(PositionSchema)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => ring.length < 4 || (ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1]), 'a ring is not closed (first and last positions differ)');
const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(RingSchema).min(1, 'a polygon has no rings') });
const MultiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(RingSchema).min(1, 'a polygon has no rings')).min(1, 'a multipolygon has no polygons') });

/** The geometry a ward feature may have. */
export const WardGeometrySchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? `geometry type ${JSON.stringify((issue.input as { type?: unknown } | null)?.type ?? null)} is not Polygon or MultiPolygon` : undefined),
});
export type WardGeometry = Polygon | MultiPolygon;

/** Explains why a geometry is not a ward polygon, or returns null when it is one. */
export function geometryProblem(geometry: unknown): string | null {
  if (geometry === null || geometry === undefined) return 'it has no geometry';
  if (typeof geometry !== 'object' || Array.isArray(geometry)) return 'its geometry is not a GeoJSON geometry object';
  const result = WardGeometrySchema.safeParse(geometry);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const [first, ...rest] = issue.path;
  const where = first === 'coordinates' ? ` (at coordinates${rest.map((part) => `[${String(part)}]`).join('')})` : '';
  return `${issue.message}${where}`;
}

/** The polygons of a ward geometry, as lists of rings. */
export function polygonsOf(geometry: WardGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The first position that is not a longitude/latitude pair, if any. */
export function firstPositionOutsideLonLat(geometry: WardGeometry): Position | undefined {
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const position of ring) {
        const [lon = Number.NaN, lat = Number.NaN] = position;
        if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return position;
      }
    }
  }
  return undefined;
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return sum / 2;
}

function polygonArea(polygon: Position[][]): number {
  const [outer = [], ...holes] = polygon;
  return Math.abs(ringArea(outer)) - holes.reduce((sum, hole) => sum + Math.abs(ringArea(hole)), 0);
}

function insideRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insidePolygon(x: number, y: number, polygon: Position[][]): boolean {
  const [outer = [], ...holes] = polygon;
  return insideRing(x, y, outer) && !holes.some((hole) => insideRing(x, y, hole));
}

/** The midpoint of the widest stretch of the polygon's interior along the line of latitude `y`. */
function widestInteriorMidpoint(polygon: Position[][], y: number): [number, number] | null {
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i]!;
      const [xj = 0, yj = 0] = ring[j]!;
      if (yi > y !== yj > y) crossings.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let widest = 0;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1]! - crossings[i]!;
    if (width > widest) {
      widest = width;
      best = [(crossings[i]! + crossings[i + 1]!) / 2, y];
    }
  }
  return best;
}

/**
 * A point inside the ward for labels and "near me": the area-weighted centroid of its largest
 * polygon when that falls inside (it does for most wards), otherwise the middle of the widest
 * interior stretch along a line of latitude, since a crescent-shaped ward's centroid lies outside it.
 * Planar maths on longitude/latitude is accurate enough at ward scale.
 */
export function pointInside(geometry: WardGeometry): [number, number] {
  const polygons = polygonsOf(geometry);
  const largest = polygons.reduce((best, polygon) => (polygonArea(polygon) > polygonArea(best) ? polygon : best), polygons[0]!);
  const outer = largest[0]!;
  // Area-weighted centroid; rings are normalised so the outer ring counts positive and holes
  // negative whichever way the file winds them.
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const ring of largest) {
    const signed = ringArea(ring);
    const weight = (ring === outer ? 1 : -1) * (Math.sign(signed) || 1);
    area += weight * signed;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i]!;
      const [xj = 0, yj = 0] = ring[j]!;
      const cross = xj * yi - xi * yj;
      mx += weight * (xj + xi) * cross;
      my += weight * (yj + yi) * cross;
    }
  }
  const centroid: [number, number] | null = area > 0 ? [mx / (6 * area), my / (6 * area)] : null;
  if (centroid && insidePolygon(centroid[0], centroid[1], largest)) return round(centroid);
  const ys = outer.map((position) => position[1]!);
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  const candidates = [centroid?.[1], ...[0.5, 0.25, 0.75, 0.1, 0.9, 0.4, 0.6].map((t) => minY + (maxY - minY) * t)];
  for (const y of candidates) {
    if (y === undefined) continue;
    const point = widestInteriorMidpoint(largest, y);
    if (point) return round(point);
  }
  return round(outer[0] as [number, number]);
}

const round = ([x, y]: [number, number] | Position): [number, number] => [Math.round(x! * 1e5) / 1e5, Math.round(y! * 1e5) / 1e5];

const EARTH_RADIUS_METRES = 6_371_008.8;

export interface WardMapOptions {
  /**
   * Points whose effective triangle (Visvalingam) is smaller than this many square metres are
   * dropped; at phone scale a ward edge loses nothing a resident would notice.
   */
  minTriangleSquareMetres?: number;
  /** Grid step of the quantized coordinates, in metres. */
  gridMetres?: number;
}

/** Properties of each ward in the map layer; its `id` is the ward code. */
export interface WardMapProperties {
  name: string;
  /** District code. */
  district: string;
}

export interface WardMapFeature {
  code: string;
  name: string;
  districtCode: string;
  geometry: WardGeometry;
}

/**
 * Builds the phone map layer: one TopoJSON object `wards` whose features have `id` = ward code
 * and properties `{ name, district }`. Shared ward edges are stored once and simplified once, so
 * neighbouring wards never gap or overlap after simplification (unlike simplifying each feature).
 */
export function buildWardMap(features: readonly WardMapFeature[], options: WardMapOptions = {}): string {
  const collection: FeatureCollection<WardGeometry, WardMapProperties> = {
    type: 'FeatureCollection',
    features: features.map((ward): Feature<WardGeometry, WardMapProperties> => ({
      type: 'Feature',
      id: ward.code,
      properties: { name: ward.name, district: ward.districtCode },
      geometry: ward.geometry,
    })),
  };
  // The @types packages disagree on property typing (nullable vs not); ours always has properties.
  const full = topology({ wards: collection }) as unknown as Topology<Objects<WardMapProperties>>;
  const weighted = presimplify(full, sphericalTriangleArea);
  keepArcsRecognisable(weighted);
  const minWeight = (options.minTriangleSquareMetres ?? 5_000) / EARTH_RADIUS_METRES ** 2;
  const simplified = simplify(weighted, minWeight);
  return JSON.stringify(quantize(simplified, gridTransform(simplified, options.gridMetres ?? 10)));
}

/**
 * Simplification keeps every arc's end points, so a ring made of one or two arcs could collapse
 * to a line. Keeping each arc's most significant interior point (two for a closed arc) leaves
 * every ring at least a triangle.
 */
function keepArcsRecognisable(topology: { arcs: unknown[] }): void {
  for (const arc of topology.arcs as number[][][]) {
    const first = arc[0]!;
    const last = arc.at(-1)!;
    const keep = first[0] === last[0] && first[1] === last[1] ? 2 : 1;
    const interior = arc.slice(1, -1).sort((a, b) => b[2]! - a[2]!);
    for (const point of interior.slice(0, keep)) point[2] = Number.POSITIVE_INFINITY;
  }
}

/** A quantization grid of roughly `metres` per step over the topology's bounding box. */
function gridTransform(topology: Pick<Topology, 'bbox'>, metres: number) {
  const [x0 = 0, y0 = 0] = topology.bbox ?? [];
  const degreesLat = metres / ((Math.PI / 180) * EARTH_RADIUS_METRES);
  const degreesLon = degreesLat / Math.cos((y0 * Math.PI) / 180);
  return { scale: [degreesLon, degreesLat] as [number, number], translate: [x0, y0] as [number, number] };
}
