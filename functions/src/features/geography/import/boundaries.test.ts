import { describe, expect, it } from 'vitest';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { prepareBoundaries } from './boundaries.ts';
import { importError } from './test-support.ts';

type Ring = [number, number][];

/** A lon/lat square `size` degrees wide with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, size = 0.01): Ring => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

const ward = (code: string, name: string, district: [string, string], ring: Ring, year = '24') => ({
  type: 'Feature',
  properties: { [`WD${year}CD`]: code, [`WD${year}NM`]: name, [`LAD${year}CD`]: district[0], [`LAD${year}NM`]: district[1] },
  geometry: { type: 'Polygon', coordinates: [ring] },
});

const SANDWELL: [string, string] = ['E08000028', 'Sandwell'];
const DUDLEY: [string, string] = ['E08000027', 'Dudley'];

/** Two neighbouring squares in Sandwell and one in Dudley. */
const threeWards = () => ({
  type: 'FeatureCollection',
  features: [ward('E05001260', 'Abbey', SANDWELL, square(-2, 52.5)), ward('E05001261', 'Blackheath', SANDWELL, square(-1.99, 52.5)), ward('E05001200', 'Amblecote', DUDLEY, square(-2.2, 52.45))],
});

const options = { source: 'test.geojson', actor: 'ada', now: new Date('2025-06-01T10:00:00.000Z') };

