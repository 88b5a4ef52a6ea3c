import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { layoutWardMap, rewindForD3 } from './map-data.ts';

/** Two square wards side by side in one district and a third in another, as the API sends them. */
function topology() {
  return {
    type: 'Topology',
    arcs: [
      [[0, 0], [0, 1]],
      [[0, 1], [1, 1], [1, 0], [0, 0]],
      [[0, 0], [-1, 0], [-1, 1], [0, 1]],
      [[1, 0], [2, 0], [2, 1], [1, 1]],
      [[1, 1], [1, 0]],
    ],
    objects: {
      wards: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', id: 'E05000001', properties: { name: 'East', district: 'E08000001' }, arcs: [[0, 1]] },
          { type: 'Polygon', id: 'E05000002', properties: { name: 'West', district: 'E08000001' }, arcs: [[2, -1]] },
          { type: 'Polygon', properties: { code: 'E05000003', name: 'Far East', districtCode: 'E08000002', districtName: 'Beyond' }, arcs: [[3, 4]] },
        ],
      },
    },
  };
}

describe('ward map layout', () => {
  it('draws every ward, named and grouped by district, inside the map', () => {
    const layout = layoutWardMap(topology(), new Map([['E08000001', 'Middle']]));

    expect(layout.wards.map((ward) => [ward.name, ward.code, ward.districtName])).toEqual([
      ['Far East', 'E05000003', 'Beyond'],
      ['East', 'E05000001', 'Middle'],
      ['West', 'E05000002', 'Middle'],
    ]);
    expect(layout.districts).toEqual([
      { code: 'E08000002', name: 'Beyond', wardCount: 1, colour: 0 },
      { code: 'E08000001', name: 'Middle', wardCount: 2, colour: 1 },
    ]);
    const numbers = layout.wards.flatMap((ward) => ward.d.match(/-?\d+(\.\d+)?/g)!.map(Number));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(layout.width);
    expect(layout.districtBorders).not.toBe('');
  });

  it('draws only the wards asked for, zoomed to fill the map, and every ward when none of them is on it', () => {
    const all = layoutWardMap(topology());

    const east = layoutWardMap(topology(), new Map(), new Set(['E05000001', 'E05000002']));
    const nowhere = layoutWardMap(topology(), new Map(), new Set(['E05999999']));

    expect(east.wards.map((ward) => ward.code)).toEqual(['E05000001', 'E05000002']);
    expect(east.districts).toEqual([{ code: 'E08000001', name: 'E08000001', wardCount: 2, colour: 0 }]);
    expect(east.height).toBeGreaterThan(all.height);
    expect(nowhere.wards).toHaveLength(3);
  });

  it('turns round a ward wound "inside out" so it is not drawn as the whole world', () => {
    const anticlockwise: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const clockwise: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]] };

    expect(rewindForD3(anticlockwise).coordinates[0]).toEqual(clockwise.coordinates[0]);
    expect(rewindForD3(clockwise)).toEqual(clockwise);
  });

  it('refuses something that is not a ward topology', () => {
    expect(() => layoutWardMap({ type: 'FeatureCollection', features: [] })).toThrow(/TopoJSON/);
  });
});
