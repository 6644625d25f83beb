import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ENDPOINTS, type ApiEndpoint } from '../../../contract';
import { databaseMode } from '../../test/database';
import { startDemoServer, type DemoServer } from '../../test/demo-server';
import { browser, fetchCsrfToken, signedIn, signInAs, type Browser } from '../../test/sign-in';

/**
 * What each role may do, endpoint by endpoint: every endpoint of the contract is called with its
 * documented examples as the public, a planner of the demo's département, a planner of another
 * département, a reviewer and an admin, and each answer's status is checked against the policy
 * below (docs/security.md). Writes of a signed-in user without the CSRF token are refused; no
 * answer to the public holds a childminder's home.
 */

const IDENTITIES = ['public', 'planner', 'plannerElsewhere', 'reviewer', 'admin'] as const;
type Identity = (typeof IDENTITIES)[number];

/** Statuses of the endpoints that depend on who asks; every other answers all alike. */
const POLICY: Record<string, Record<Identity, number>> = {
  'POST /api/session': {
    public: 401,
    planner: 401,
    plannerElsewhere: 401,
    reviewer: 401,
    admin: 401,
  },
  'PUT /api/session/password': {
    public: 401,
    planner: 400,
    plannerElsewhere: 400,
    reviewer: 400,
    admin: 400,
  },
  'GET /api/users': { public: 401, planner: 403, plannerElsewhere: 403, reviewer: 403, admin: 200 },
  'POST /api/users': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 201,
  },
  'PATCH /api/users/{id}': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 200,
  },
  'DELETE /api/users/{id}': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 204,
  },
  // The review of gap zones: signed-in users of the zone's territory read it (a list holds
  // only the zones of the caller's territories); reviewers and admins change it.
  'GET /api/gap-zones/reviews': {
    public: 401,
    planner: 200,
    plannerElsewhere: 200,
    reviewer: 200,
    admin: 200,
  },
  'GET /api/gap-zones/{id}/review': {
    public: 401,
    planner: 200,
    plannerElsewhere: 403,
    reviewer: 200,
    admin: 200,
  },
  // The example's version is not the zone's: allowed callers get the stale-version 409.
  'PATCH /api/gap-zones/{id}/review': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 409,
    admin: 409,
  },
  'POST /api/gap-zones/{id}/comments': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 201,
    admin: 201,
  },
  'POST /api/gap-zones/{id}/decisions': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 201,
    admin: 201,
  },
  // Saved scenarios: signed-in users read those of their territories; planners and admins save
  // them in their territories; the author or an admin changes or deletes one. Scenario 1 is the
  // planner's (the first saved); each DELETE is of a scenario the planner has just saved.
  'GET /api/scenarios': {
    public: 401,
    planner: 200,
    plannerElsewhere: 200,
    reviewer: 200,
    admin: 200,
  },
  'POST /api/scenarios': {
    public: 401,
    planner: 201,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 201,
  },
  'GET /api/scenarios/{id}': {
    public: 401,
    planner: 200,
    plannerElsewhere: 403,
    reviewer: 200,
    admin: 200,
  },
  // The example's version is not the scenario's: its author and admins get the stale-version 409.
  'PUT /api/scenarios/{id}': {
    public: 401,
    planner: 409,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 409,
  },
  'DELETE /api/scenarios/{id}': {
    public: 401,
    planner: 204,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 204,
  },
  // Childminders' homes: signed-in users whose territories contain the territory asked for.
  'GET /api/childminders': {
    public: 401,
    planner: 200,
    plannerElsewhere: 403,
    reviewer: 200,
    admin: 200,
  },
  // Imports and datasets: admins only. The example upload has no body: 400 for an admin.
  'POST /api/imports': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 400,
  },
  'GET /api/datasets': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 200,
  },
  'DELETE /api/datasets/{key}': {
    public: 401,
    planner: 403,
    plannerElsewhere: 403,
    reviewer: 403,
    admin: 404,
  },
  // Signing out is open to all; it is called last, as it ends the session.
  'DELETE /api/session': {
    public: 200,
    planner: 200,
    plannerElsewhere: 200,
    reviewer: 200,
    admin: 200,
  },
};

