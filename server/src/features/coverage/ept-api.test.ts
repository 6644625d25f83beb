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
import { loadCog } from '../imports/cog';
import {
  EPT_FIXTURE_YEAR,
  EST_ENSEMBLE,
  loadEptFixture,
  MEMBERS,
  PLAINE_COMMUNE,
} from './test/ept-fixture';

/**
 * The EPT level (Métropole du Grand Paris) from a small real-format fixture: a commune's EPT
 * from the reference package, lists, detail, CSV and tiles at level `ept`, figures summed over
 * the member communes.
 */
interface Properties {
  code: string;
  name: string;
  level: string;
  children_under3: number | null;
  places_total: number | null;
  coverage_rate: number | null;
  fictional: boolean;
}

describe(`EPT level (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const get = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    return {
      status: res.status,
      body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
    };
  };
  const list = async (level: string, query = '') =>
    (await get(`/api/territories?level=${level}&year=${EPT_FIXTURE_YEAR}${query}`)).body
      .features as { properties: Properties; geometry: { type: string } }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadEptFixture(db);
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('the reference package: eleven EPT, Paris in none, members of 92, 93, 94 and a few of 91 and 95', () => {
    const { reference } = loadCog();
    expect(reference.epts.size).toBe(11);
    expect(reference.eptOfCommune.get('75056')).toBeUndefined();
    expect(reference.eptOfCommune.get('93066')).toBe(PLAINE_COMMUNE);
    const departements = new Set(
      [...reference.eptOfCommune.keys()].map((c) => reference.departementOfCommune.get(c)),
    );
    expect([...departements].sort()).toEqual(['91', '92', '93', '94', '95']);
    // Every EPT lies in the Métropole du Grand Paris.
    for (const c of reference.eptOfCommune.keys())
      expect(reference.epciOfCommune.get(c)).toBe('200054781');
  });

  it('the boundaries import records each commune’s EPT; Paris has none', async () => {
    const rows = await db.knex('commune').orderBy('code').select('code', 'ept_code');
    expect(rows).toEqual([
      { code: '75056', ept_code: null },
      ...Object.entries(MEMBERS)
        .flatMap(([ept, codes]) => codes.map((code) => ({ code, ept_code: ept })))
        .sort((a, b) => a.code.localeCompare(b.code)),
    ]);
    const epts = await db.knex('ept').orderBy('code').select('code', 'name', 'departement_code');
    expect(epts).toEqual([
      { code: PLAINE_COMMUNE, name: 'Plaine Commune', departement_code: '93' },
      { code: EST_ENSEMBLE, name: 'Est Ensemble', departement_code: '93' },
    ]);
  });

  it('lists EPT with figures summed over their communes, never an average of rates', async () => {
    const communes = new Map((await list('commune')).map((f) => [f.properties.code, f.properties]));
    const epts = await list('ept');
    expect(epts.map((f) => f.properties.code)).toEqual([PLAINE_COMMUNE, EST_ENSEMBLE]);
    for (const f of epts) {
      const members = MEMBERS[f.properties.code].map((c) => communes.get(c)!);
      const children = members.reduce((s, m) => s + m.children_under3!, 0);
      const places = members.reduce((s, m) => s + m.places_total!, 0);
      expect(f.properties).toMatchObject({
        level: 'ept',
        children_under3: children,
        places_total: places,
        coverage_rate: Math.round((1000 * places) / children) / 10,
        fictional: false,
      });
      expect(f.geometry.type).toMatch(/Polygon$/);
    }
    // The fixture's own numbers: 3,500 + 5,600 + 2,100 children, 400 + 600 + 300 places.
    expect(epts[0].properties).toMatchObject({
      name: 'Plaine Commune',
      children_under3: 11200,
      places_total: 1300,
      coverage_rate: 11.6,
    });
    expect((await list('ept', '&departement=93')).length).toBe(2);
    // Paris is loaded and in no EPT: an empty list, not "not loaded".
    expect(await list('ept', '&departement=75')).toEqual([]);
    expect((await get(`/api/territories?level=ept&departement=77`)).status).toBe(404);
  });

  it('details an EPT (its EPCI and département as parents) and names a commune’s EPT', async () => {
    const ept = await get(`/api/territories/ept/${EST_ENSEMBLE}?year=${EPT_FIXTURE_YEAR}`);
    expect(ept.status).toBe(200);
    expect(ept.body.territory).toMatchObject({ level: 'ept', name: 'Est Ensemble' });
    expect(ept.body.parents.departement.code).toBe('93');
    expect(ept.body.parents.ept).toBeUndefined();
    expect(ept.body.supply_points.eaje).toBe(2);
    const commune = await get(`/api/territories/commune/93048?year=${EPT_FIXTURE_YEAR}`);
    expect(commune.body.parents.ept).toEqual({
      code: EST_ENSEMBLE,
      name: 'Est Ensemble',
      coverage_rate: ept.body.territory.coverage_rate,
    });
    const paris = await get(`/api/territories/commune/75056?year=${EPT_FIXTURE_YEAR}`);
    expect(paris.body.parents.ept).toBeUndefined();
    expect((await get('/api/territories/ept/200054781')).status).toBe(404);
  });

  it('exports the EPT list as CSV, the same rows as the list', async () => {
    const res = await fetch(
      `${server.baseUrl}/api/territories?level=ept&year=${EPT_FIXTURE_YEAR}&format=csv`,
    );
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split('\r\n');
    const cols = header.split(';');
    const records = rows.map((r) => Object.fromEntries(r.split(';').map((v, i) => [cols[i], v])));
    expect(records.map((r) => [r.code, r.name, r.level, r.children_under3])).toEqual([
      [PLAINE_COMMUNE, 'Plaine Commune', 'ept', '11200'],
      [EST_ENSEMBLE, 'Est Ensemble', 'ept', '6700'],
    ]);
  });

  it('serves EPT tiles: the outline of the member communes with the figures', async () => {
    // The z8 tile holding the whole fixture (2.25–2.47° E, 48.81–48.95° N).
    const res = await fetch(`${server.baseUrl}/api/tiles/ept/8/129/88.mvt`);
    expect(res.status).toBe(200);
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    expect(Object.keys(tile.layers)).toEqual(['ept']);
    const layer = tile.layers.ept;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    expect(features.map((f) => f.properties.code)).toEqual([PLAINE_COMMUNE, EST_ENSEMBLE]);
    const [plaine, est] = features;
    expect(plaine.properties).toMatchObject({
      name: 'Plaine Commune',
      children_under3: 11200,
      places_total: 1300,
      fictional: false,
    });
    expect(plaine.properties.coverage_rate).toBeCloseTo(11.6, 1);
    // Plaine Commune's three squares touch: one ring; Est Ensemble's two do not: two.
    expect(plaine.loadGeometry()).toHaveLength(1);
    expect(est.loadGeometry()).toHaveLength(2);
  });
});
