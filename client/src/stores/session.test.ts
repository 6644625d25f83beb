import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { postJson } from '../api/client';
import { signInMessage, useSessionStore } from './session';
import { ApiError } from '../api/client';

/** A fake server: answers by method and path, and records the requests. */
function fakeFetch(answers: Record<string, { status: number; body?: unknown }>) {
  const calls: { method: string; url: string; csrf: string | null }[] = [];
  const f = (async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ method, url, csrf: headers['x-csrf-token'] ?? null });
    const a = answers[`${method} ${url}`] ?? {
      status: 404,
      body: { error: { code: 'not_found', message: 'no' } },
    };
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status });
  }) as typeof fetch;
  return { f, calls };
}

const USER = {
  id: 1,
  login: 'marie',
  displayName: 'Marie',
  role: 'reviewer',
  territories: [{ level: 'departement', code: '18' }],
};

describe('the session store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the public session and sends its CSRF token with the sign-in, then the new one', async () => {
    const { f, calls } = fakeFetch({
      'GET /api/session': { status: 200, body: { user: null, csrfToken: 'public-token' } },
      'POST /api/session': { status: 200, body: { user: USER, csrfToken: 'session-token' } },
      'POST /api/isochrones': { status: 200, body: {} },
    });
    const s = useSessionStore();
    await s.load(f);
    expect(s.signedIn).toBe(false);
    await s.signIn('marie', 'une phrase de passe', f);
    expect(s.user?.displayName).toBe('Marie');
    expect(s.hasRole('reviewer')).toBe(true);
    expect(s.hasRole('admin')).toBe(false);
    await postJson('/isochrones', {}, undefined, f);
    expect(calls.map((c) => `${c.method} ${c.csrf}`)).toEqual([
      'GET null',
      'POST public-token',
      'POST session-token',
    ]);
  });

  it('stays public on a refused sign-in and words it in French', async () => {
    const { f } = fakeFetch({
      'GET /api/session': { status: 200, body: { user: null, csrfToken: 't' } },
      'POST /api/session': {
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'Incorrect login or password' } },
      },
    });
    const s = useSessionStore();
    const error = await s.signIn('marie', 'faux', f).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(signInMessage(error)).toBe('Identifiant ou mot de passe incorrect.');
    expect(s.signedIn).toBe(false);
    expect(signInMessage(new ApiError(429, 'rate_limited', '', ''))).toMatch(/Trop de tentatives/);
  });

  it('signs out: the user is gone even when the server cannot be reached', async () => {
    const s = useSessionStore();
    s.user = USER as never;
    const { f, calls } = fakeFetch({
      'DELETE /api/session': { status: 200, body: { user: null, csrfToken: 'p' } },
    });
    await s.signOut(f);
    expect(s.user).toBeNull();
    expect(calls[0].method).toBe('DELETE');
  });
});
