import { VectorTile } from '@mapbox/vector-tile';
import type { Knex } from 'knex';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import type { TileId } from '../../domain/tiles/tile-id';
import { LAYERS } from './catalogue';
import { loadTileFixture, OUTLINES } from './tiles-fixture';

/**
 * `?departement=` on every tile layer, in both database modes. Over the tile fixture (the
 * Cher square, real outlines, figures for 2022-2023, fictional roads) lies a fictional
 * département Z1 on exactly the same square, as the demo can lie over a real département,
 * with figures for 2024 only. Real roads are added: one across the Cher, one beside it.
 */
const TILE: TileId = { z: 8, x: 129, y: 90 };
const { west, south, east, north } = OUTLINES.departement;

async function addOverlappingDemo(knex: Knex) {
  const dataset = async (key: string, kind: string, fictional: boolean): Promise<number> => {
    const { rows } = await knex.raw(
      `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
       VALUES (?, ?, ?, 'tile tests', 'CC0-1.0', '2024', ?) RETURNING id`,
      [key, kind, `fixture ${key}`, fictional],
    );
    return rows[0].id;
  };
  const demo = await dataset('demo:Z1:territory', 'territory', true);
  const realRoads = await dataset('test:real-roads', 'roads', false);
  const square = [west, south, east, north];
  await knex.raw(
    `INSERT INTO departement (code, name, geom, dataset_id) VALUES ('Z1', 'Département fictif', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
    [...square, demo],
  );
  await knex.raw(
    `INSERT INTO epci (code, name, kind, departement_code, geom, dataset_id) VALUES ('209900001', 'CC fictive', 'CC', 'Z1', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
    [...square, demo],
  );
  await knex.raw(
    `INSERT INTO commune (code, name, departement_code, epci_code, geom, dataset_id) VALUES ('Z1001', 'Fictiville', 'Z1', '209900001', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
    [...square, demo],
  );
  await knex.raw(
    `INSERT INTO eaje (source_id, name, kind, financing, places, commune_code, geom, location_approximate, dataset_id)
     VALUES ('z1', 'Crèche fictive', 'multi_accueil', 'psu', 30, 'Z1001', ST_SetSRID(ST_MakePoint(2.43, 46.86), 4326), false, ?)`,
    [demo],
  );
  const { rows } = await knex.raw(
    `INSERT INTO mam (source_id, name, places, childminder_count, commune_code, geom, dataset_id)
     VALUES ('zm1', 'MAM fictive', 8, 2, 'Z1001', ST_SetSRID(ST_MakePoint(2.57, 46.97), 4326), ?) RETURNING id`,
    [demo],
  );
  await knex.raw(
    `INSERT INTO childminder (source_id, commune_code, agreement_places, active, mam_id, geom, dataset_id)
     VALUES ('za1', 'Z1001', 4, true, ?, ST_SetSRID(ST_MakePoint(2.57, 46.97), 4326), ?)`,
    [rows[0].id, demo],
  );
  for (const [id, from, to] of [
    [10, [2.38, 46.95], [2.62, 46.95]], // across the square
    [11, [2.65, 46.85], [2.75, 46.85]], // east of it, same tile
  ] as const) {
    await knex.raw(
      `INSERT INTO road_edge (id, source, target, road_class, speed_kmh, oneway, length_m, geom, dataset_id)
       VALUES (?, ?, ?, 'nationale', 80, false, 0, ST_SetSRID(ST_MakeLine(ST_MakePoint(?, ?), ST_MakePoint(?, ?)), 4326), ?)`,
      [id, id * 10, id * 10 + 1, from[0], from[1], to[0], to[1], realRoads],
    );
  }
  const figure = (level: string, code: string, name: string) => ({
    level,
    code,
    year: 2024,
    name,
    epci_code: null,
    departement_code: 'Z1',
    children_under3: 100,
    places_eaje_psu: 30,
    places_eaje_hors_psu: 0,
    places_am: 0,
    places_mam: 0,
    places_home_care: 0,
    places_preschool: 0,
    places_total: 30,
    coverage_rate: 30,
    small_population: false,
    reference_national: 60.9,
    reference_departement: 30,
    class_national: 'well_below',
    class_departement: 'near',
    fictional: true,
    dataset_ids: [demo],
  });
  await knex('coverage_figure').insert([
    figure('commune', 'Z1001', 'Fictiville'),
    figure('epci', '209900001', 'CC fictive'),
    figure('departement', 'Z1', 'Département fictif'),
  ]);
}

describe(`vector tiles restricted to a département (${databaseMode} mode)`, () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    await addOverlappingDemo(db.knex);
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const tilePath = (layer: string, query = '', t: TileId = TILE) =>
    `/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`;

  async function propertiesOf(path: string): Promise<Record<string, unknown>[]> {
    const res = await fetch(`${server.baseUrl}${path}`);
    if (res.status === 204) return [];
    expect(res.status, path).toBe(200);
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const layer = Object.values(tile.layers)[0];
    return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
  }
  const codes = async (path: string, key = 'code') => (await propertiesOf(path)).map((p) => p[key]);

  it('communes and gaps: only the département’s communes, in its own latest year', async () => {
    // Without a département both overlap, and the default year is the latest of any (2024):
    // the Cher's communes have no figure then.
    const all = await propertiesOf(tilePath('communes'));
    expect(all.map((p) => p.code)).toEqual(['18001', '18002', '18003', '18004', 'Z1001']);
    expect(all.find((p) => p.code === '18001')).toMatchObject({ coverage_class: 'no_data' });
    const cher = await propertiesOf(tilePath('communes', '?departement=18'));
    expect(cher.map((p) => p.code)).toEqual(['18001', '18002', '18003', '18004']);
    expect(cher.find((p) => p.code === '18001')).toMatchObject({
      year: 2023,
      coverage_rate: 62.5,
      coverage_class: 'near',
    });
    const demo = await propertiesOf(tilePath('communes', '?departement=Z1'));
    expect(demo).toEqual([
      expect.objectContaining({
        code: 'Z1001',
        year: 2024,
        coverage_class: 'well_below',
        fictional: true,
      }),
    ]);
    // An explicit year still wins.
    expect(
      (await propertiesOf(tilePath('communes', '?departement=18&year=2022'))).find(
        (p) => p.code === '18001',
      ),
    ).toMatchObject({ year: 2022 });
    const gaps = await propertiesOf(tilePath('gaps', '?departement=18&reference=departement'));
    expect(gaps.map((p) => p.code)).toEqual(['18001', '18002', '18003', '18004']);
    expect(gaps[0]).toMatchObject({ year: 2023, reference_rate: 45.2 });
    expect(await codes(tilePath('gaps', '?departement=Z1'))).toEqual(['Z1001']);
  });

  it('epci and departements: only the département’s', async () => {
    expect(await codes(tilePath('epci'))).toEqual(['200000001', '200000002', '209900001']);
    expect(await codes(tilePath('epci', '?departement=18'))).toEqual(['200000001', '200000002']);
    expect(await codes(tilePath('epci', '?departement=Z1'))).toEqual(['209900001']);
    const deps = await propertiesOf(tilePath('departements', '?departement=18'));
    expect(deps).toEqual([expect.objectContaining({ code: '18', year: 2023, fictional: true })]);
    expect(await codes(tilePath('departements', '?departement=Z1'))).toEqual(['Z1']);
    expect(await codes(tilePath('departements'))).toEqual(['18', 'Z1']);
  });

  it('eaje, mam and childminders: those of the département’s communes', async () => {
    expect(await codes(tilePath('eaje'), 'name')).toEqual([
      'Crèche des Tilleuls',
      'Micro-crèche Les Lutins',
      'Halte-garderie du Bourg',
      'Crèche fictive',
    ]);
    expect(await codes(tilePath('eaje', '?departement=18'), 'name')).toEqual([
      'Crèche des Tilleuls',
      'Micro-crèche Les Lutins',
      'Halte-garderie du Bourg',
    ]);
    expect(await codes(tilePath('eaje', '?departement=Z1&year=2024'), 'name')).toEqual([
      'Crèche fictive',
    ]);
    expect(await codes(tilePath('mam', '?departement=Z1'), 'name')).toEqual(['MAM fictive']);
    expect(await codes(tilePath('mam', '?departement=18'), 'name')).toEqual([
      'MAM Les Petits Pas',
      'MAM Bout d’chou',
    ]);
    expect(await codes(tilePath('childminders', '?departement=18'), 'commune_code')).toEqual([
      '18001',
      '18002',
      '18003',
    ]);
    expect(await propertiesOf(tilePath('childminders', '?departement=Z1'))).toEqual([
      // One childminder: withheld by statistical secrecy ("moins de 3").
      {
        commune_code: 'Z1001',
        name: 'Fictiville',
        childminders_secret: true,
        childminders_below: 3,
      },
    ]);
  });

  it('roads: edges touching the outline, from a dataset as fictional as the département', async () => {
    const ids = async (query: string) =>
      (await propertiesOf(tilePath('roads', query))).map((p) => `${p.road_class}/${p.speed_kmh}`);
    // Fixture roads (fictional): nationale 80 and departementale 70; real: two nationale 80.
    expect(await ids('')).toEqual([
      'nationale/80',
      'departementale/70',
      'nationale/80',
      'nationale/80',
    ]);
    // The Cher is real: its crossing real road only, neither the fictional ones nor the one beside it.
    expect(await ids('?departement=18')).toEqual(['nationale/80']);
    // Z1 is fictional: the fictional roads over its square, not the real one crossing it.
    expect(await ids('?departement=Z1')).toEqual(['nationale/80', 'departementale/70']);
  });

  it('the ETag follows the département (other features, other tag), and revalidates per URL', async () => {
    const fetchTile = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${server.baseUrl}${path}`, { headers });
    const all = (await fetchTile(tilePath('communes'))).headers.get('etag')!;
    const cher = await fetchTile(tilePath('communes', '?departement=18'));
    const cherTag = cher.headers.get('etag')!;
    const demoTag = (await fetchTile(tilePath('communes', '?departement=Z1'))).headers.get('etag')!;
    expect(new Set([all, cherTag, demoTag]).size).toBe(3);
    expect(cher.headers.get('cache-control')).toBe('public, max-age=300');
    expect(
      (await fetchTile(tilePath('communes', '?departement=18'), { 'If-None-Match': cherTag }))
        .status,
    ).toBe(304);
    expect(
      (await fetchTile(tilePath('communes', '?departement=Z1'), { 'If-None-Match': cherTag }))
        .status,
    ).toBe(200);
  });

  it('400 names query.departement for a malformed code; a département not loaded has empty tiles', async () => {
    for (const bad of ['cher', '1', '18;DROP', '2a']) {
      const res = await fetch(
        `${server.baseUrl}${tilePath('communes', `?departement=${encodeURIComponent(bad)}`)}`,
      );
      expect(res.status, bad).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('bad_request');
      expect(body.error.details).toEqual([
        { field: 'query.departement', message: 'must be a département code such as 18, 2A or 974' },
      ]);
    }
    for (const layer of LAYERS) {
      const z = Math.max(layer.minzoom, 8);
      const res = await fetch(
        `${server.baseUrl}${tilePath(layer.id, '?departement=75', z === 8 ? TILE : { z, x: TILE.x, y: TILE.y })}`,
      );
      expect(res.status, layer.id).toBe(204);
    }
  });

  it('/api/layers: every layer takes departement; the years with data per département', async () => {
    const doc = await (await fetch(`${server.baseUrl}/api/layers`)).json();
    for (const layer of doc.layers) {
      const param = layer.query.find((q: { name: string }) => q.name === 'departement');
      expect(param, layer.id).toMatchObject({
        type: 'string',
        default: 'tous les départements chargés',
      });
    }
    expect(doc.coverageYears).toEqual([2022, 2023, 2024]);
    expect(doc.coverageYearsByDepartement).toEqual({ '18': [2022, 2023], Z1: [2024] });
  });
});
