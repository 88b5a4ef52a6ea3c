/**
 * The results map export: an RFC 7946 GeoJSON FeatureCollection, one feature per unit with its
 * figures as flat properties (`<question>__<option>_share`, `_lower`, `_upper`, `_status`…), for
 * QGIS and other GIS tools. Geometry comes from the stored simplified ward map (TopoJSON in
 * longitude/latitude, WGS 84): wards as they are; districts, Impact Areas / NPTs and the force
 * dissolved from their wards with TopoJSON's `merge`, which joins shared edges exactly. Features
 * are written one at a time.
 */
import { Readable } from 'node:stream';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { ResultUnit, SurveyResults } from '@wardpulse/domain';
import { measuresOf, resultsMetadata, round } from './results.ts';
import type { RowCounter } from './table.ts';

type WardObject = (TopoPolygon<{ district?: string }> | TopoMultiPolygon<{ district?: string }>) & { id?: string | number };

export interface GeoJsonExportInput {
  results: SurveyResults;
  /** The ward map layer (TopoJSON text with a `wards` object whose ids are ward codes). */
  map: string;
  /** The vintage of that map. */
  vintage: string;
  /** Area id → its ward codes, for area-level results. */
  areas: ReadonlyMap<string, readonly string[]>;
  /** What GIS tools call the layer. */
  name: string;
}

/** Coordinates to 6 decimal places (about 0.1 m): the map is already simplified to ~10 m. */
const roundPosition = (position: Position): Position => [round(position[0]!), round(position[1]!)];

/** Twice the signed area of a ring (positive when anticlockwise in longitude/latitude). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return sum;
}

/** RFC 7946 §3.1.6: exterior rings anticlockwise, holes clockwise. */
function rewind(polygon: Position[][]): Position[][] {
  return polygon.map((ring, index) => {
    const rounded = ring.map(roundPosition);
    const anticlockwise = signedArea(rounded) > 0;
    return (index === 0) === anticlockwise ? rounded : rounded.reverse();
  });
}

function normalise(geometry: Geometry): Polygon | MultiPolygon | null {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rewind(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') {
    const polygons = geometry.coordinates.filter((polygon) => polygon.length > 0).map(rewind);
    return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
  }
  return null;
}

/** Finds each unit's geometry in the ward map; null for "no location" and units the map lacks. */
function geometryFinder(input: GeoJsonExportInput) {
  const topology = JSON.parse(input.map) as Topology<{ wards: GeometryCollection<{ district?: string }> }>;
  const wards = (topology.objects.wards?.geometries ?? []) as WardObject[];
  const byCode = new Map(wards.filter((ward) => ward.id !== undefined).map((ward) => [String(ward.id), ward]));
  const dissolve = (parts: WardObject[]) => (parts.length > 0 ? normalise(merge(topology, parts)) : null);
  return (unit: ResultUnit): Polygon | MultiPolygon | null => {
    switch (unit.level) {
      case 'ward': {
        const ward = byCode.get(unit.code);
        return ward ? normalise((feature(topology, ward) as Feature).geometry) : null;
      }
      case 'district':
        return dissolve(wards.filter((ward) => ward.properties?.district === unit.code));
      case 'area':
        return dissolve((input.areas.get(unit.code) ?? []).flatMap((code) => byCode.get(code) ?? []));
      case 'force':
        return unit.code === 'none' ? null : dissolve(wards);
    }
  };
}

function properties(results: SurveyResults, unit: ResultUnit): Record<string, string | number | null> {
  const props: Record<string, string | number | null> = {
    level: unit.level,
    code: unit.code,
    name: unit.name,
    parent_code: unit.parentCode,
    respondents: unit.respondents.status === 'shown' ? unit.respondents.n : null,
    respondents_status: unit.respondents.status,
  };
  for (const question of results.questions) {
    const figures = question.units[unit.code];
    props[`${question.id}__n`] = figures?.base.status === 'shown' ? figures.base.n : null;
    for (const m of measuresOf(question, figures)) {
      const cell = m.cell;
      const shown = cell.status === 'shown';
      const value = m.measure === 'mean' ? 'value' : 'share';
      props[`${m.stem}_${value}`] = shown ? round('share' in cell ? cell.share : cell.mean) : null;
      props[`${m.stem}_lower`] = shown ? round(cell.lower) : null;
      props[`${m.stem}_upper`] = shown ? round(cell.upper) : null;
      props[`${m.stem}_status`] = cell.status;
    }
  }
  return props;
}

/**
 * Streams the FeatureCollection. Units with no boundary in the map ("no location given", or a
 * ward of another vintage) are left out and listed in the collection's `metadata` member.
 */
export function geojsonStream(input: GeoJsonExportInput, onRows?: RowCounter): Readable {
  const { results } = input;
  const geometryOf = geometryFinder(input);
  async function* chunks(): AsyncGenerator<string> {
    const located: [ResultUnit, Polygon | MultiPolygon][] = [];
    const unmapped: string[] = [];
    for (const unit of results.units) {
      const geometry = geometryOf(unit);
      if (geometry) located.push([unit, geometry]);
      else unmapped.push(unit.code);
    }
    const metadata = {
      ...resultsMetadata(results),
      boundary_vintage: input.vintage,
      disclosure_rule: results.disclosure.description,
      units_without_boundary: unmapped,
      properties: '<question>__<option>_share|_lower|_upper|_status; _status is shown, suppressed (withheld by disclosure control; figures null, never 0) or empty (nobody answered). Means: <question>__mean_value.',
    };
    yield `{"type":"FeatureCollection","name":${JSON.stringify(input.name)},"metadata":${JSON.stringify(metadata)},"features":[\n`;
    let count = 0;
    for (const [unit, geometry] of located) {
      const featureJson = JSON.stringify({ type: 'Feature', id: unit.code, properties: properties(results, unit), geometry });
      yield `${count === 0 ? '' : ',\n'}${featureJson}`;
      onRows?.(++count);
    }
    yield '\n]}\n';
  }
  return Readable.from(chunks(), { objectMode: false });
}
