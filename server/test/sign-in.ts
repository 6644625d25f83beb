import type { Role, TerritoryScope } from '../src/domain/accounts';
import type { Database } from '../src/db/database';
import { createUser } from '../src/features/accounts/users';

/**
 * Sign tests in: create an account in the database, then sign in over HTTP as a browser would
 * (GET /api/session for the CSRF token, POST /api/session), and fetch with its cookies and token.
 */

export const TEST_PASSWORD = 'une phrase de passe de test';

export interface Browser {
  /** Fetch `baseUrl + path` with this browser's cookies; writes carry the CSRF token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The cookies this browser holds, by name. */
  cookies: Map<string, string>;
  csrfToken: string | null;
  userId: number | null;
}

/** A cookie-keeping client of `baseUrl`, like a browser tab (nobody signed in yet). */
export function browser(baseUrl: string): Browser {
  const b: Browser = {
    cookies: new Map(),
    csrfToken: null,
    userId: null,
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (b.cookies.size > 0) {
        headers.set('cookie', [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      }
      const method = (init.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && b.csrfToken && !headers.has('x-csrf-token')) {
        headers.set('x-csrf-token', b.csrfToken);
      }
      const res = await fetch(`${baseUrl}${path}`, { ...init, headers });
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
        if (expired || value === '') b.cookies.delete(name.trim());
        else b.cookies.set(name.trim(), value);
      }
      return res;
    },
  };
  return b;
}

/** The session's CSRF token (GET /api/session), kept by `b` for its writes. */
export async function fetchCsrfToken(b: Browser): Promise<string> {
  const res = await b.fetch('/api/session');
  const body = (await res.json()) as { csrfToken: string };
  b.csrfToken = body.csrfToken;
  return body.csrfToken;
}

/** Sign `b` in; throws with the answer when refused. */
export async function signInAs(b: Browser, login: string, password = TEST_PASSWORD) {
  await fetchCsrfToken(b);
  const res = await b.fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in refused: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; user: { id: number } };
  b.csrfToken = body.csrfToken;
  b.userId = body.user.id;
  return b;
}

/** Create an account (password {@link TEST_PASSWORD}) and a browser signed in as it. */
export async function signedIn(
  db: Database,
  baseUrl: string,
  user: { login: string; role: Role; territories?: TerritoryScope[] },
): Promise<Browser> {
  await createUser(db.knex, {
    login: user.login,
    role: user.role,
    territories: user.territories ?? [],
    password: TEST_PASSWORD,
  });
  return signInAs(browser(baseUrl), user.login);
}
