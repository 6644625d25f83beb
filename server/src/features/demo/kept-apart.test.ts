import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { runImport, type ImportRequest } from '../imports/service';
import { TravelService } from '../travel/service';
import { travelMatrix } from '../travel/matrix';
import { removeDatasets } from '../datasets/service';
import { loadDemo } from './service';

/**
 * The demo and a real département loaded side by side (the Cher from the importers' fixtures in
 * their real formats): every answer about one uses only the rows of its own side, and is flagged
 * fictional only when it is about the demo.
 */

const FIXTURES = path.resolve('server/src/features/imports/test/fixtures');
/** The Cher's population year, which the demo also has. */
const YEAR = 2021;
const CHER: [ImportRequest['kind'], string][] = [
  ['boundaries', 'boundaries-geoapi.geojson'],
  ['population', 'population-insee-2021.csv'],
  ['mams', 'mams.csv'],
  ['childminders', 'childminders.csv'],
  ['roads', 'roads-small.osm'],
];

interface NamedDataset {
  id: number;
  fictional: boolean;
}
/** What these tests read of a feature's properties. */
type Props = Record<string, unknown> & { departements: string[] };
type Feature = { properties: Props };

describe(`the demo and a real département kept apart (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  /** Ids of the fictional datasets (the demo's) and of the real ones. */
  const fictionalIds = new Set<number>();
  const realIds = new Set<number>();
  let demoPoint: { lon: number; lat: number };

  const get = async (p: string) => {
    const res = await fetch(`${server.baseUrl}${p}`);
    return { status: res.status, body: await res.json() };
  };
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${server.baseUrl}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  /** Every dataset named (and every source id) is of one side. */
  const allOfSide = (
    datasets: NamedDataset[],
    sources: number[],
    fictional: boolean,
    { empty = false } = {},
  ) => {
    if (!empty) expect(datasets.length).toBeGreaterThan(0);
    expect(datasets.filter((d) => d.fictional !== fictional)).toEqual([]);
    const wrong = fictional ? realIds : fictionalIds;
    expect(sources.filter((id) => wrong.has(id))).toEqual([]);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    for (const [kind, file] of CHER) {
      const o = await runImport(db, { kind, file: path.join(FIXTURES, file) });
      expect(o.status, kind).toBe('imported');
    }
    for (const d of await db.knex('dataset').select('id', 'fictional'))
      (d.fictional ? fictionalIds : realIds).add(d.id);
    const { rows } = await db.knex.raw(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM commune
       WHERE departement_code = 'Z1' ORDER BY code LIMIT 1`,
    );
    demoPoint = rows[0];
    server = await startTestServer(db);
  }, 600_000); // the demo and five imports: minutes on a loaded machine
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('a real territory list and detail name real datasets only and are not fictional', async () => {
    const list = await get(`/api/territories?level=commune&departement=18&year=${YEAR}`);
    expect(list.status).toBe(200);
    expect(list.body.metadata.fictional).toBe(false);
    expect(list.body.features.every((f: Feature) => f.properties.fictional === false)).toBe(true);
    allOfSide(list.body.metadata.datasets, [], false);
    const demo = await get(`/api/territories?level=commune&departement=Z1&year=${YEAR}`);
    expect(demo.body.metadata.fictional).toBe(true);
    allOfSide(demo.body.metadata.datasets, [], true);
  });

  it('an isochrone from Bourges counts real roads, children and places only, and the reverse', async () => {
    const real = await post('/api/isochrones', {
      lon: 2.4,
      lat: 47.08,
      minutes: [10],
      mode: 'car',
      year: YEAR,
    });
    expect(real.status).toBe(200);
    expect(real.body.origin.reachable).toBe(true);
    expect(real.body.metadata.fictional).toBe(false);
    allOfSide(real.body.metadata.datasets, real.body.features[0].properties.sources, false);
    expect(real.body.features[0].properties.fictional).toBe(false);
    // The Cher has no INSEE grid here: its children are placed by the estimate (or spread over
    // a commune's area), and said to be estimated.
    expect(real.body.features[0].properties.children_estimated).toBe(true);

    const demo = await post('/api/isochrones', {
      ...demoPoint,
      minutes: [10],
      mode: 'car',
      year: YEAR,
    });
    expect(demo.status).toBe(200);
    expect(demo.body.metadata.fictional).toBe(true);
    allOfSide(demo.body.metadata.datasets, demo.body.features[0].properties.sources, true);
  });

  it('times to the nearest place go to the places of the same side only', async () => {
    const real = await get(
      `/api/travel/nearest?level=commune&target=formal&mode=car&departement=18&year=${YEAR}`,
    );
    expect(real.status).toBe(200);
    expect(real.body.metadata.fictional).toBe(false);
    allOfSide(real.body.metadata.datasets, real.body.metadata.sources, false);
    // The Cher's MAM open in 2021 (MAM-02 opens in 2022), not the demo's hundreds of places.
    expect(real.body.metadata.targets).toBe(1);
    // Without a département: the real territories, once one is loaded.
    const all = await get(`/api/travel/nearest?level=commune&target=formal&mode=car&year=${YEAR}`);
    expect(all.body.features.map((f: Feature) => f.properties.departement_code)).not.toContain(
      'Z1',
    );
    allOfSide(all.body.metadata.datasets, all.body.metadata.sources, false);

    const demo = await get(
      `/api/travel/nearest?level=grid&target=formal&mode=car&departement=Z1&year=${YEAR}`,
    );
    expect(demo.body.metadata.fictional).toBe(true);
    expect(demo.body.metadata.targets).toBeGreaterThan(10);
    allOfSide(demo.body.metadata.datasets, demo.body.metadata.sources, true);
  });

  it('a matrix from real communes goes to real places only', async () => {
    const service = new TravelService(db.knex);
    const real = await travelMatrix(service, {
      from: 'communes',
      to: 'all',
      maxMinutes: 60,
      mode: 'car',
      year: YEAR,
      departement: '18',
    });
    const [{ id }] = await db.knex('mam').where({ source_id: 'MAM-01' }).select('id');
    expect(real.destinations).toBe(1);
    expect(real.rows.filter((r) => r.destination !== `mam-${id}`)).toEqual([]);
    const demo = await travelMatrix(service, {
      from: 'communes',
      to: 'mam',
      maxMinutes: 10,
      mode: 'car',
      year: YEAR,
      departement: 'Z1',
    });
    expect(demo.rows.some((r) => r.destination === `mam-${id}`)).toBe(false);
    expect(demo.rows.every((r) => r.origin.startsWith('Z1'))).toBe(true);
  });

  it('accessibility of the Cher is computed over real cells, places and roads only', async () => {
    const real = await post('/api/accessibility', { departement: '18', year: YEAR });
    expect(real.status).toBe(200);
    expect(real.body.metadata.fictional).toBe(false);
    allOfSide(real.body.metadata.datasets, real.body.metadata.sources, false);
    expect(
      real.body.territories.every(
        (t: { code: string; departementCode: string }) => !t.code.startsWith('Z'),
      ),
    ).toBe(true);
    const detail = await get(`/api/territories/commune/18033?year=${YEAR}&accessibility=true`);
    expect(detail.status).toBe(200);
    allOfSide(detail.body.datasets, detail.body.accessibility?.method.sources ?? [], false);

    const demo = await post('/api/accessibility', { departement: 'Z1', year: YEAR });
    expect(demo.body.metadata.fictional).toBe(true);
    allOfSide(demo.body.metadata.datasets, demo.body.metadata.sources, true);
  });

  it('gap zones of each side are a set apart, computed for that side’s own latest year', async () => {
    // The Cher's population is of 2021 and the demo's goes to 2024: each side's zones are drawn
    // for its own latest year, over its own cells, roads and places.
    const years = async (fictional: boolean) =>
      (
        await db.knex.raw(
          `SELECT max(p.year) AS year FROM population p JOIN commune c ON c.code = p.commune_code
           JOIN dataset d ON d.id = c.dataset_id WHERE d.fictional = ?`,
          [fictional],
        )
      ).rows[0].year as number;
    const real = await get('/api/gap-zones?level=departement&code=18');
    expect(real.status).toBe(200);
    expect(real.body.metadata.year).toBe(await years(false));
    expect(real.body.metadata.fictional).toBe(false);
    allOfSide(real.body.metadata.datasets, real.body.metadata.sources, false);
    expect(real.body.features.every((f: Feature) => f.properties.departements.includes('18'))).toBe(
      true,
    );
    const demo = await get('/api/gap-zones?level=departement&code=Z1');
    expect(demo.body.metadata.year).toBe(await years(true));
    expect(demo.body.metadata.year).not.toBe(real.body.metadata.year);
    expect(demo.body.metadata.fictional).toBe(true);
    expect(demo.body.features.length).toBeGreaterThan(0);
    allOfSide(demo.body.metadata.datasets, demo.body.metadata.sources, true);
    // The cells examined are each side's own: none of the Cher's is in the demo's count.
    const cells = async (fictional: boolean) =>
      Number(
        (
          await db.knex.raw(
            `SELECT count(DISTINCT dc.cell_id) AS n FROM demand_cell dc
             JOIN commune c ON c.code = dc.commune_code JOIN dataset d ON d.id = c.dataset_id
             JOIN population p ON p.commune_code = dc.commune_code AND p.year = ?
             WHERE d.fictional = ? AND p.children_under3 > 0 AND dc.share > 0`,
            [fictional ? demo.body.metadata.year : real.body.metadata.year, fictional],
          )
        ).rows[0].n,
      );
    expect(real.body.metadata.cells).toBe(await cells(false));
    expect(demo.body.metadata.cells).toBe(await cells(true));
  });

  it('removing the demo leaves every real answer byte-identical, and the demo gone', async () => {
    const text = async (p: string, body?: unknown) => {
      const res = await fetch(`${server.baseUrl}${p}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, p).toBe(200);
      return res.text();
    };
    const realAnswers = () =>
      Promise.all([
        text(`/api/territories?level=commune&departement=18&year=${YEAR}`),
        text(`/api/territories?level=epci&departement=18&year=${YEAR}&format=csv`),
        text(`/api/territories/commune/18033?year=${YEAR}&accessibility=true`),
        text(`/api/territories/departement/18?year=${YEAR}`),
        text('/api/facilities?bbox=2.2,46.9,2.6,47.2'),
        text('/api/isochrones', { lon: 2.4, lat: 47.08, minutes: [10, 20], mode: 'car' }),
        text(`/api/travel/nearest?level=commune&target=formal&mode=car&departement=18`),
        text(`/api/travel/nearest?level=grid&target=mam&mode=car`),
        text('/api/accessibility', { departement: '18' }),
        text('/api/gap-zones?level=departement&code=18'),
      ]);
    const before = await realAnswers();
    const outcome = await removeDatasets(db, { demo: true });
    expect(outcome.status).toBe('removed');
    expect(outcome.summary.datasets.every((d) => d.fictional)).toBe(true);
    expect(outcome.summary.rows.commune).toBeGreaterThan(0);
    const after = await realAnswers();
    after.forEach((answer, i) => expect(answer, `answer ${i}`).toBe(before[i]));
    const [{ n }] = await db.knex('commune').where('code', 'like', 'Z%').count({ n: '*' });
    expect(Number(n)).toBe(0);
    const health = await get('/api/health');
    expect(health.body.fictional).toBe(false);
    expect(
      health.body.territories.map(
        (t: { code: string; departementCode: string }) => t.departementCode,
      ),
    ).toEqual(['18']);
    expect(health.body.datasets.filter((d: NamedDataset) => d.fictional)).toEqual([]);
  });
});