const key = (e: ApiEndpoint) => `${e.method.toUpperCase()} ${e.path}`;

/** The request of an endpoint's examples: path with its parameters, query, JSON body. */
function exampleRequest(
  e: ApiEndpoint,
  ids: { removable: number; zone?: string; scenario?: number; point?: [number, number] },
) {
  const examples = { ...e.parameterExamples } as Record<string, string | number>;
  if (e.path === '/api/users/{id}' && e.method === 'delete') examples.id = ids.removable;
  if (e.path === '/api/scenarios/{id}' && e.method === 'delete' && ids.scenario) {
    examples.id = ids.scenario;
  }
  // The review endpoints are about a zone of the demo (the contract's example id is not one).
  if (e.path.startsWith('/api/gap-zones/{id}') && ids.zone) examples.id = ids.zone;
  const pathParams = new Set<string>();
  const path = e.path.replace(/\{(\w+)\}/g, (_, name) => {
    pathParams.add(name);
    return encodeURIComponent(String(examples[name]));
  });
  const query = new URLSearchParams(
    Object.entries(examples)
      .filter(([k]) => !pathParams.has(k))
      .map(([k, v]) => [k, String(v)]),
  );
  let body = e.request?.body?.example;
  // Saved scenarios are placed in the demo (the contract's example point is not in it).
  if (e.path.startsWith('/api/scenarios') && body && ids.point) body = inDemo(body, ids.point);
  return {
    url: `${path}${query.size ? `?${query}` : ''}`,
    init: {
      method: e.method.toUpperCase(),
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    } as RequestInit,
  };
}

/** A scenario body with its new sites moved to `point`. */
function inDemo(body: unknown, [lon, lat]: [number, number]) {
  const b = body as { changes: { op: string }[] };
  return { ...b, changes: b.changes.map((c) => (c.op === 'add' ? { ...c, lon, lat } : c)) };
}

