import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { SurveyResults } from '@wardpulse/domain';
import { prepareBoundaries } from '../geography/import/index.ts';
import { geojsonStream } from './geojson.ts';
import { sampleResults } from './test-support.ts';

// Sandwell's 24 wards (ONS, May 2025), read in place from the shared reference data.
const SANDWELL = readFileSync(new URL('../../../../../shared/data/geography/wards_wd25_E08000028.geojson', import.meta.url), 'utf8');
const prepared = prepareBoundaries(SANDWELL, { source: 'wards_wd25_E08000028.geojson', actor: 'test' });

type Collection = FeatureCollection<Polygon | MultiPolygon> & { name: string; metadata: Record<string, unknown> };

async function collectionOf(results: SurveyResults, areas = new Map<string, string[]>()): Promise<Collection> {
  const seen: number[] = [];
  const text = Buffer.concat(await geojsonStream({ results, map: prepared.map, vintage: '2025-05', areas, name: 'your-priorities-results-ward' }, (n) => seen.push(n)).toArray()).toString('utf8');
  const collection = JSON.parse(text) as Collection;
  expect(seen).toEqual(collection.features.map((_, i) => i + 1));
  return collection;
}

const rings = (geometry: Polygon | MultiPolygon): Position[][][] => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

/** Twice the signed area (positive = anticlockwise). */
const signedArea = (ring: Position[]) => ring.reduce((sum, [x = 0, y = 0], i) => {
  const [px = 0, py = 0] = ring[(i + ring.length - 1) % ring.length]!;
  return sum + (px * y - x * py);
}, 0);

/** Planar area in square degrees: enough to compare a dissolved area with its parts. */
const area = (geometry: Polygon | MultiPolygon) => rings(geometry).reduce((sum, [outer = [], ...holes]) => sum + signedArea(outer) / 2 + holes.reduce((h, hole) => h + signedArea(hole) / 2, 0), 0);

function expectRfc7946(feature: Feature<Polygon | MultiPolygon>) {
  expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
  for (const polygon of rings(feature.geometry)) {
    polygon.forEach((ring, index) => {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring.at(-1));
      // Exterior rings anticlockwise, holes clockwise (RFC 7946 §3.1.6).
      expect(Math.sign(signedArea(ring))).toBe(index === 0 ? 1 : -1);
      // WGS 84 longitude/latitude around Sandwell, not British National Grid metres.
      for (const [lon = 0, lat = 0] of ring) {
        expect(lon).toBeGreaterThan(-2.2);
        expect(lon).toBeLessThan(-1.8);
        expect(lat).toBeGreaterThan(52.4);
        expect(lat).toBeLessThan(52.6);
      }
    });
  }
}

describe('the GeoJSON results export', () => {
  it('is a FeatureCollection of the wards with boundaries, with no crs member, naming what was left out', async () => {
    const collection = await collectionOf(sampleResults());

    expect(collection.type).toBe('FeatureCollection');
    expect(collection.name).toBe('your-priorities-results-ward');
    expect('crs' in collection).toBe(false);
    expect(collection.features.map((f) => [f.id, f.properties?.name])).toEqual([
      ['E05001260', 'Abbey'],
      ['E05001261', 'Blackheath'],
    ]);
    expect(collection.metadata).toMatchObject({ survey_id: 'survey-1', boundary_vintage: '2025-05', disclosure_threshold: 10, units_without_boundary: ['none'] });
    for (const feature of collection.features) expectRfc7946(feature);
  });

  it('puts each figure in flat properties; a withheld one is null with status suppressed, never 0', async () => {
    const [abbey, blackheath] = (await collectionOf(sampleResults())).features;

    expect(abbey?.properties).toMatchObject({
      level: 'ward',
      code: 'E05001260',
      parent_code: 'E08000028',
      respondents: 120,
      respondents_status: 'shown',
      safe__n: 110,
      safe__very_safe_share: 0.4,
      safe__very_safe_lower: 0.313457,
      safe__very_safe_upper: 0.4945,
      safe__very_safe_status: 'shown',
      safe__very_unsafe_share: null,
      safe__very_unsafe_status: 'suppressed',
      safe__top_two_share: 0.727273,
      safe__mean_value: 2.9,
      safe__mean_status: 'shown',
      priorities__drugs_share: null,
      priorities__drugs_status: 'empty',
      comments__sentiment_positive_share: 0.5,
    });
    expect(blackheath?.properties).toMatchObject({ respondents: null, respondents_status: 'suppressed', safe__n: null, safe__very_safe_share: null, safe__very_safe_lower: null, safe__very_safe_status: 'suppressed' });
    expect(Object.values(blackheath?.properties ?? {})).not.toContain(0);
  });

  it('dissolves a district, an area and the force from their wards', async () => {
    const unit = (level: 'district' | 'area' | 'force', code: string, name: string) => ({ level, code, name, parentCode: null, respondents: { status: 'shown' as const, n: 50 } });
    const results = sampleResults({
      level: 'district',
      units: [unit('district', 'E08000028', 'Sandwell'), unit('area', 'west', 'West (Impact Area)'), unit('force', 'force', 'Whole force')],
    });

    const collection = await collectionOf(results, new Map([['west', ['E05001260', 'E05001261']]]));
    const wards = (await collectionOf(sampleResults())).features;

    expect(collection.features.map((f) => f.id)).toEqual(['E08000028', 'west', 'force']);
    for (const feature of collection.features) expectRfc7946(feature);
    const [sandwell, west, force] = collection.features;
    // Dissolving removes inner edges: Sandwell is one or a few polygons, not 24 wards' worth.
    expect(rings(sandwell!.geometry).length).toBeLessThan(5);
    // The area covers exactly its wards, and here the district is the whole force.
    expect(area(west!.geometry)).toBeCloseTo(area(wards[0]!.geometry) + area(wards[1]!.geometry), 8);
    expect(force!.geometry).toEqual(sandwell!.geometry);
  });
});
