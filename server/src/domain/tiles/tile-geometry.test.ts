import { describe, expect, it } from 'vitest';
import type { TileId } from './tile-id';
import { ringArea2, toTileGeometry, type Geometry3857 } from './tile-geometry';
import { tileBounds3857, tileSpan_m } from './web-mercator';

// Fixtures are written in tile units (0..4096, y down) and turned into EPSG:3857 metres for
// the tile below, so that each case reads as what it should become.
const tile: TileId = { z: 8, x: 129, y: 90 };
const { west_m, north_m } = tileBounds3857(tile);
const unit_m = tileSpan_m(tile.z) / 4096;
const m = ([px, py]: number[]): number[] => [west_m + px * unit_m, north_m - py * unit_m];
const ringM = (ring: number[][]) => ring.map(m);

describe('toTileGeometry: EPSG:3857 geometry into tile coordinates', () => {
  it('a square drawn counter-clockwise on the map (GeoJSON) becomes a clockwise exterior ring in tile units', () => {
    // Counter-clockwise with y up = south-west, south-east, north-east, north-west.
    const square: Geometry3857 = {
      type: 'Polygon',
      coordinates: [
        ringM([
          [100, 200],
          [300, 200],
          [300, 100],
          [100, 100],
          [100, 200],
        ]),
      ],
    };
    const out = toTileGeometry(square, 'polygon', tile);
    expect(out).toEqual({
      type: 3,
      geometry: [
        [
          [100, 200],
          [100, 100],
          [300, 100],
          [300, 200],
          [100, 200],
        ],
      ],
    });
    expect(ringArea2(out!.geometry[0] as [number, number][])).toBeGreaterThan(0);
  });

  it('keeps a hole after its exterior, with a negative area, whatever the input orientation', () => {
    const withHole: Geometry3857 = {
      type: 'Polygon',
      coordinates: [
        ringM([
          [0, 0],
          [1000, 0],
          [1000, 1000],
          [0, 1000],
          [0, 0],
        ]),
        ringM([
          [400, 400],
          [600, 400],
          [600, 600],
          [400, 600],
          [400, 400],
        ]),
      ],
    };
    const out = toTileGeometry(withHole, 'polygon', tile)!;
    expect(out.type).toBe(3);
    const [exterior, hole] = out.geometry as [number, number][][];
    expect(ringArea2(exterior)).toBe(2 * 1000 * 1000);
    expect(ringArea2(hole)).toBe(-2 * 200 * 200);
  });

  it('rounds to whole tile units and drops the vertices that then repeat', () => {
    const jittery: Geometry3857 = {
      type: 'Polygon',
      coordinates: [
        ringM([
          [10, 10],
          [10.2, 10.1],
          [50.4, 10],
          [50, 49.6],
          [10, 50],
          [10, 10],
        ]),
      ],
    };
    const out = toTileGeometry(jittery, 'polygon', tile)!;
    // Right then down in tile units (y down) is clockwise on screen: already an exterior ring.
    expect(out.geometry).toEqual([
      [
        [10, 10],
        [50, 10],
        [50, 50],
        [10, 50],
        [10, 10],
      ],
    ]);
  });

  it('drops a polygon that collapses below one tile unit, and its holes with it', () => {
    const speck: Geometry3857 = {
      type: 'MultiPolygon',
      coordinates: [
        [
          ringM([
            [20, 20],
            [20.3, 20],
            [20.3, 20.3],
            [20, 20.3],
            [20, 20],
          ]),
          ringM([
            [20.1, 20.1],
            [20.2, 20.1],
            [20.2, 20.2],
            [20.1, 20.1],
          ]),
        ],
        [
          ringM([
            [0, 0],
            [8, 0],
            [8, 8],
            [0, 8],
            [0, 0],
          ]),
        ],
      ],
    };
    const out = toTileGeometry(speck, 'polygon', tile)!;
    expect(out.geometry).toHaveLength(1);
    expect(
      toTileGeometry(
        {
          type: 'Polygon',
          coordinates: [
            ringM([
              [5, 5],
              [5.2, 5],
              [5.2, 5.2],
              [5, 5],
            ]),
          ],
        },
        'polygon',
        tile,
      ),
    ).toBeNull();
  });

  it('a ring flattened to a line (zero area) is dropped', () => {
    const flat: Geometry3857 = {
      type: 'Polygon',
      coordinates: [
        ringM([
          [0, 0],
          [100, 0],
          [200, 0.2],
          [0, 0],
        ]),
      ],
    };
    expect(toTileGeometry(flat, 'polygon', tile)).toBeNull();
  });

  it('keeps only the parts of the layer dimension from a clipping by-product collection', () => {
    const mixed: Geometry3857 = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'LineString', coordinates: [m([0, 0]), m([0, 100])] },
        {
          type: 'Polygon',
          coordinates: [
            ringM([
              [0, 0],
              [100, 0],
              [100, 100],
              [0, 100],
              [0, 0],
            ]),
          ],
        },
      ],
    };
    const out = toTileGeometry(mixed, 'polygon', tile)!;
    expect(out.type).toBe(3);
    expect(out.geometry).toHaveLength(1);
  });

  it('lines: projected, repeated vertices dropped, a line shrunk to one point dropped', () => {
    const lines: Geometry3857 = {
      type: 'MultiLineString',
      coordinates: [
        [m([-64, 2048]), m([1000, 2048]), m([1000.3, 2048.2]), m([4160, 2048])],
        [m([7, 7]), m([7.2, 7.1])],
      ],
    };
    expect(toTileGeometry(lines, 'line', tile)).toEqual({
      type: 2,
      geometry: [
        [
          [-64, 2048],
          [1000, 2048],
          [4160, 2048],
        ],
      ],
    });
  });

  it('points: y grows southwards; points beyond the 64-unit buffer are dropped', () => {
    const points: Geometry3857 = {
      type: 'MultiPoint',
      coordinates: [m([10, 20]), m([-64, 4160]), m([-65, 10]), m([10, 4200])],
    };
    expect(toTileGeometry(points, 'point', tile)).toEqual({
      type: 1,
      geometry: [
        [10, 20],
        [-64, 4160],
      ],
    });
    const northOfTile = [west_m + 10 * unit_m, north_m + 30 * unit_m];
    expect(toTileGeometry({ type: 'Point', coordinates: northOfTile }, 'point', tile)).toEqual({
      type: 1,
      geometry: [[10, -30]],
    });
    expect(toTileGeometry({ type: 'Point', coordinates: m([5000, 10]) }, 'point', tile)).toBeNull();
  });
});
