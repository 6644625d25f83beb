import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { demandCells, generateTerritory } from '../../domain/demo';
import { replaceDemoTerritory } from './repository';
import { GENERATOR_LABEL, loadDemo } from './service';

const count = async (db: Database, table: string) =>
  Number((await db.knex(table).count({ n: '*' }))[0].n);

describe(`fictional demo territory in the database (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const territory = generateTerritory({ seed: 42 });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('stores every generated row', async () => {
    expect(await count(db, 'departement')).toBe(territory.departements.length);
    expect(await count(db, 'epci')).toBe(territory.epcis.length);
    expect(await count(db, 'commune')).toBe(territory.communes.length);
    expect(await count(db, 'population')).toBe(
      territory.communes.reduce((n, c) => n + c.population.length, 0),
    );
    expect(await count(db, 'births')).toBe(
      territory.communes.reduce((n, c) => n + c.births.length, 0),
    );
    expect(await count(db, 'eaje')).toBe(territory.eaje.length);
    expect(await count(db, 'mam')).toBe(territory.mams.length);
    expect(await count(db, 'childminder')).toBe(territory.childminders.length);
    expect(
      Number((await db.knex('childminder').whereNull('birth_year').count({ n: '*' }))[0].n),
    ).toBe(0);
    expect(await count(db, 'road_edge')).toBe(territory.roads.length);
    expect(await count(db, 'demand_cell')).toBe(territory.demand.col.length);
    // AM working in a MAM are linked to it in the database.
    const inMam = territory.childminders.filter((a) => a.mamId !== null).length;
    expect(
      Number((await db.knex('childminder').whereNotNull('mam_id').count({ n: '*' }))[0].n),
    ).toBe(inMam);
  });

  it('stores only valid geometries, communes inside their département', async () => {
    const { rows } = await db.knex.raw(`
      SELECT (SELECT count(*) FROM commune WHERE NOT ST_IsValid(geom)) AS invalid_communes,
             (SELECT count(*) FROM epci WHERE NOT ST_IsValid(geom)) AS invalid_epci,
             (SELECT count(*) FROM commune c JOIN departement d ON d.code = c.departement_code
               WHERE NOT ST_Covers(ST_Buffer(d.geom, 0.0001), c.geom)) AS outside,
             (SELECT count(*) FROM eaje e JOIN commune c ON c.code = e.commune_code
               WHERE NOT ST_Intersects(ST_Buffer(c.geom, 0.0001), e.geom)) AS eaje_elsewhere`);
    expect(rows[0]).toEqual({
      invalid_communes: 0,
      invalid_epci: 0,
      outside: 0,
      eaje_elsewhere: 0,
    });
  });

  it('records a fictional provenance for every kind of data, with row counts', async () => {
    const datasets = await db.knex('dataset').orderBy('id');
    expect(datasets.map((d) => d.kind).sort()).toEqual([
      'births',
      'childminders',
      'eaje',
      'grid',
      'mam',
      'population',
      'roads',
      'supply_counts',
      'territory',
    ]);
    for (const d of datasets) {
      expect(d.fictional).toBe(true);
      expect(d.source).toBe(`${GENERATOR_LABEL}, graine 42`);
      // Births run three years ahead of the children they become.
      expect(d.vintage).toBe(d.kind === 'births' ? '2016-2024' : '2019-2024');
    }
    expect(datasets.find((d) => d.kind === 'territory').row_counts).toEqual({
      departements: territory.departements.length,
      epcis: territory.epcis.length,
      communes: territory.communes.length,
    });
  });

  it('GET /api/health reports the mode, PostGIS and the fictional demo with its counts', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.database.mode).toBe(databaseMode);
    expect(body.database.postgisVersion).toMatch(/^3\./);
    expect(body.capabilities.mvt).toBe(databaseMode === 'server');
    expect(body.fictional).toBe(true);
    expect(body.territories).toEqual([
      {
        departementCode: territory.departements[0].code,
        name: territory.departements[0].name,
        fictional: true,
        communes: territory.communes.length,
        epcis: territory.epcis.length,
      },
    ]);
    expect(body.datasets).toHaveLength(9);
    expect(body.basemapStyleUrl).toBeNull();
  });

  it('GET /api/health hands the dashboard the configured online basemap style', async () => {
    const styled = await startTestServer(db, '/nonexistent', 'https://tiles.example.fr/style.json');
    try {
      const body = await (await fetch(`${styled.baseUrl}/api/health`)).json();
      expect(body.basemapStyleUrl).toBe('https://tiles.example.fr/style.json');
    } finally {
      await styled.close();
    }
  });

  it('reloading replaces the demo rather than adding to it', async () => {
    const other = await loadDemo(db, { seed: 7 });
    expect(other.seed).toBe(7);
    const again = generateTerritory({ seed: 7 });
    expect(await count(db, 'commune')).toBe(again.communes.length);
    expect(await count(db, 'childminder')).toBe(again.childminders.length);
    expect(await count(db, 'dataset')).toBe(9);
    expect(await count(db, 'demand_cell')).toBe(again.demand.col.length);
    await loadDemo(db, { seed: 42 });
    expect(await count(db, 'commune')).toBe(territory.communes.length);
  }, 180_000);

  it('a load that fails half-way leaves the previous demo untouched', async () => {
    const broken = generateTerritory({ seed: 42 });
    // An AM in a commune that does not exist: the importers' query skips such a row (it cannot
    // place it), the loader sees one missing after communes, EAJE and MAM were written.
    broken.childminders[broken.childminders.length - 1].communeCode = 'Z1999';
    await expect(
      db.knex.transaction((trx) => replaceDemoTerritory(trx, broken, GENERATOR_LABEL)),
    ).rejects.toThrow(
      `Demo load: ${broken.childminders.length - 1} childminder rows stored, ${broken.childminders.length} generated`,
    );
    // A row the database refuses (an agreement for 9 children) fails the same way.
    const refused = generateTerritory({ seed: 42 });
    refused.childminders[refused.childminders.length - 1].agreementPlaces = 9;
    await expect(
      db.knex.transaction((trx) => replaceDemoTerritory(trx, refused, GENERATOR_LABEL)),
    ).rejects.toThrow(/childminder_agreement_places_check/);
    expect(await count(db, 'commune')).toBe(territory.communes.length);
    expect(await count(db, 'childminder')).toBe(territory.childminders.length);
    expect(await count(db, 'demand_cell')).toBe(territory.demand.col.length);
    expect(await count(db, 'dataset')).toBe(9);
  }, 180_000);

  it('stores the demand grid: 200 m squares of Lambert-93, shares adding up to 1 by commune', async () => {
    const { rows } = await db.knex.raw(`
      SELECT count(*) AS cells,
             count(DISTINCT commune_code) AS communes,
             max(abs(ST_XMax(t) - ST_XMin(t) - 200)) AS width_error_m,
             max(abs(ST_YMax(t) - ST_YMin(t) - 200)) AS height_error_m,
             max(abs(ST_XMin(t) - 200 * round(ST_XMin(t) / 200))) AS corner_error_m,
             max(ST_Distance(ST_Transform(centroid, 2154), ST_Centroid(t))) AS centroid_error_m,
             bool_and(srid = 2154 AND method = 'grid' AND NOT imputed) AS labelled
      FROM (SELECT *, ST_Transform(geom, 2154) AS t FROM demand_cell) c`);
    expect(Number(rows[0].cells)).toBe(territory.demand.col.length);
    expect(Number(rows[0].communes)).toBe(territory.communes.length);
    // Corners are stored to 6 decimals of a degree (~0.1 m).
    expect(rows[0].width_error_m).toBeLessThan(0.2);
    expect(rows[0].height_error_m).toBeLessThan(0.2);
    expect(rows[0].corner_error_m).toBeLessThan(0.1);
    expect(rows[0].centroid_error_m).toBeLessThan(0.1);
    expect(rows[0].labelled).toBe(true);
    // Children of the cells, each commune's census figure times the shares: exact totals.
    const { rows: totals } = await db.knex.raw(`
      SELECT max(abs(s.shares - 1)) AS share_error,
             max(abs(s.shares * p.children_under3 - p.children_under3)) AS children_error
      FROM (SELECT commune_code, sum(share) AS shares FROM demand_cell GROUP BY commune_code) s
      JOIN population p ON p.commune_code = s.commune_code`);
    expect(totals[0].share_error).toBeLessThan(1e-9);
    expect(totals[0].children_error).toBeLessThan(1e-6);
    // Each cell as generated, with its polygon's first corner.
    const first = demandCells(territory, 0, 1)[0];
    const stored = await db.knex('demand_cell').where({ cell_id: first.cellId }).first();
    expect(stored.commune_code).toBe(first.communeCode);
    expect(stored.weight).toBe(first.weight);
  });

  it('unknown API routes answer 404 in the error shape', async () => {
    const res = await fetch(`${server.baseUrl}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No API route GET /api/nope' },
    });
  });
});
