import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorAnswer,
  facilityCollection,
  health,
  isochroneCollection,
  layersDocument,
  nearestCollection,
  territoryCollection,
  territoryDetail,
} from '../../../contract';
import { contractProblem, expectContract } from '../../test/contract';
import { databaseMode } from '../../test/database';
import { startDemoServer, type DemoServer } from '../../test/demo-server';

/**
 * Real answers of every endpoint, on the demo territory, parsed with the contract's answer
 * schemas (strict: a field missing, extra or of another type fails). The test server also
 * checks every answer of every other API test the same way (server/test/contract.ts).
 */
describe(`answers match the API contract (${databaseMode})`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer();
  });
  afterAll(() => demo?.close());

  /** Status, content type and parsed body of one answer. */
  const get = async (path: string, init?: RequestInit) => {
    const res = await demo.fetch(path, init);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  const post = (path: string, body: string) =>
    get(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('health', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(expectContract(health, body).database.mode).toBe(databaseMode);
  });

  it('lists of every level, both references, one département', async () => {
    for (const query of [
      'level=commune',
      'level=epci&reference=departement',
      'level=departement&year=2021',
      'level=commune&departement=Z1',
    ]) {
      const { status, body } = await get(`/api/territories?${query}`);
      expect(status, query).toBe(200);
      expect(expectContract(territoryCollection, body).features.length).toBeGreaterThan(0);
    }
  });

  it('details of a commune, an EPCI and a département', async () => {
    const { body: list } = await get('/api/territories?level=commune');
    const commune = list.features[0].properties;
    for (const [level, code] of [
      ['commune', commune.code],
      ['epci', commune.epci_code],
      ['departement', commune.departement_code],
    ]) {
      const { status, body } = await get(`/api/territories/${level}/${code}?reference=departement`);
      expect(status, `${level} ${code}`).toBe(200);
      expect(expectContract(territoryDetail, body).territory.code).toBe(code);
    }
  });

  it('facilities, whole and truncated', async () => {
    for (const query of ['bbox=-5,41,10,52', 'bbox=-5,41,10,52&type=mam&limit=2']) {
      const { status, body } = await get(`/api/facilities?${query}`);
      expect(status, query).toBe(200);
      expect(expectContract(facilityCollection, body).features.length).toBeGreaterThan(0);
    }
  });

  it('isochrones and times to the nearest place', async () => {
    const { body: list } = await get('/api/territories?level=epci');
    const [lon, lat] = list.features[0].properties.label_point;
    const iso = await post(
      '/api/isochrones',
      JSON.stringify({ lon, lat, minutes: [10, 20], mode: 'car' }),
    );
    expect(iso.status).toBe(200);
    expect(expectContract(isochroneCollection, iso.body).metadata.minutes).toEqual([10, 20]);
    for (const level of ['commune', 'grid']) {
      const { status, body } = await get(`/api/travel/nearest?level=${level}&target=formal`);
      expect(status, level).toBe(200);
      expect(expectContract(nearestCollection, body).metadata.level).toBe(level);
    }
  });

  it('the layers catalogue', async () => {
    const { status, body } = await get('/api/layers');
    expect(status).toBe(200);
    expect(expectContract(layersDocument, body).layers.length).toBeGreaterThan(0);
  });

  it('errors of every kind, in the one shape, as application/json', async () => {
    const answers = [
      await get('/api/territories?level=region'),
      await get('/api/territories?level=epci&year=1990'),
      await get('/api/territories/commune/Z1999'),
      await get('/api/nope'),
      await post('/api/isochrones', '{"lon": 2'),
      await post(
        '/api/isochrones',
        JSON.stringify({ lon: 2.8, lat: 47, minutes: [10], mode: 'car', year: 2030 }),
      ),
      await get('/api/tiles/nope/1/1/1.mvt'),
    ];
    expect(answers.map((a) => [a.status, a.body.error?.code])).toEqual([
      [400, 'bad_request'],
      [404, 'year_not_available'],
      [404, 'not_found'],
      [404, 'not_found'],
      [400, 'invalid_json'],
      [400, 'year_not_available'],
      [404, 'not_found'],
    ]);
    for (const a of answers) {
      expectContract(errorAnswer, a.body);
      expect(a.type).toBe('application/json; charset=utf-8');
    }
  });

  it('an answer that drifts from the contract is reported, naming the field', async () => {
    const { body } = await get('/api/territories?level=epci');
    const drifted = structuredClone(body);
    delete drifted.features[0].properties.places_total;
    drifted.metadata.extra = 1;
    const problem = contractProblem(
      'GET',
      '/api/territories?level=epci',
      200,
      'application/geo+json',
      Buffer.from(JSON.stringify(drifted)),
    );
    expect(problem).toMatch(/features\.0\.properties\.places_total/);
    expect(problem).toMatch(/metadata: Unrecognized key: "extra"/);
    const undocumented = contractProblem(
      'GET',
      '/api/health',
      201,
      'application/json',
      Buffer.from('{}'),
    );
    expect(undocumented).toMatch(/status not documented/);
  });
});
