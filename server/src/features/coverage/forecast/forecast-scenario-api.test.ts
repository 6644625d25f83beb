import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryForecast, type TerritoryForecast } from '../../../../../contract';
import { databaseMode } from '../../../../test/database';
import { expectContract } from '../../../../test/contract';
import { startDemoServer, type DemoServer } from '../../../../test/demo-server';
import { browser, fetchCsrfToken, signedIn, type Browser } from '../../../../test/sign-in';

/**
 * The rate projected with a saved scenario, on the demo: a planner saves a MAM of 4
 * childminders (16 agreement places) in a demo commune; the forecast of that commune and of its
 * EPCI with `scenario` counts 16 × 0.81 more places from the year after the base year, beside
 * the unchanged "no change" rate, and only for signed-in users of the scenario's territories.
 */
const MAM_PLACES = 16;
/** The official share of childminder places used by children under 3 (docs/coverage.md). */
const AM_UNDER3_SHARE = 0.81;

describe(`forecast with a saved scenario (${databaseMode})`, () => {
  let demo: DemoServer;
  let as: Record<'public' | 'planner' | 'elsewhere', Browser>;
  let place: { commune: string; epci: string; other: string };
  let scenarioId: number;

  const get = async (b: Browser, path: string) => {
    const res = await b.fetch(path);
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    demo = await startDemoServer();
    const { db } = demo;
    const base = demo.server.baseUrl;
    const [departement] = await db.knex('departement').pluck('code');
    const pub = browser(base);
    await fetchCsrfToken(pub);
    as = {
      public: pub,
      planner: await signedIn(db, base, {
        login: 'marc',
        role: 'planner',
        territories: [{ level: 'departement', code: departement }],
      }),
      elsewhere: await signedIn(db, base, {
        login: 'corse',
        role: 'planner',
        territories: [{ level: 'departement', code: '2A' }],
      }),
    };
    const c = (
      await db.knex.raw(
        `SELECT code, epci_code, ST_X(ST_PointOnSurface(geom)) AS lon,
                ST_Y(ST_PointOnSurface(geom)) AS lat
         FROM commune WHERE epci_code IS NOT NULL ORDER BY code LIMIT 1`,
      )
    ).rows[0];
    const other = (
      await db.knex.raw(`SELECT code FROM commune WHERE epci_code <> ? ORDER BY code LIMIT 1`, [
        c.epci_code,
      ])
    ).rows[0];
    place = { commune: c.code, epci: c.epci_code, other: other.code };
    const res = await as.planner.fetch('/api/scenarios', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'MAM des Tilleuls',
        changes: [{ op: 'add', kind: 'mam', lon: c.lon, lat: c.lat, places: MAM_PLACES }],
      }),
    });
    expect(res.status).toBe(201);
    scenarioId = (await res.json()).id;
  }, 180_000);
  afterAll(async () => demo?.close());

  for (const level of ['commune', 'epci'] as const)
    it(`${level}: the rate with the scenario is "no change" plus the MAM's places counted`, async () => {
      const code = level === 'commune' ? place.commune : place.epci;
      const plain = await get(as.planner, `/api/territories/${level}/${code}/forecast`);
      const withIt = await get(
        as.planner,
        `/api/territories/${level}/${code}/forecast?scenario=${scenarioId}`,
      );
      expect(plain.status).toBe(200);
      expect(withIt.status).toBe(200);
      const a: TerritoryForecast = expectContract(territoryForecast, plain.body);
      const b: TerritoryForecast = expectContract(territoryForecast, withIt.body);
      expect(a.coverage_rate_scenario).toBeNull();
      expect(b.coverage_rate).toEqual(a.coverage_rate);
      const noChange = b.coverage_rate!;
      const s = b.coverage_rate_scenario!;
      expect(s.name).toBe('MAM des Tilleuls');
      expect(s.scenario).toMatchObject({
        id: scenarioId,
        name: 'MAM des Tilleuls',
        author: 'marc',
      });
      expect(s.method_text).toContain('avec le scénario « MAM des Tilleuls »');
      expect(s.method_text).toMatch(/^Projection : /);
      const added = MAM_PLACES * AM_UNDER3_SHARE;
      expect(s.scenario.places_counted_delta).toBeCloseTo(added, 9);
      expect(s.scenario.changes).toEqual([
        { commune_code: place.commune, label: expect.any(String), places_counted: 12.96 },
      ]);
      expect(s.points).toHaveLength(noChange.points.length);
      s.points.forEach((p, i) => {
        const before = noChange.points[i];
        const children = b.children_under3.points[i].central;
        expect(p.year).toBe(before.year);
        expect(p.year).toBeGreaterThan(b.base_year);
        expect(p.places_counted).toBeCloseTo(before.places_counted + added, 2);
        // Rates to 0.1, children to 0.1: within the rounding of both (0.05 on the rate, and
        // the rate's share of 0.05 child).
        const expected = (100 * (before.places_counted + added)) / children;
        const rounding = 0.05 + (expected * 0.05) / children + 1e-6;
        expect(Math.abs(p.rate! - expected)).toBeLessThanOrEqual(rounding);
      });
    });

  it('a territory the scenario does not touch keeps the "no change" rate', async () => {
    const { status, body } = await get(
      as.planner,
      `/api/territories/commune/${place.other}/forecast?scenario=${scenarioId}`,
    );
    expect(status).toBe(200);
    expect(body.coverage_rate_scenario.scenario.places_counted_delta).toBe(0);
    expect(body.coverage_rate_scenario.points).toEqual(body.coverage_rate.points);
  });

  it('answers 401 to the public, 403 outside the scenario’s territories, 404 for no scenario', async () => {
    const path = (id: number) => `/api/territories/epci/${place.epci}/forecast?scenario=${id}`;
    const anonymous = await get(as.public, path(scenarioId));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const elsewhere = await get(as.elsewhere, path(scenarioId));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('forbidden');
    const unknown = await get(as.planner, path(scenarioId + 1000));
    expect(unknown.status).toBe(404);
    const bad = await get(as.planner, `/api/territories/epci/${place.epci}/forecast?scenario=x`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('query.scenario');
    // Without a scenario the forecast stays public.
    expect((await get(as.public, `/api/territories/epci/${place.epci}/forecast`)).status).toBe(200);
  });
});
