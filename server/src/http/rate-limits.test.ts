import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../test/database';
import type { Database } from '../db/database';

/**
 * Heavy endpoints answer 429 with Retry-After past their limit per client, each endpoint with a
 * budget of its own; light endpoints are never limited. (An empty database: what the limited
 * requests would have answered does not matter, they are counted all the same.)
 */
describe(`rate limits of heavy endpoints (${databaseMode})`, () => {
  const LIMIT = 3;
  let db: Database;
  let server: TestServer;
  const request = async (path: string, body?: unknown) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: await res.json().catch(() => null),
    };
  };
  const isochrone = { lon: -5, lat: 45.8, minutes: [10], mode: 'car' };

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, undefined, null, { heavyRequestsPerMinute: LIMIT });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it(`answers the ${LIMIT + 1}th isochrone of a minute 429 with Retry-After, in the error shape`, async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await request('/api/isochrones', isochrone)).status).not.toBe(429);
    }
    const refused = await request('/api/isochrones', isochrone);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many isochrone requests: at most 3 a minute per client/),
    });
  });

  it('counts travel times and CSV exports apart; the GeoJSON list and health are not limited', async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await request('/api/travel/nearest?level=grid')).status).not.toBe(429);
      expect((await request('/api/territories?level=epci&format=csv')).status).not.toBe(429);
    }
    expect((await request('/api/travel/nearest?level=grid')).status).toBe(429);
    expect((await request('/api/territories?level=epci&format=csv')).status).toBe(429);
    for (let i = 0; i < 2 * LIMIT; i++) {
      expect((await request('/api/territories?level=epci')).status).not.toBe(429);
      expect((await request('/api/health')).status).toBe(200);
    }
  });
});