describe(`every endpoint as each role (${databaseMode})`, () => {
  let demo: DemoServer;
  let as: Record<Identity, Browser>;
  let homes: [number, number][];
  let removable: number;
  let scenario: number | undefined;
  let point: [number, number];
  let zone: string;
  const publicAnswers: { url: string; text: string }[] = [];

  beforeAll(async () => {
    demo = await startDemoServer();
    const db = demo.db;
    const base = demo.server.baseUrl;
    const [departement] = await db.knex('departement').pluck('code');
    const here = [{ level: 'departement' as const, code: departement }];
    const elsewhere = [{ level: 'departement' as const, code: '2A' }];
    const pub = browser(base);
    await fetchCsrfToken(pub);
    as = {
      admin: await signedIn(db, base, { login: 'admin', role: 'admin' }),
      planner: await signedIn(db, base, { login: 'planner', role: 'planner', territories: here }),
      plannerElsewhere: await signedIn(db, base, {
        login: 'planner.2a',
        role: 'planner',
        territories: elsewhere,
      }),
      reviewer: await signedIn(db, base, {
        login: 'reviewer',
        role: 'reviewer',
        territories: here,
      }),
      public: pub,
    };
    // The contract's PATCH example is user 2: the planner, whom it leaves a planner.
    expect(as.planner.userId).toBe(2);
    const rows = await db.knex.raw(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM childminder WHERE geom IS NOT NULL',
    );
    homes = rows.rows.map((r: { lon: number; lat: number }) => [r.lon, r.lat]);
    const zones = await (await fetch(`${base}/api/gap-zones?minutes=15`)).json();
    zone = zones.features[0].properties.id;
    const inside = await db.knex.raw(
      'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM commune ORDER BY code LIMIT 1) c',
    );
    point = [inside.rows[0].lon, inside.rows[0].lat];
    expect(homes.length).toBeGreaterThan(50);
  }, 180_000);
  afterAll(async () => demo?.close());

  const ordered = [
    ...API_ENDPOINTS.filter((e) => key(e) !== 'DELETE /api/session'),
    ...API_ENDPOINTS.filter((e) => key(e) === 'DELETE /api/session'),
  ];

  it('lists every endpoint in the policy or as open to all', () => {
    const known = new Set(API_ENDPOINTS.map(key));
    for (const k of Object.keys(POLICY)) expect(known.has(k), k).toBe(true);
  });

  it('refuses every write of a signed-in user without the CSRF token (403)', async () => {
    for (const e of ordered.filter((e) => e.method !== 'get')) {
      const { url, init } = exampleRequest(e, { removable: 9999 });
      const res = await as.admin.fetch(url, {
        ...init,
        headers: { ...init.headers, 'x-csrf-token': '' },
      });
      expect(res.status, key(e)).toBe(403);
      expect((await res.json()).error.message, key(e)).toMatch(/CSRF token/);
    }
    // And with another session's token.
    const res = await as.admin.fetch('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': as.reviewer.csrfToken! },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('answers each endpoint to each role as the policy says', async () => {
    const seen: string[] = [];
    for (const e of ordered) {
      const statuses = {} as Record<Identity, number>;
      for (const who of IDENTITIES) {
        if (key(e) === 'DELETE /api/users/{id}') {
          ({ id: removable } = await (
            await as.admin.fetch('/api/users', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                login: `gone.${who}`,
                role: 'admin',
                password: 'une phrase de passe',
              }),
            })
          ).json());
        }
        if (key(e) === 'DELETE /api/scenarios/{id}') {
          const saving = API_ENDPOINTS.find((x) => key(x) === 'POST /api/scenarios')!;
          ({ id: scenario } = await (
            await as.planner.fetch('/api/scenarios', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(inDemo(saving.request!.body!.example, point)),
            })
          ).json());
        }
        const { url, init } = exampleRequest(e, { removable, zone, scenario, point });
        const res = await as[who].fetch(url, init);
        statuses[who] = res.status;
        const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
        if (who === 'public') publicAnswers.push({ url, text });
      }
      const expected = POLICY[key(e)];
      if (expected) {
        expect(statuses, key(e)).toEqual(expected);
      } else {
        // Reads and computations: open to all, the same status for all, never 401 or 403.
        expect([401, 403], key(e)).not.toContain(statuses.public);
        expect(new Set(Object.values(statuses)).size, `${key(e)} ${JSON.stringify(statuses)}`).toBe(
          1,
        );
      }
      seen.push(key(e));
    }
    expect(seen).toHaveLength(API_ENDPOINTS.length);
  }, 300_000);

  it('gives planners their territory’s exact figures, others the public ones, and the public no childminder home', async () => {
    const list = '/api/territories?level=commune';
    const text = async (b: Browser) =>
      (await (await b.fetch(list)).text()).replace(/"importedAt":"[^"]*"/g, '');
    // Signed out by the matrix's last call: signed in again.
    const base = demo.server.baseUrl;
    for (const [who, login] of [
      ['planner', 'planner'],
      ['plannerElsewhere', 'planner.2a'],
      ['reviewer', 'reviewer'],
      ['admin', 'admin'],
    ] as const) {
      as[who] = await signInAs(browser(base), login);
    }
    // The demo's département is the planner's and the reviewer's: every figure, as an admin's.
    expect(await text(as.planner)).toBe(await text(as.admin));
    expect(await text(as.reviewer)).toBe(await text(as.admin));
    expect(await text(as.planner)).not.toBe(await text(as.public));
    expect(await text(as.plannerElsewhere)).toBe(await text(as.public));
    // No home position to the metre (5 decimals, a GeoJSON [lon,lat] pair) in any public answer.
    const trunc = (x: number) => x.toFixed(6).slice(0, -1).replace('.', '\\.');
    const pairs = homes.map(
      ([lon, lat]) => new RegExp(`\\[${trunc(lon)}\\d*,${trunc(lat)}\\d*\\]`),
    );
    for (const { url, text } of publicAnswers) {
      for (const pair of pairs) expect(pair.test(text), `${url} holds a home ${pair}`).toBe(false);
    }
  }, 180_000);
});
