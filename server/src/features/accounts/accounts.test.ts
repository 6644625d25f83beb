import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import {
  browser,
  fetchCsrfToken,
  signInAs,
  signedIn,
  TEST_PASSWORD,
  type Browser,
} from '../../../test/sign-in';
import type { Database } from '../../db/database';
import { createUser } from './users';
import { SIGN_INS_PER_WINDOW } from './routes';

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe(`accounts and sessions (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let admin: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
    admin = await signedIn(db, server.baseUrl, { login: 'admin', role: 'admin' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('tells the public it is nobody, with a CSRF token, and sets no session cookie', async () => {
    const res = await fetch(`${server.baseUrl}/api/session`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toBeNull();
    expect(body.csrfToken).toMatch(/^[0-9a-f]+\.[0-9a-f]+$/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('berceau.sid='))).toBe(false);
  });

  it('signs in with an httpOnly SameSite=Lax cookie, knows the user, and signs out', async () => {
    await createUser(db.knex, {
      login: 'Marie.Dupont',
      displayName: 'Marie Dupont',
      role: 'reviewer',
      territories: [{ level: 'departement', code: '18' }],
      password: TEST_PASSWORD,
    });
    const b = browser(server.baseUrl);
    await fetchCsrfToken(b);
    const res = await b.fetch(
      '/api/session',
      json({ login: 'marie.dupont', password: TEST_PASSWORD }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('berceau.sid='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const body = await res.json();
    b.csrfToken = body.csrfToken;
    expect(body.user).toEqual({
      id: expect.any(Number),
      login: 'Marie.Dupont',
      displayName: 'Marie Dupont',
      role: 'reviewer',
      territories: [{ level: 'departement', code: '18' }],
    });
    expect((await (await b.fetch('/api/session')).json()).user.login).toBe('Marie.Dupont');
    const out = await b.fetch('/api/session', { method: 'DELETE' });
    expect(out.status).toBe(200);
    expect((await out.json()).user).toBeNull();
    expect((await (await b.fetch('/api/session')).json()).user).toBeNull();
  });

  it('sets the Secure flag when the proxy says the request came over HTTPS', async () => {
    const b = browser(server.baseUrl);
    await fetchCsrfToken(b);
    const res = await b.fetch('/api/session', {
      ...json({ login: 'admin', password: TEST_PASSWORD }),
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('berceau.sid='))).toMatch(/Secure/);
    expect(cookies.find((c) => c.startsWith('berceau.csrf='))).toMatch(/Secure/);
  });

  it('keeps sessions in the database: a second app on it knows the signed-in user', async () => {
    const other = await startTestServer(db);
    try {
      const res = await fetch(`${other.baseUrl}/api/session`, {
        headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect((await res.json()).user.login).toBe('admin');
    } finally {
      await other.close();
    }
    const [{ n }] = await db.knex('session').count({ n: '*' });
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('answers a wrong password and an unknown login alike, without saying which', async () => {
    const wrong = await signInAnswer('admin', 'pas le bon mot de passe');
    const unknown = await signInAnswer('personne', 'pas le bon mot de passe');
    expect(wrong).toEqual({
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'Incorrect login or password' } },
    });
    expect(unknown).toEqual(wrong);
  });

  it('locks a login out after five wrong passwords with a 429 and Retry-After, for any login', async () => {
    await db.knex('login_throttle').delete();
    for (const login of ['ghost.user', 'admin']) {
      for (let i = 0; i < 5; i += 1)
        expect((await signInAnswer(login, 'mauvais')).status).toBe(401);
      const b = browser(server.baseUrl);
      await fetchCsrfToken(b);
      const res = await b.fetch('/api/session', json({ login, password: TEST_PASSWORD }));
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
      expect((await res.json()).error.code).toBe('rate_limited');
    }
    await db.knex('login_throttle').delete();
  });

  it('throttles an address across API processes: the count is in the database', async () => {
    await db.knex('sign_in_throttle').delete();
    const other = await startTestServer(db);
    try {
      const attempt = async (base: string, i: number) => {
        const b = browser(base);
        await fetchCsrfToken(b);
        // A new login each time: the address is throttled, not a login.
        return b.fetch('/api/session', json({ login: `spray.${i}`, password: 'mauvais' }));
      };
      for (let i = 0; i < SIGN_INS_PER_WINDOW; i += 1) {
        const base = i % 2 === 0 ? server.baseUrl : other.baseUrl;
        expect((await attempt(base, i)).status).toBe(401);
      }
      const [row] = await db.knex('sign_in_throttle').select('hits');
      expect(row.hits).toBe(SIGN_INS_PER_WINDOW);
      for (const base of [server.baseUrl, other.baseUrl]) {
        const res = await attempt(base, 99);
        expect(res.status).toBe(429);
        expect((await res.json()).error.message).toMatch(/from this address/);
      }
    } finally {
      await other.close();
      await db.knex('sign_in_throttle').delete();
    }
  });

  it('refuses a sign-in without the CSRF token', async () => {
    const res = await fetch(
      `${server.baseUrl}/api/session`,
      json({ login: 'admin', password: TEST_PASSWORD }),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('lets an admin create, change, disable and remove users; the changes apply at once', async () => {
    const created = await admin.fetch(
      '/api/users',
      json({
        login: 'paul',
        role: 'planner',
        territories: [{ level: 'epci', code: '200000001' }],
        password: TEST_PASSWORD,
      }),
    );
    expect(created.status).toBe(201);
    const paul = await created.json();
    expect(paul).toMatchObject({
      login: 'paul',
      displayName: 'paul',
      role: 'planner',
      disabled: false,
    });
    const b = await signInAs(browser(server.baseUrl), 'paul');
    expect((await b.fetch('/api/users')).status).toBe(403);

    const changed = await admin.fetch(
      `/api/users/${paul.id}`,
      json({ role: 'reviewer', displayName: 'Paul M.' }, 'PATCH'),
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      role: 'reviewer',
      displayName: 'Paul M.',
      territories: [{ level: 'epci', code: '200000001' }],
    });

    await signInAs(b, 'paul');
    expect(
      (await admin.fetch(`/api/users/${paul.id}`, json({ disabled: true }, 'PATCH'))).status,
    ).toBe(200);
    expect((await (await b.fetch('/api/session')).json()).user).toBeNull();
    expect((await signInAnswer('paul', TEST_PASSWORD)).status).toBe(401);

    expect((await admin.fetch(`/api/users/${paul.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.fetch(`/api/users/${paul.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a duplicate login (409), a planner without territory and a short password (400)', async () => {
    const dup = await admin.fetch(
      '/api/users',
      json({ login: 'ADMIN', role: 'admin', password: TEST_PASSWORD }),
    );
    expect(dup.status).toBe(409);
    const noPlace = await admin.fetch(
      '/api/users',
      json({ login: 'zoe', role: 'planner', password: TEST_PASSWORD }),
    );
    expect(noPlace.status).toBe(400);
    expect((await noPlace.json()).error.details).toEqual([
      { field: 'body.territories', message: 'a planner needs at least one territory' },
    ]);
    const short = await admin.fetch(
      '/api/users',
      json({ login: 'zoe', role: 'admin', password: 'court' }),
    );
    expect((await short.json()).error.details).toEqual([
      { field: 'body.password', message: 'must be at least 12 characters' },
    ]);
  });

  it('keeps the last admin: neither removed, demoted nor disabled (409)', async () => {
    const me = admin.userId!;
    expect((await admin.fetch(`/api/users/${me}`, { method: 'DELETE' })).status).toBe(409);
    expect(
      (
        await admin.fetch(
          `/api/users/${me}`,
          json({ role: 'planner', territories: [{ level: 'departement', code: '18' }] }, 'PATCH'),
        )
      ).status,
    ).toBe(409);
  });

  it('changes one’s own password only with the current one, and ends other sessions', async () => {
    const first = await signedIn(db, server.baseUrl, {
      login: 'lea',
      role: 'planner',
      territories: [{ level: 'departement', code: '18' }],
    });
    const second = await signInAs(browser(server.baseUrl), 'lea');
    const bad = await first.fetch(
      '/api/session/password',
      json({ currentPassword: 'faux', newPassword: 'une nouvelle phrase' }, 'PUT'),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].field).toBe('body.currentPassword');
    const ok = await first.fetch(
      '/api/session/password',
      json({ currentPassword: TEST_PASSWORD, newPassword: 'une nouvelle phrase' }, 'PUT'),
    );
    expect(ok.status).toBe(204);
    expect((await (await first.fetch('/api/session')).json()).user.login).toBe('lea');
    expect((await (await second.fetch('/api/session')).json()).user).toBeNull();
    expect((await signInAnswer('lea', 'une nouvelle phrase')).status).toBe(200);
  });

  async function signInAnswer(login: string, password: string) {
    const b = browser(server.baseUrl);
    await fetchCsrfToken(b);
    const res = await b.fetch('/api/session', json({ login, password }));
    return { status: res.status, body: await res.json() };
  }
});
