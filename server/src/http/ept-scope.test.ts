import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../test/database';
import { browser, signedIn, type Browser } from '../../test/sign-in';
import {
  CHILDMINDERS_BY_COMMUNE,
  EST_ENSEMBLE,
  loadEptChildminders,
  loadEptFixture,
  MEMBERS,
  PLAINE_COMMUNE,
} from '../features/coverage/test/ept-fixture';

/**
 * A planner scoped to an EPT (Plaine Commune) sees the exact childminder figures and the
 * childminders' homes of that EPT and of its communes, and of nothing else: not the other EPT,
 * not Paris, not the Métropole (its EPCI), not the département.
 */
describe(`an EPT as an account's scope (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let pub: Browser;
  let planner: Browser;
  let admin: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadEptFixture(db);
    await loadEptChildminders(db);
    server = await startTestServer(db);
    pub = browser(server.baseUrl);
    planner = await signedIn(db, server.baseUrl, {
      login: 'planner.plaine',
      role: 'planner',
      territories: [{ level: 'ept', code: PLAINE_COMMUNE }],
    });
    admin = await signedIn(db, server.baseUrl, { login: 'admin', role: 'admin' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const childminders = async (b: Browser, level: string, code: string) => {
    const res = await b.fetch(`/api/childminders?level=${level}&code=${code}`);
    return { status: res.status, body: await res.json() };
  };
  const secret = async (b: Browser, level: string, code: string) => {
    const res = await b.fetch(`/api/territories/${level}/${code}`);
    expect(res.status).toBe(200);
    return (await res.json()).territory.childminders_secret as boolean;
  };

  it('gives the planner the homes of the EPT’s communes, and refuses every other territory', async () => {
    const mine = await childminders(planner, 'ept', PLAINE_COMMUNE);
    expect(mine.status).toBe(200);
    const communes = mine.body.features.map(
      (f: { properties: { commune_code: string } }) => f.properties.commune_code,
    );
    const expected = MEMBERS[PLAINE_COMMUNE].reduce(
      (n, c) => n + (CHILDMINDERS_BY_COMMUNE[c] ?? 0),
      0,
    );
    expect(communes).toHaveLength(expected);
    expect(communes.every((c: string) => MEMBERS[PLAINE_COMMUNE].includes(c))).toBe(true);
    expect(mine.body.features.every((f: { geometry: unknown }) => f.geometry !== null)).toBe(true);

    const aubervilliers = await childminders(planner, 'commune', '93001');
    expect(aubervilliers.status).toBe(200);
    expect(aubervilliers.body.metadata.count).toBe(CHILDMINDERS_BY_COMMUNE['93001']);

    for (const [level, code] of [
      ['ept', EST_ENSEMBLE],
      ['commune', '93008'], // Bobigny, Est Ensemble
      ['commune', '75056'], // Paris, in no EPT
      ['epci', '200054781'], // the Métropole du Grand Paris, which contains the EPT
      ['departement', '93'],
    ]) {
      expect((await childminders(planner, level, code)).status, `${level} ${code}`).toBe(403);
    }
    // The public never; an admin everywhere, the other EPT included.
    expect((await childminders(pub, 'ept', PLAINE_COMMUNE)).status).toBe(401);
    expect((await childminders(admin, 'ept', EST_ENSEMBLE)).body.metadata.count).toBe(2);
  });

  it('shows the planner exact figures of the EPT and its communes only', async () => {
    // Aubervilliers (2 childminders) and Bobigny (1) are under the secrecy threshold.
    expect(await secret(pub, 'commune', '93001')).toBe(true);
    expect(await secret(planner, 'commune', '93001')).toBe(false);
    expect(await secret(planner, 'commune', '93066')).toBe(false);
    expect(await secret(pub, 'commune', '93008')).toBe(true);
    expect(await secret(planner, 'commune', '93008')).toBe(true);
    expect(await secret(planner, 'ept', PLAINE_COMMUNE)).toBe(false);
    expect(await secret(pub, 'ept', EST_ENSEMBLE)).toBe(true);
    expect(await secret(planner, 'ept', EST_ENSEMBLE)).toBe(true);
    // The list computes the same rule in SQL (childminders_exact).
    const res = await planner.fetch('/api/territories?level=commune');
    const hidden = Object.fromEntries(
      (await res.json()).features.map(
        (f: { properties: { code: string; childminders_secret: boolean } }) => [
          f.properties.code,
          f.properties.childminders_secret,
        ],
      ),
    );
    expect(hidden['93001']).toBe(false);
    expect(hidden['93008']).toBe(true);
  });

  it('lets an admin give an account an EPT scope, and says it in the session', async () => {
    const res = await admin.fetch('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: 'reviewer.est',
        role: 'reviewer',
        territories: [{ level: 'ept', code: EST_ENSEMBLE }],
        password: 'une phrase de passe de test',
      }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).territories).toEqual([{ level: 'ept', code: EST_ENSEMBLE }]);
    const session = await (await planner.fetch('/api/session')).json();
    expect(session.user.territories).toEqual([{ level: 'ept', code: PLAINE_COMMUNE }]);
    // The communes it reaches, so that the dashboard shows the controls the server allows.
    expect(session.user.eptCommunes).toEqual({ [PLAINE_COMMUNE]: [...MEMBERS[PLAINE_COMMUNE]] });
  });
});
