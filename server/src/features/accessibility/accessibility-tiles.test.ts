import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { tileContaining } from '../../domain/tiles/tile-id';
import { loadAccessTerritory, YEAR } from './test/territory';

interface CellFeature {
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

/**
 * The tile layer `accessibility` on the hand-computed territory of test/territory.ts: its cells
 * carry the figures GET /api/accessibility/cells answers (A_a = A_b = 66.7; c's childminder is
 * withheld from the public, so 0), in both database modes, and follow the data's version.
 */
describe(`tile layer accessibility (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadAccessTerritory(db.knex);
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const cellsAnswer = async (): Promise<CellFeature[]> => {
    const res = await fetch(`${server.baseUrl}/api/accessibility/cells`);
    expect(res.status).toBe(200);
    return (await res.json()).features;
  };

  /** Every feature of the tiles (zoom z) holding the cells' centroids, decoded, by id. */
  async function tileFeatures(cells: CellFeature[], z: number, query = '') {
    const tiles = new Map<string, { x: number; y: number }>();
    for (const c of cells) {
      const ring = c.geometry.coordinates[0];
      const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      const t = tileContaining([lon, lat], z);
      tiles.set(`${t.x}/${t.y}`, t);
    }
    const found = new Map<string, { properties: Record<string, unknown>; bbox: number[] }>();
    const statuses: number[] = [];
    for (const { x, y } of tiles.values()) {
      const res = await fetch(
        `${server.baseUrl}/api/tiles/accessibility/${z}/${x}/${y}.mvt${query}`,
      );
      statuses.push(res.status);
      if (res.status !== 200) continue;
      expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
        .accessibility;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        const geo = f.toGeoJSON(x, y, z).geometry as { type: string; coordinates: number[][][] };
        const points = geo.coordinates.flat();
        const lons = points.map((p) => p[0]);
        const lats = points.map((p) => p[1]);
        found.set(String(f.properties.id), {
          properties: f.properties,
          bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
        });
      }
    }
    return { found, statuses };
  }

  it('serves each cell with the figures of GET /api/accessibility/cells', async () => {
    const cells = await cellsAnswer();
    expect(cells.map((c) => c.id).sort()).toEqual([
      'cell-18001@18001',
      'cell-18002@18002',
      'cell-18003@18003',
    ]);
    const { found } = await tileFeatures(cells, 12);
    expect([...found.keys()].sort()).toEqual(cells.map((c) => c.id).sort());
    for (const c of cells) {
      const tile = found.get(c.id)!;
      expect(tile.properties).toEqual({ id: c.id, ...c.properties });
      // The same square, within a unit of the tile grid (z12: ~10 m, ~0.0001°).
      const ring = c.geometry.coordinates[0];
      const bbox = [
        Math.min(...ring.map((p) => p[0])),
        Math.min(...ring.map((p) => p[1])),
        Math.max(...ring.map((p) => p[0])),
        Math.max(...ring.map((p) => p[1])),
      ];
      tile.bbox.forEach((v, k) => expect(Math.abs(v - bbox[k])).toBeLessThan(0.0002));
    }
    // The hand-computed values; Charlie's childminder is withheld from the public: no place.
    expect(
      Object.fromEntries([...found].map(([id, f]) => [id, f.properties.accessibility_rate])),
    ).toEqual({ 'cell-18001@18001': 66.7, 'cell-18002@18002': 66.7, 'cell-18003@18003': 0 });
  });

  it('takes the year and the département, and is empty where there is nothing', async () => {
    const cells = await cellsAnswer();
    const same = await tileFeatures(cells, 10, `?year=${YEAR}&departement=18`);
    expect(same.found.size).toBe(3);
    const empty = (statuses: number[]) => statuses.length > 0 && statuses.every((s) => s === 204);
    expect(empty((await tileFeatures(cells, 10, `?year=${YEAR - 5}`)).statuses)).toBe(true);
    expect(empty((await tileFeatures(cells, 10, '?departement=36')).statuses)).toBe(true);
    const bad = await fetch(`${server.baseUrl}/api/tiles/accessibility/10/1/1.mvt?reference=x`);
    expect(bad.status).toBe(400);
  });

  it('follows the data: new places are in the next tile', async () => {
    // What an import does: change rows and stamp its dataset, in one transaction.
    await db.knex.transaction(async (trx) => {
      await trx('eaje').update({ places: trx.raw('places * 2') });
      await trx('dataset').where({ key: 'test:eaje' }).update({ imported_at: trx.fn.now() });
    });
    const cells = await cellsAnswer();
    const rate = cells.find((c) => c.id === 'cell-18001@18001')!.properties.accessibility_rate;
    expect(rate).toBe(133.3);
    const { found } = await tileFeatures(cells, 12);
    expect(found.get('cell-18001@18001')!.properties.accessibility_rate).toBe(133.3);
    const { rows } = await db.knex.raw('SELECT count(*)::int AS n FROM access_cell_set');
    expect(rows[0].n).toBe(1);
  });
});