describe('prepareBoundaries', () => {
  it('reads ONS wards of any vintage into wards, districts, a boundary set and a report', () => {
    const prepared = prepareBoundaries(JSON.stringify(threeWards()), options);

    expect(prepared.report).toMatchObject({ vintage: '2024-05', wards: 3, districts: 2, wardsPerDistrict: { Sandwell: 2, Dudley: 1 } });
    expect(prepared.wards.map((w) => [w.code, w.name, w.districtCode, w.vintage])).toEqual([
      ['E05001260', 'Abbey', 'E08000028', '2024-05'],
      ['E05001261', 'Blackheath', 'E08000028', '2024-05'],
      ['E05001200', 'Amblecote', 'E08000027', '2024-05'],
    ]);
    expect(prepared.districts).toEqual([
      { code: 'E08000027', name: 'Dudley', vintage: '2024-05', wardCount: 1 },
      { code: 'E08000028', name: 'Sandwell', vintage: '2024-05', wardCount: 2 },
    ]);
    expect(prepared.set).toEqual({
      vintage: '2024-05',
      wardCount: 3,
      districtCount: 2,
      source: 'test.geojson',
      importedAt: '2025-06-01T10:00:00.000Z',
      importedBy: 'ada',
      mapBytes: prepared.report.mapBytes,
      demo: false,
    });
    expect(prepared.report.mapGzipBytes).toBeGreaterThan(0);
  });

  it('uses the vintage given rather than the one in the property names', () => {
    const prepared = prepareBoundaries(JSON.stringify(threeWards()), { ...options, vintage: '2026-05' });

    expect(prepared.report.vintage).toBe('2026-05');
    expect(prepared.wards.every((w) => w.vintage === '2026-05')).toBe(true);
  });

  it('uses explicit property names for a file that is not ONS-style, and then needs the vintage', () => {
    const file = threeWards();
    for (const f of file.features) {
      const p = f.properties as Record<string, string>;
      f.properties = { code: p.WD24CD!, label: p.WD24NM!, lad: p.LAD24CD!, lad_name: p.LAD24NM! };
    }
    const wardProperties = { code: 'code', name: 'label', districtCode: 'lad', districtName: 'lad_name' };

    const prepared = prepareBoundaries(JSON.stringify(file), { ...options, wardProperties, vintage: '2025-05' });
    const missingVintage = importError(() => prepareBoundaries(JSON.stringify(file), { ...options, wardProperties }));

    expect(prepared.wards.map((w) => w.name)).toEqual(['Abbey', 'Blackheath', 'Amblecote']);
    expect(missingVintage.code).toBe('boundaries.no_vintage');
  });

  it('puts each ward centroid inside the ward, even for a U-shaped ward whose centre of mass is outside it', () => {
    const u: Ring = [
      [0, 0],
      [0.03, 0],
      [0.03, 0.03],
      [0.02, 0.03],
      [0.02, 0.01],
      [0.01, 0.01],
      [0.01, 0.03],
      [0, 0.03],
      [0, 0],
    ].map(([x, y]) => [x! - 2, y! + 52.5] as [number, number]);
    const file = { type: 'FeatureCollection', features: [ward('E05001260', 'Abbey', SANDWELL, u)] };

    const [x, y] = prepareBoundaries(JSON.stringify(file), options).wards[0]!.centroid!;

    const [ux, uy] = [x + 2, y - 52.5];
    const inBase = uy > 0 && uy < 0.01 && ux > 0 && ux < 0.03;
    const inArm = uy >= 0.01 && uy < 0.03 && ((ux > 0 && ux < 0.01) || (ux > 0.02 && ux < 0.03));
    expect(inBase || inArm).toBe(true);
  });

  it('places the centroid of a ward around an enclave in the ward, and keeps the enclave on the map', () => {
    const outer = square(-2, 52.5, 0.03);
    // A small enclave (about 35 m by 55 m) in the middle: simplification alone would flatten it.
    const hole = square(-1.98525, 52.51475, 0.0005);
    const around = { ...ward('E05001260', 'Abbey', SANDWELL, outer), geometry: { type: 'Polygon', coordinates: [outer, [...hole].reverse()] } };
    const enclave = ward('E05001261', 'Blackheath', SANDWELL, hole);
    const file = { type: 'FeatureCollection', features: [around, enclave] };

    const prepared = prepareBoundaries(JSON.stringify(file), options);

    const [x, y] = prepared.wards[0]!.centroid!;
    const inHole = x >= -1.98525 && x <= -1.98475 && y >= 52.51475 && y <= 52.51525;
    expect(inHole).toBe(false);
    expect(x > -2 && x < -1.97 && y > 52.5 && y < 52.53).toBe(true);
    const topology = JSON.parse(prepared.map) as Topology<{ wards: GeometryCollection }>;
    const enclaveShape = feature(topology, topology.objects.wards).features[1]!.geometry as { type: 'Polygon'; coordinates: number[][][] };
    expect(new Set(enclaveShape.coordinates[0]!.map((p) => p.join(','))).size).toBeGreaterThanOrEqual(3);
  });

  it('stores the map as a topology in which neighbouring wards share their edge', () => {
    const prepared = prepareBoundaries(JSON.stringify(threeWards()), options);

    const topology = JSON.parse(prepared.map) as Topology<{ wards: GeometryCollection<{ name: string; district: string }> }>;
    const wards = topology.objects.wards;
    const features = feature(topology, wards).features;
    const adjacency = neighbors(wards.geometries);
    expect(features.map((f) => [f.id, f.properties?.name, f.properties?.district])).toEqual([
      ['E05001260', 'Abbey', 'E08000028'],
      ['E05001261', 'Blackheath', 'E08000028'],
      ['E05001200', 'Amblecote', 'E08000027'],
    ]);
    expect(adjacency).toEqual([[1], [0], []]);
    expect(topology.transform).toBeDefined();
  });

  it('drops the points of a finely drawn edge that a phone map cannot show', () => {
    // A ward whose southern edge is drawn with 2,000 points wobbling by about a metre.
    const edge: Ring = Array.from({ length: 2_000 }, (_, i) => [-2 + (0.02 * i) / 1_999, 52.5 + (i % 2) * 0.00001] as [number, number]);
    const ring: Ring = [...edge, [-1.98, 52.52], [-2, 52.52], edge[0]!];
    const file = { type: 'FeatureCollection', features: [ward('E05001260', 'Abbey', SANDWELL, ring)] };

    const topology = JSON.parse(prepareBoundaries(JSON.stringify(file), options).map) as Topology;

    const points = topology.arcs.reduce((sum, arc) => sum + arc.length, 0);
    expect(points).toBeLessThan(10);
  });

  it.each([
    ['text that is not JSON', '{"type": "FeatureCollection", ', 'boundaries.not_json', 'not JSON'],
    ['a TopoJSON topology', JSON.stringify({ type: 'Topology', objects: {}, arcs: [] }), 'boundaries.not_feature_collection', 'TopoJSON'],
    ['a single feature', JSON.stringify(threeWards().features[0]), 'boundaries.not_feature_collection', 'GeoJSON Feature'],
    ['no features', JSON.stringify({ type: 'FeatureCollection', features: [] }), 'boundaries.empty', 'no features'],
  ])('refuses %s', (_name, text, code, fragment) => {
    const error = importError(() => prepareBoundaries(text, options));

    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
  });

  it('lists the property names it found when none is an ONS ward property', () => {
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 1, label: 'Abbey' }, geometry: { type: 'Polygon', coordinates: [square(-2, 52.5)] } }] };

    const error = importError(() => prepareBoundaries(JSON.stringify(file), options));

    expect(error.code).toBe('boundaries.no_ward_properties');
    expect(error.message).toContain('id, label');
  });

  it('refuses a file declared British National Grid that holds longitude/latitude, or that mixes the two', () => {
    const declared = { ...threeWards(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } } };
    const undeclared = threeWards();
    undeclared.features[1]!.geometry.coordinates = [square(401_000, 288_000, 500)];

    const declaredError = importError(() => prepareBoundaries(JSON.stringify(declared), options));
    const undeclaredError = importError(() => prepareBoundaries(JSON.stringify(undeclared), options));

    expect(declaredError.code).toBe('boundaries.wrong_crs');
    expect(declaredError.message).toContain('British National Grid');
    expect(undeclaredError.code).toBe('boundaries.wrong_crs');
    expect(undeclaredError.message).toMatch(/Feature 1 .*British National Grid.*WGS84/);
  });

  it('reprojects a file all in British National Grid, declared or not, to longitude/latitude', () => {
    const undeclared = threeWards();
    for (const [i, feature] of undeclared.features.entries()) feature.geometry.coordinates = [square(401_000 + 1_000 * i, 288_000, 500)];
    const declared = { ...structuredClone(undeclared), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } } };

    for (const file of [undeclared, declared]) {
      const { report, wards } = prepareBoundaries(JSON.stringify(file), options);
      expect(report).toMatchObject({ wards: 3, reprojectedFrom: 'EPSG:27700' });
      // 401,000 E 288,000 N is near Wednesbury: about 1.99° W, 52.48° N.
      for (const ward of wards) {
        expect(ward.centroid![0]).toBeCloseTo(-1.98, 1);
        expect(ward.centroid![1]).toBeCloseTo(52.48, 1);
      }
    }
  });

  it('accepts a file that declares CRS84', () => {
    const file = { ...threeWards(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } };

    expect(prepareBoundaries(JSON.stringify(file), options).report.wards).toBe(3);
  });

  it('names the feature and the reason for a geometry that is not a polygon', () => {
    const point = threeWards();
    (point.features[1]!.geometry as { type: string; coordinates: unknown }) = { type: 'Point', coordinates: [-2, 52.5] };
    const open = threeWards();
    open.features[2]!.geometry.coordinates = [square(-2.2, 52.45).slice(0, 4)];

    const pointError = importError(() => prepareBoundaries(JSON.stringify(point), options));
    const openError = importError(() => prepareBoundaries(JSON.stringify(open), options));

    expect(pointError.code).toBe('boundaries.bad_geometry');
    expect(pointError.message).toContain('feature 1: geometry type "Point" is not Polygon or MultiPolygon');
    expect(openError.code).toBe('boundaries.bad_geometry');
    expect(openError.message).toContain('feature 2: a ring is not closed');
  });

  it('names the features whose codes are not ONS codes', () => {
    const file = threeWards();
    (file.features[2]!.properties as Record<string, string>).WD24CD = 'W123';

    const error = importError(() => prepareBoundaries(JSON.stringify(file), options));

    expect(error.code).toBe('boundaries.bad_code');
    expect(error.message).toContain('feature 2: ward code "W123"');
  });

  it('refuses a ward that appears twice', () => {
    const file = threeWards();
    (file.features[2]!.properties as Record<string, string>).WD24CD = 'E05001260';

    const error = importError(() => prepareBoundaries(JSON.stringify(file), options));

    expect(error.code).toBe('boundaries.duplicate_ward');
    expect(error.message).toContain('E05001260 (features 0 and 2)');
  });
});
