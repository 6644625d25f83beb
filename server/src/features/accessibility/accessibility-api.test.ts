import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadAccessTerritory, YEAR } from './test/territory';

/** POST /api/accessibility on the hand-computed territory of test/territory.ts. */
describe(`POST /api/accessibility (${databaseMode})`, () => {
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

  const post = async (body: unknown) => {
    const res = await fetch(`${server.baseUrl}/api/accessibility`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('answers every territory with the defaults named (E2SFCA, 30 min by car, every mode)', async () => {
    const { status, body } = await post({});
    expect(status).toBe(200);
    expect(body.metadata).toMatchObject({
      year: YEAR,
      method: 'e2sfca',
      weights: 'steps:10=1,20=0.68,30=0.22',
      max_minutes: 30,
      travel_mode: 'car',
      modes: ['eaje', 'mam', 'am'],
      demand: 'grid',
      cells: 3,
      fictional: true,
    });
    expect(body.metadata.datasets.map((d: { key: string }) => d.key).sort()).toEqual([
      'test:eaje',
      'test:grid',
      'test:population',
      'test:roads',
    ]);
    expect(body.territories.map((t: { code: string }) => t.code)).toEqual([
      '18001',
      '18002',
      '18003',
      '200000001',
      '200000002',
      '18',
    ]);
    expect(body.territories[0]).toEqual({
      level: 'commune',
      code: '18001',
      name: 'Alpha',
      official_rate: 75,
      children: 40,
      places: 30,
      places_rate: 75,
      accessibility_rate: 66.7,
      places_used_by_residents: 20,
      places_used_by_outsiders: 10,
      places_used_outside: 6.67,
      places_unreached: 0,
      estimated: false,
    });
    // The public does not see the places of Charlie's one childminder (statistical secrecy).
    expect(body.territories[2]).toMatchObject({ code: '18003', official_rate: null, places: 0 });
  });

  it('takes the method, modes, minutes, weights and level asked for', async () => {
    const { status, body } = await post({
      method: 'gravity',
      weights: 'gravity:scale=1,alpha=-1,min=1',
      modes: ['eaje'],
      minutes: 20,
      level: 'epci',
    });
    expect(status).toBe(200);
    expect(body.metadata).toMatchObject({ method: 'gravity', max_minutes: 20, modes: ['eaje'] });
    // Both crèches are reached by both southern cells only: all 40 places go to their 60 children.
    expect(body.territories).toMatchObject([
      { code: '200000001', places: 40, accessibility_rate: 66.7, places_used_outside: 0 },
      { code: '200000002', places: 0, accessibility_rate: 0 },
    ]);
  });

  it("adds each territory's accessibility to /api/territories when asked, and names the method", async () => {
    const plain = await (await fetch(`${server.baseUrl}/api/territories?level=commune`)).json();
    expect(plain.features[0].properties).not.toHaveProperty('accessibility');
    const res = await fetch(`${server.baseUrl}/api/territories?level=commune&accessibility=true`);
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list.metadata.accessibility).toMatchObject({ method: 'e2sfca', demand: 'grid' });
    // The grid's and the roads' sources are named beside the figures' own.
    const keys = list.metadata.datasets.map((d: { key: string }) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['test:grid', 'test:roads', 'test:population']));
    const bravo = list.features.find((f: { id: string }) => f.id === '18002');
    expect(bravo.properties.coverage_rate).toBe(50);
    expect(bravo.properties.accessibility).toEqual({
      official_rate: 50,
      children: 20,
      places: 10,
      places_rate: 50,
      accessibility_rate: 66.7,
      places_used_by_residents: 3.33,
      places_used_by_outsiders: 6.67,
      places_used_outside: 10,
      places_unreached: 0,
      estimated: false,
    });
  });

  it('writes the accessibility columns in the CSV (decimal commas)', async () => {
    const res = await fetch(
      `${server.baseUrl}/api/territories?level=epci&format=csv&accessibility=true`,
    );
    const [header, ...lines] = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const columns = header.split(';');
    expect(columns.slice(-3)).toEqual([
      'accessibility_places_used_outside',
      'accessibility_places_unreached',
      'accessibility_estimated',
    ]);
    const sud = Object.fromEntries(lines[0].split(';').map((v, k) => [columns[k], v]));
    expect(sud).toMatchObject({
      code: '200000001',
      accessibility_accessibility_rate: '66,7',
      accessibility_places_used_outside: '0',
      accessibility_estimated: 'non',
    });
  });

  it('gives the territory detail its accessibility with the method, when asked', async () => {
    const plain = await (await fetch(`${server.baseUrl}/api/territories/commune/18001`)).json();
    expect(plain).not.toHaveProperty('accessibility');
    const res = await fetch(`${server.baseUrl}/api/territories/commune/18001?accessibility=true`);
    const detail = await res.json();
    expect(detail.accessibility).toMatchObject({
      accessibility_rate: 66.7,
      places_used_by_outsiders: 10,
      places_used_outside: 6.67,
      method: { method: 'e2sfca', max_minutes: 30, travel_mode: 'car', demand: 'grid' },
    });
  });

  it('draws the populated cells with their accessibility per 100 children', async () => {
    const res = await fetch(`${server.baseUrl}/api/accessibility/cells?departement=18`);
    expect(res.status).toBe(200);
    const cells = await res.json();
    expect(cells.metadata).toMatchObject({ method: 'e2sfca', demand: 'grid', cells: 3 });
    expect(
      Object.fromEntries(
        cells.features.map((f: { id: string; properties: { accessibility_rate: number } }) => [
          f.id,
          f.properties.accessibility_rate,
        ]),
      ),
    ).toEqual({ 'cell-18001@18001': 66.7, 'cell-18002@18002': 66.7, 'cell-18003@18003': 0 });
    expect(cells.features[0].geometry.type).toBe('Polygon');
  });

  it('answers 400 naming the field for a bad département of the cells', async () => {
    const res = await fetch(`${server.baseUrl}/api/accessibility/cells?departement=x`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe('query.departement');
  });

  it.each([
    [{ method: 'fcsa' }, 'body.method', 'must be one of 2sfca, e2sfca, 3sfca, gravity'],
    [{ modes: ['creche'] }, 'body.modes.0', 'must be one of eaje, mam, am'],
    [{ modes: [] }, 'body.modes', 'must list at least one mode'],
    [{ minutes: 0 }, 'body.minutes', 'must be a whole number of minutes from 1 to 60'],
    [{ minutes: 90 }, 'body.minutes', 'must be a whole number of minutes from 1 to 60'],
    [{ method: '2sfca', weights: 'steps:10=1' }, 'body.weights', 'method 2sfca takes uniform'],
    [{ weights: 'steps:20=1,10=0.5' }, 'body.weights', 'bounds must increase'],
    [{ year: 1990 }, 'body.year', 'No data for year 1990'],
    [{ colour: 'red' }, 'body', 'unknown parameter(s): colour'],
  ])('answers 400 naming the field for %j', async (request, field, message) => {
    const { status, body } = await post(request);
    expect(status).toBe(400);
    expect(body.error.code).toMatch(/^(bad_request|year_not_available)$/);
    expect(body.error.details).toEqual([
      expect.objectContaining({ field, message: expect.stringContaining(message) }),
    ]);
  });
});
