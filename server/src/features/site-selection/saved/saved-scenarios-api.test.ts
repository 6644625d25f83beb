import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedScenario, savedScenarioList, type SavedScenario } from '../../../../../contract';
import { databaseMode } from '../../../../test/database';
import { expectContract } from '../../../../test/contract';
import { startDemoServer, type DemoServer } from '../../../../test/demo-server';
import { browser, fetchCsrfToken, signedIn, type Browser } from '../../../../test/sign-in';

/**
 * Saved scenarios over HTTP on the demo, with real sessions: a planner of the demo's
 * département saves one, colleagues of the territory read it, a planner of another département
 * neither sees nor saves there, only the author or an admin changes or deletes it (against the
 * version read), and a reviewer's decision may link to it only while it exists.
 */
describe(`saved scenarios (${databaseMode})`, () => {
  let demo: DemoServer;
  let as: Record<'public' | 'planner' | 'colleague' | 'elsewhere' | 'reviewer' | 'admin', Browser>;
  let point: { lon: number; lat: number; commune: string; epci: string; departement: string };
  let facility: { id: string; commune: string };
  let zone: string;
  let saved: SavedScenario;

  const json = async (b: Browser, method: string, path: string, body?: unknown) => {
    const res = await b.fetch(path, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    demo = await startDemoServer();
    const { db } = demo;
    const base = demo.server.baseUrl;
    const [departement] = await db.knex('departement').pluck('code');
    const here = [{ level: 'departement' as const, code: departement }];
    const pub = browser(base);
    await fetchCsrfToken(pub);
    as = {
      public: pub,
      planner: await signedIn(db, base, { login: 'marc', role: 'planner', territories: here }),
      colleague: await signedIn(db, base, { login: 'lea', role: 'planner', territories: here }),
      elsewhere: await signedIn(db, base, {
        login: 'corse',
        role: 'planner',
        territories: [{ level: 'departement', code: '2A' }],
      }),
      reviewer: await signedIn(db, base, { login: 'pmi', role: 'reviewer', territories: here }),
      admin: await signedIn(db, base, { login: 'root', role: 'admin' }),
    };
    const c = (
      await db.knex.raw(
        `SELECT code, epci_code, departement_code, ST_X(ST_PointOnSurface(geom)) AS lon,
                ST_Y(ST_PointOnSurface(geom)) AS lat
         FROM commune WHERE epci_code IS NOT NULL ORDER BY code LIMIT 1`,
      )
    ).rows[0];
    point = {
      lon: c.lon,
      lat: c.lat,
      commune: c.code,
      epci: c.epci_code,
      departement: c.departement_code,
    };
    const e = (await db.knex.raw(`SELECT id, commune_code FROM eaje ORDER BY id LIMIT 1`)).rows[0];
    facility = { id: `eaje-${e.id}`, commune: e.commune_code };
    const zones = await (await demo.fetch('/api/gap-zones?minutes=15')).json();
    zone = zones.features[0].properties.id;
  }, 180_000);
  afterAll(async () => demo?.close());

  const body = () => ({
    name: '  Une MAM et une fermeture  ',
    changes: [
      { op: 'add', kind: 'mam', lon: point.lon, lat: point.lat, places: 16 },
      { op: 'close', facility: facility.id },
    ],
    minutes: 15,
  });

  it('a planner saves a scenario: its author, version 1, the territories it touches, its link', async () => {
    const res = await json(as.planner, 'POST', '/api/scenarios', body());
    expect(res.status).toBe(201);
    saved = expectContract(savedScenario, res.body);
    expect(saved).toMatchObject({
      name: 'Une MAM et une fermeture',
      year: null,
      minutes: 15,
      author: { id: as.planner.userId, name: 'marc' },
      version: 1,
      editable: true,
      link: `/projet-mam?scenario=${saved.id}`,
      departements: [point.departement],
    });
    expect(saved.communes).toEqual([...new Set([point.commune, facility.commune])].sort());
    expect(saved.epcis).toContain(point.epci);
    expect(saved.changes).toEqual(body().changes);
  });

  it('signed-in users of the territory read it; the public and other territories do not', async () => {
    for (const who of ['planner', 'colleague', 'reviewer', 'admin'] as const) {
      const list = await json(as[who], 'GET', '/api/scenarios');
      expect(list.status, who).toBe(200);
      const found = expectContract(savedScenarioList, list.body).scenarios.find(
        (s) => s.id === saved.id,
      );
      expect(found?.editable, who).toBe(who === 'planner' || who === 'admin');
      expect((await json(as[who], 'GET', `/api/scenarios/${saved.id}`)).status, who).toBe(200);
    }
    const elsewhere = await json(as.elsewhere, 'GET', '/api/scenarios');
    expect(elsewhere.body.scenarios.map((s: SavedScenario) => s.id)).not.toContain(saved.id);
    expect((await json(as.elsewhere, 'GET', `/api/scenarios/${saved.id}`)).status).toBe(403);
    expect((await json(as.public, 'GET', '/api/scenarios')).status).toBe(401);
    expect((await json(as.public, 'GET', `/api/scenarios/${saved.id}`)).status).toBe(401);
  });

  it('refuses to save for a reviewer, the public, or outside the planner’s territories', async () => {
    expect((await json(as.reviewer, 'POST', '/api/scenarios', body())).status).toBe(403);
    expect((await json(as.public, 'POST', '/api/scenarios', body())).status).toBe(401);
    const res = await json(as.elsewhere, 'POST', '/api/scenarios', body());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/outside the territories/);
  });

  it('refuses changes it cannot place, naming the change', async () => {
    const cases: [unknown, string][] = [
      [[{ op: 'add', kind: 'mam', lon: -60, lat: 10, places: 16 }], 'body.changes.0.lon'],
      [[{ op: 'close', facility: 'eaje-999999' }], 'body.changes.0.facility'],
      [
        [
          { op: 'close', facility: facility.id },
          { op: 'add', kind: 'micro_creche', lon: point.lon, lat: point.lat, places: 16 },
        ],
        'body.changes.1.places',
      ],
    ];
    for (const [changes, field] of cases) {
      const res = await json(as.planner, 'POST', '/api/scenarios', { name: 'x', changes });
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await json(as.planner, 'GET', '/api/scenarios/abc')).status).toBe(400);
    expect((await json(as.planner, 'GET', '/api/scenarios/999999')).status).toBe(404);
  });

  it('only its author or an admin changes it, against the version read (409 when stale)', async () => {
    const change = { ...body(), name: 'Renommé', version: 1 };
    const path = `/api/scenarios/${saved.id}`;
    expect((await json(as.colleague, 'PUT', path, change)).status).toBe(403);
    expect((await json(as.reviewer, 'PUT', path, change)).status).toBe(403);
    const renamed = await json(as.planner, 'PUT', path, change);
    expect(renamed.status).toBe(200);
    expect(expectContract(savedScenario, renamed.body)).toMatchObject({
      name: 'Renommé',
      version: 2,
      author: { id: as.planner.userId },
    });
    const stale = await json(as.admin, 'PUT', path, { ...change, name: 'Trop tard' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 1 .*version 2/);
    const byAdmin = await json(as.admin, 'PUT', path, { ...change, name: 'Admin', version: 2 });
    expect([byAdmin.status, byAdmin.body.version, byAdmin.body.name]).toEqual([200, 3, 'Admin']);
  });

  it('a decision links to a saved scenario while it exists; deleting is the author’s or an admin’s', async () => {
    const decide = (ref: string) =>
      json(as.reviewer, 'POST', `/api/gap-zones/${zone}/decisions`, {
        text: 'Étudier ce scénario au comité.',
        decided_on: '2025-03-14',
        link: { kind: 'scenario', ref },
      });
    const linked = await decide(saved.link);
    expect(linked.status).toBe(201);
    expect(linked.body.link).toEqual({ kind: 'scenario', ref: String(saved.id) });
    const review = await json(as.planner, 'GET', `/api/gap-zones/${zone}/review`);
    expect(review.body.decisions.at(-1).link).toEqual({ kind: 'scenario', ref: String(saved.id) });

    const path = `/api/scenarios/${saved.id}`;
    expect((await json(as.colleague, 'DELETE', path)).status).toBe(403);
    expect((await json(as.public, 'DELETE', path)).status).toBe(401);
    expect((await json(as.planner, 'DELETE', path)).status).toBe(204);
    expect((await json(as.planner, 'GET', path)).status).toBe(404);
    const dangling = await decide(String(saved.id));
    expect(dangling.status).toBe(400);
    expect(dangling.body.error.details).toEqual([
      { field: 'body.link.ref', message: `no saved scenario ${saved.id}` },
    ]);
  });
});
