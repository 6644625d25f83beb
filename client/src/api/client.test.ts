import { describe, expect, it } from 'vitest';
import { ApiError, apiUrl, fetchTerritories, tileUrl, type Fetch } from './client';

function fakeFetch(status: number, body: unknown, seen: string[] = []): Fetch {
  return (async (url: string) => {
    seen.push(url);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as Fetch;
}

describe('API client', () => {
  it('builds URLs without empty parameters', () => {
    expect(apiUrl('/territories', { level: 'epci', year: null, reference: 'national' })).toBe('/api/territories?level=epci&reference=national');
    expect(tileUrl('http://h', 'gaps', { year: 2024, reference: 'national' })).toBe('http://h/api/tiles/gaps/{z}/{x}/{y}.mvt?year=2024&reference=national');
    expect(tileUrl('http://h', 'roads')).toBe('http://h/api/tiles/roads/{z}/{x}/{y}.mvt');
  });

  it('turns the API error shape into an ApiError with status, code and message', async () => {
    const seen: string[] = [];
    const f = fakeFetch(404, { error: { code: 'year_not_available', message: 'No data for year 1990', details: { available: [2024] } } }, seen);
    const err = await fetchTerritories({ level: 'epci', year: 1990 }, undefined, f).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'year_not_available', message: 'No data for year 1990', url: '/api/territories?level=epci&year=1990' });
    expect(err.details).toEqual({ available: [2024] });
  });

  it('keeps a generic message when the error body is not JSON', async () => {
    const err = await fetchTerritories({ level: 'epci' }, undefined, fakeFetch(502, '<html>Bad gateway</html>')).catch((e) => e);
    expect(err).toMatchObject({ status: 502, code: 'http_error', message: 'Erreur 502 du serveur' });
  });

  it('reports a server that does not answer as a network error, in French', async () => {
    const f = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as Fetch;
    const err = await fetchTerritories({ level: 'epci' }, undefined, f).catch((e) => e);
    expect(err).toMatchObject({ status: 0, code: 'network_error' });
  });
});
