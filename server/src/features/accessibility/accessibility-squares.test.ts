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
import { fetchDataVersions } from '../../db/data-versions';
import { tileContaining } from '../../domain/tiles/tile-id';
import { writeCellSet } from './repository';
import { loadAccessTerritory, YEAR } from './test/territory';

/** Side of the squares served at each zoom below the cells' (EPSG:3857 metres). */
const SQUARE_M: Record<number, number> = { 6: 10000, 7: 5000, 8: 2000, 9: 1000, 10: 500 };
const EARTH_RADIUS = 6378137;
const mercator = (lon: number, lat: number) => [
  (lon * Math.PI * EARTH_RADIUS) / 180,
  EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)),
];

interface CellFeature {
  id: string;
  properties: { children: number; accessibility_rate: number; estimated: boolean };
  geometry: { coordinates: number[][][] };
}

/**
 * The low zooms of the tile layer `accessibility` (6 to 10) serve squares that generalise the
 * cells: children summed, rate weighted by children, estimated if any cell is; rebuilt with the
 * cells when the data change. On the territory of test/territory.ts plus a cell b2 next to b.
 */
describe(`tile layer accessibility, squares of the low zooms (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadAccessTerritory(db.knex);
    // b2: in Bravo, 100 m from b, in b's square at every size; b and b2 share Bravo's children.
    const { rows } = await db.knex.raw("SELECT id FROM dataset WHERE key = 'test:grid'");
    await db.knex.raw(
      `INSERT INTO demand_cell (cell_id, commune_code, weight, share, method, srid, geom, centroid, dataset_id)
       VALUES ('cell-18002b', '18002', 1, 0.5, 'estimate', 2154,
               ST_MakeEnvelope(2.48, 46.85, 2.482, 46.852, 4326),
               ST_SetSRID(ST_MakePoint(2.481, 46.851), 4326), ?)`,
      [rows[0].id],
    );
    await db.knex('demand_cell').where({ cell_id: 'cell-18002' }).update({ share: 0.5 });
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  /** Every feature of the tile of zoom z holding (lon, lat), by id. */
  async function tileAt(lon: number, lat: number, z: number, query = '') {
    const { x, y } = tileContaining([lon, lat], z);
    const res = await fetch(`${server.baseUrl}/api/tiles/accessibility/${z}/${x}/${y}.mvt${query}`);
    const found = new Map<string, Record<string, unknown>>();
    if (res.status === 204) return { status: 204, found };
    expect(res.status).toBe(200);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
      .accessibility;
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      found.set(String(f.properties.id), f.properties);
    }
    return { status: res.status, found };
  }

  it('sums the children of a square and weights its rate by them, at zooms 6 to 10', async () => {
    // Figures written by hand as the accessibility feature stores them, for the current data:
    // the tile route finds them up to date and serves them.
    const versions = await fetchDataVersions(db.knex);
    await writeCellSet(
      db.knex,
      {
        side: true,
        year: YEAR,
        data_version: versions.data,
        method: 'e2sfca',
        weights: 'steps:10=1,20=0.68,30=0.22',
        max_minutes: 30,
        modes: ['eaje', 'mam', 'am'],
        estimated: true,
        fictional: true,
        dataset_ids: [],
      },
      [
        {
          cell_id: 'cell-18001',
          commune_code: '18001',
          children: 40,
          accessibility_rate: 66.7,
          estimated: false,
        },
        {
          cell_id: 'cell-18002',
          commune_code: '18002',
          children: 20,
          accessibility_rate: 66.7,
          estimated: false,
        },
        {
          cell_id: 'cell-18002b',
          commune_code: '18002',
          children: 10,
          accessibility_rate: 10,
          estimated: true,
        },
        {
          cell_id: 'cell-18003',
          commune_code: '18003',
          children: 40,
          accessibility_rate: 8.1,
          estimated: false,
        },
      ],
    );
    for (const z of [6, 7, 8, 9, 10]) {
      const size = SQUARE_M[z];
      const [bx, by] = mercator(2.48, 46.85);
      const id = `${size}m:${Math.floor(bx / size)}:${Math.floor(by / size)}@18`;
      const { found } = await tileAt(2.48, 46.85, z);
      // b (20 children, 66.7) and b2 (10 children, 10): (20 × 66.7 + 10 × 10) / 30 = 47.8.
      expect(found.get(id)).toEqual({
        id,
        cell_size_m: size,
        departement_code: '18',
        children: 30,
        accessibility_rate: 47.8,
        estimated: true,
      });
      const [ax, ay] = mercator(2.42, 46.85);
      const idA = `${size}m:${Math.floor(ax / size)}:${Math.floor(ay / size)}@18`;
      const squareA = (await tileAt(2.42, 46.85, z)).found.get(idA);
      expect(squareA).toMatchObject({ children: 40, accessibility_rate: 66.7 });
      expect(squareA).not.toHaveProperty('cell_id');
    }
    // From zoom 11: the cells themselves.
    const { found } = await tileAt(2.48, 46.85, 11);
    expect(found.get('cell-18002b@18002')).toMatchObject({ children: 10, accessibility_rate: 10 });
    expect(found.get('cell-18002b@18002')).not.toHaveProperty('cell_size_m');
  });

  it('takes the département and the year, at every zoom', async () => {
    expect((await tileAt(2.48, 46.85, 8, '?departement=18')).found.size).toBe(3);
    expect((await tileAt(2.48, 46.85, 8, '?departement=36')).status).toBe(204);
    expect((await tileAt(2.48, 46.85, 8, `?year=${YEAR - 5}`)).status).toBe(204);
    // The cells too (zoom 11 on): b and b2.
    expect([...(await tileAt(2.48, 46.85, 12, '?departement=18')).found.keys()].sort()).toEqual([
      'cell-18002@18002',
      'cell-18002b@18002',
    ]);
    expect((await tileAt(2.48, 46.85, 12, '?departement=36')).status).toBe(204);
  });

  it('follows the data: the squares are rebuilt with the cells', async () => {
    await db.knex.transaction(async (trx) => {
      await trx('eaje').update({ places: trx.raw('places * 2') });
      await trx('dataset').where({ key: 'test:eaje' }).update({ imported_at: trx.fn.now() });
    });
    const res = await fetch(`${server.baseUrl}/api/accessibility/cells`);
    const cells: CellFeature[] = (await res.json()).features;
    expect(cells).toHaveLength(4);
    for (const z of [6, 10]) {
      const size = SQUARE_M[z];
      // The squares computed here, independently, from the cells' answer (centre of each cell).
      const expected = new Map<
        string,
        { children: number; weighted: number; estimated: boolean }
      >();
      for (const c of cells) {
        const ring = c.geometry.coordinates[0].slice(0, -1);
        const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
        const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
        const [x, y] = mercator(lon, lat);
        const id = `${size}m:${Math.floor(x / size)}:${Math.floor(y / size)}@18`;
        const e = expected.get(id) ?? { children: 0, weighted: 0, estimated: false };
        e.children += c.properties.children;
        e.weighted += c.properties.children * c.properties.accessibility_rate;
        e.estimated ||= c.properties.estimated;
        expected.set(id, e);
      }
      const found = new Map<string, Record<string, unknown>>();
      for (const [lon, lat] of [
        [2.42, 46.85],
        [2.48, 46.85],
        [2.45, 46.95],
      ]) {
        for (const [id, f] of (await tileAt(lon, lat, z)).found) found.set(id, f);
      }
      expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, e] of expected) {
        const f = found.get(id)!;
        expect(f.children).toBeCloseTo(e.children, 2);
        expect(Math.abs((f.accessibility_rate as number) - e.weighted / e.children)).toBeLessThan(
          0.051,
        );
        expect(f.estimated).toBe(e.estimated);
      }
    }
    // Doubled places: a's rate doubles (66.7 → 133.3), in its square too.
    const [ax, ay] = mercator(2.42, 46.85);
    const idA = `10000m:${Math.floor(ax / 10000)}:${Math.floor(ay / 10000)}@18`;
    expect((await tileAt(2.42, 46.85, 6)).found.get(idA)).toMatchObject({
      accessibility_rate: 133.3,
    });
    const { rows } = await db.knex.raw(
      `SELECT count(DISTINCT (side, year))::int AS sets, count(*)::int AS squares,
              (SELECT count(*)::int FROM access_cell_tile) AS cells
       FROM access_square`,
    );
    expect(rows[0]).toEqual({ sets: 1, squares: 5 * 3, cells: 4 });
  });
  it('is rendered ahead into the tile store up to zoom 10, its figures prepared first', async () => {
    const doublePlaces = () =>
      db.knex.transaction(async (trx) => {
        await trx('eaje').update({ places: trx.raw('places * 2') });
        await trx('dataset').where({ key: 'test:eaje' }).update({ imported_at: trx.fn.now() });
      });
    await db.knex('tile_store').delete();
    // The stored figures are those of the data before: the render-ahead must prepare new ones.
    await doublePlaces();
    const stored = await startTestServer(db, '/nonexistent', null, { tileStore: true });
    try {
      const zooms = async () =>
        (await db.knex('tile_store').where({ layer: 'accessibility' }).distinct('z')).map(
          (r: { z: number }) => r.z,
        );
      await expect.poll(zooms, { timeout: 60_000, interval: 200 }).toHaveLength(5);
      expect((await zooms()).sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
      const rateOfA = async () => {
        const res = await fetch(`${server.baseUrl}/api/accessibility/cells`);
        const cells: CellFeature[] = (await res.json()).features;
        return cells.find((c) => c.id === 'cell-18001@18001')!.properties.accessibility_rate;
      };
      const [ax, ay] = mercator(2.42, 46.85);
      const idA = `10000m:${Math.floor(ax / 10000)}:${Math.floor(ay / 10000)}@18`;
      const storedTile = async () => {
        const { x, y } = tileContaining([2.42, 46.85], 6);
        const res = await fetch(`${stored.baseUrl}/api/tiles/accessibility/6/${x}/${y}.mvt`);
        const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
          .accessibility;
        const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
        return {
          timing: res.headers.get('server-timing') ?? '',
          rate: features.find((f) => f.properties.id === idA)!.properties.accessibility_rate,
        };
      };
      const before = await storedTile();
      expect(before.timing).toContain('store hit');
      // Places × 4 since the first test: 66.7 × 4.
      expect(before.rate).toBe(266.7);
      expect(before.rate).toBe(await rateOfA());
      // New data: the stored tile of the old version is never served again.
      await doublePlaces();
      const after = await storedTile();
      expect(after.rate).toBe(await rateOfA());
      expect(after.rate).toBeGreaterThan(before.rate as number);
    } finally {
      await stored.close();
    }
  });
});
