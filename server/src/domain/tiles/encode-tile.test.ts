import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeTileLayer } from './encode-tile';

function decode(bytes: Uint8Array) {
  return new VectorTile(new PbfReader(bytes));
}

describe('encodeTileLayer', () => {
  it('writes one layer that a standard decoder reads back: name, extent, version, features', () => {
    const bytes = encodeTileLayer('eaje', [
      {
        geometry: { type: 1, geometry: [[100, 200]] },
        properties: { id: 7, name: 'Crèche des Tilleuls', places: 40, approximate: false },
      },
      {
        geometry: { type: 1, geometry: [[4000, 10]] },
        properties: { id: 8, name: 'Micro-crèche', places: 10, approximate: true },
      },
    ]);
    const tile = decode(bytes);
    expect(Object.keys(tile.layers)).toEqual(['eaje']);
    const layer = tile.layers.eaje;
    expect(layer.extent).toBe(4096);
    expect(layer.version).toBe(2);
    expect(layer.length).toBe(2);
    const first = layer.feature(0);
    expect(first.type).toBe(1);
    expect(first.properties).toEqual({
      id: 7,
      name: 'Crèche des Tilleuls',
      places: 40,
      approximate: false,
    });
    expect(first.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]))).toEqual([[[100, 200]]]);
  });

  it('leaves null properties out, keeps fractions as numbers', () => {
    const tile = decode(
      encodeTileLayer('communes', [
        {
          geometry: {
            type: 3,
            geometry: [
              [
                [0, 0],
                [0, 10],
                [10, 10],
                [10, 0],
                [0, 0],
              ],
            ],
          },
          properties: {
            code: '18001',
            coverage_rate: 62.5,
            children_under3: null,
            small_population: false,
          },
        },
      ]),
    );
    const f = tile.layers.communes.feature(0);
    expect(f.properties).toEqual({ code: '18001', coverage_rate: 62.5, small_population: false });
    expect(f.type).toBe(3);
    // The closing vertex is implicit in MVT (ClosePath); decoders give it back.
    expect(f.loadGeometry()[0].map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [0, 10],
      [10, 10],
      [10, 0],
      [0, 0],
    ]);
  });

  it('lines keep their vertices in order', () => {
    const tile = decode(
      encodeTileLayer('roads', [
        {
          geometry: {
            type: 2,
            geometry: [
              [
                [-64, 5],
                [2000, 5],
                [4160, 900],
              ],
            ],
          },
          properties: { road_class: 'nationale', speed_kmh: 80, oneway: false },
        },
      ]),
    );
    const f = tile.layers.roads.feature(0);
    expect(f.type).toBe(2);
    expect(f.loadGeometry()[0].map((p) => [p.x, p.y])).toEqual([
      [-64, 5],
      [2000, 5],
      [4160, 900],
    ]);
  });

  it('no features gives no bytes at all, as ST_AsMVT over no rows', () => {
    expect(encodeTileLayer('mam', [])).toEqual(new Uint8Array(0));
  });
});
