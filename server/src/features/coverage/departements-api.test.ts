import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { runImport } from '../imports/service';

/**
 * The fictional demo (département Z1, 2019-2024) and a small real département imported from
 * the import fixtures (four communes of the Cher, census 2021 only, two MAM) side by side:
 * every list, year and facility answer restricted with `departement=` belongs to that
 * département only, and says whether it is fictional.
 */
const fixture = (name: string) => path.join(import.meta.dirname, '../imports/test/fixtures', name);
const FRANCE = '-5.5,41,10,51.5';

describe(`two départements side by side: demo and an imported one (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const get = async (p: string) => {
    const res = await fetch(`${server.baseUrl}${p}`);
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db);
    for (const [kind, file] of [
      ['boundaries', 'boundaries-geoapi.geojson'],
      ['population', 'population-insee-2021.csv'],
      ['mams', 'mams.csv'],
    ] as const) {
      const o = await runImport(db, { kind, file: fixture(file) });
      expect(o.status, `${kind}: ${JSON.stringify(o.problems)}`).toBe('imported');
    }
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('/api/health lists both, the real one not fictional', async () => {
    const { body } = await get('/api/health');
    expect(
      body.territories.map((t: { departementCode: string; fictional: boolean }) => [
        t.departementCode,
        t.fictional,
      ]),
    ).toEqual([
      ['18', false],
      ['Z1', true],
    ]);
  });

  it('metadata.years and the default year are those of the département asked for', async () => {
    const cher = await get('/api/territories?level=epci&departement=18');
    expect(cher.status).toBe(200);
    expect(cher.body.metadata).toMatchObject({ year: 2021, years: [2021], fictional: false });
    expect(cher.body.features.map((f: { id: string }) => f.id).sort()).toEqual([
      '200032514',
      '200066330',
      '241800507',
    ]);
    expect(cher.body.metadata.datasets.every((d: { fictional: boolean }) => !d.fictional)).toBe(
      true,
    );
    const demo = await get('/api/territories?level=epci&departement=Z1');
    expect(demo.body.metadata).toMatchObject({
      year: 2024,
      years: [2019, 2020, 2021, 2022, 2023, 2024],
      fictional: true,
    });
    expect(
      demo.body.features.every(
        (f: { properties: { departement_code: string } }) => f.properties.departement_code === 'Z1',
      ),
    ).toBe(true);
    // Without a département: every year of every loaded territory; each territory has figures
    // for the years of its own side of the data only (the Cher's 2021, not the demo's).
    const all = await get('/api/territories?level=departement');
    expect(all.body.metadata.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    expect(all.body.features.map((f: { id: string }) => f.id)).toEqual(['Z1']);
    const both = await get('/api/territories?level=departement&year=2021');
    expect(both.body.features.map((f: { id: string }) => f.id)).toEqual(['18', 'Z1']);
  });

  it('a year without data in the département is a 404 that lists its years', async () => {
    const e = await get('/api/territories?level=commune&departement=18&year=2024');
    expect(e.status).toBe(404);
    expect(e.body.error).toEqual({
      code: 'year_not_available',
      message: 'No data for year 2024 in département 18; available years: 2021',
      details: { field: 'query.year', available: [2021] },
    });
    expect((await get('/api/territories?level=commune&departement=Z1&year=2019')).status).toBe(200);
  });

  it('a département that is not loaded is a 404, a malformed code a 400 naming the field', async () => {
    const missing = await get('/api/territories?level=epci&departement=75');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'not_found',
      message: 'No département 75 is loaded',
    });
    const bad = await get('/api/territories?level=epci&departement=cher');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { field: 'query.departement', message: 'must be a département code such as 18, 2A or 974' },
    ]);
  });

  it('a territory’s detail defaults to the latest year with data in its own département', async () => {
    const bourges = await get('/api/territories/commune/18033');
    expect(bourges.status).toBe(200);
    expect(bourges.body.territory).toMatchObject({ year: 2021, fictional: false });
    expect((await get('/api/territories/departement/18')).body.territory.year).toBe(2021);
    expect((await get('/api/territories/departement/Z1')).body.territory.year).toBe(2024);
    // The demo's years are not the Cher's: a real commune has figures for real years only.
    const none = await get('/api/territories/commune/18033?year=2019');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe(
      'No data for commune 18033 in 2019; available years: 2021',
    );
  });

  it('facilities: departement= keeps those of its communes only', async () => {
    const all = await get(`/api/facilities?bbox=${FRANCE}&type=mam`);
    const communes = (b: { features: { properties: { commune_code: string } }[] }) =>
      b.features.map((f) => f.properties.commune_code);
    expect(communes(all.body).some((c: string) => c.startsWith('Z1'))).toBe(true);
    expect(communes(all.body).some((c: string) => c.startsWith('18'))).toBe(true);
    // Open in the Cher's figures' year (2021) by default: MAM Pirouette opens in 2022.
    const names = (b: { features: { properties: { name: string } }[] }) =>
      b.features.map((f) => f.properties.name).sort();
    const cher = await get(`/api/facilities?bbox=${FRANCE}&type=mam&departement=18`);
    expect(cher.body.metadata.year).toBe(2021);
    expect(names(cher.body)).toEqual(['MAM Les Lutins']);
    const later = await get(`/api/facilities?bbox=${FRANCE}&type=mam&departement=18&year=2022`);
    expect(names(later.body)).toEqual(['MAM Les Lutins', 'MAM Pirouette']);
    const demo = await get(`/api/facilities?bbox=${FRANCE}&departement=Z1`);
    expect(demo.body.features.length).toBeGreaterThan(0);
    expect(communes(demo.body).every((c: string) => c.startsWith('Z1'))).toBe(true);
    const bad = await get(`/api/facilities?bbox=${FRANCE}&departement=18;DROP`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('query.departement');
  });
});
