import { describe, expect, it } from 'vitest';
import {
  ApiError,
  apiUrl,
  fetchNearest,
  fetchTerritories,
  getJson,
  postIsochrones,
  sendJson,
  setCsrfToken,
  tileUrl,
  type Fetch,
} from './client';

function fakeFetch(status: number, body: unknown, seen: string[] = []): Fetch {
  return (async (url: string) => {
    seen.push(url);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as Fetch;
}

describe('API client', () => {
  it('builds URLs without empty parameters', () => {
    expect(apiUrl('/territories', { level: 'epci', year: null, reference: 'national' })).toBe(
      '/api/territories?level=epci&reference=national',
    );
    expect(tileUrl('http://h', 'gaps', { year: 2024, reference: 'national' })).toBe(
      'http://h/api/tiles/gaps/{z}/{x}/{y}.mvt?year=2024&reference=national',
    );
    expect(tileUrl('http://h', 'roads')).toBe('http://h/api/tiles/roads/{z}/{x}/{y}.mvt');
  });

  it('turns the API error shape into an ApiError with status, code and message', async () => {
    const seen: string[] = [];
    const f = fakeFetch(
      404,
      {
        error: {
          code: 'year_not_available',
          message: 'No data for year 1990',
          details: { available: [2024] },
        },
      },
      seen,
    );
    const err = await fetchTerritories({ level: 'epci', year: 1990 }, undefined, f).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 404,
      code: 'year_not_available',
      message: 'No data for year 1990',
      url: '/api/territories?level=epci&year=1990',
    });
    expect(err.details).toEqual({ available: [2024] });
  });

  it('keeps a generic message when the error body is not JSON', async () => {
    const err = await fetchTerritories(
      { level: 'epci' },
      undefined,
      fakeFetch(502, '<html>Bad gateway</html>'),
    ).catch((e) => e);
    expect(err).toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'Erreur 502 du serveur',
    });
  });

  it('reports a server that does not answer as a network error, in French', async () => {
    const f = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as Fetch;
    const err = await fetchTerritories({ level: 'epci' }, undefined, f).catch((e) => e);
    expect(err).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('posts an isochrone request as JSON and reads a 400 in the error shape', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const f = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(
        JSON.stringify({
          error: {
            code: 'invalid_request',
            message: 'minutes must be ascending',
            details: { field: 'minutes' },
          },
        }),
        { status: 400 },
      );
    }) as unknown as Fetch;
    const err = await postIsochrones(
      { lon: 2, lat: 47, minutes: [20, 10], mode: 'car' },
      undefined,
      f,
    ).catch((e) => e);
    expect(calls[0].url).toBe('/api/isochrones');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBe(
      'application/json',
    );
    expect(JSON.parse(String(calls[0].init.body))).toEqual({
      lon: 2,
      lat: 47,
      minutes: [20, 10],
      mode: 'car',
    });
    expect(err).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'minutes must be ascending',
      details: { field: 'minutes' },
    });
  });

  it('asks for the nearest place without empty parameters', async () => {
    const seen: string[] = [];
    await fetchNearest(
      {
        level: 'grid',
        target: 'mam',
        mode: 'car',
        year: null,
        min_places: null,
        departement: 'Z1',
      },
      undefined,
      fakeFetch(200, { type: 'FeatureCollection', features: [] }, seen),
    );
    expect(seen).toEqual(['/api/travel/nearest?level=grid&target=mam&mode=car&departement=Z1']);
  });

  it('sends the session CSRF token with writes only, and reads a 204 as nothing', async () => {
    const calls: RequestInit[] = [];
    const f = (async (_url: string, init: RequestInit) => {
      calls.push(init);
      return init.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response('{}', { status: 200 });
    }) as unknown as Fetch;
    setCsrfToken('t0k3n');
    try {
      expect(await sendJson('DELETE', '/session', undefined, undefined, f)).toBeUndefined();
      await sendJson('PATCH', '/x', { a: 1 }, undefined, f);
      await getJson('/y', {}, undefined, f);
    } finally {
      setCsrfToken(null);
    }
    const header = (i: RequestInit) => (i.headers as Record<string, string>)['x-csrf-token'];
    expect(calls.map((c) => [c.method, header(c)])).toEqual([
      ['DELETE', 't0k3n'],
      ['PATCH', 't0k3n'],
      ['GET', undefined],
    ]);
  });
});
