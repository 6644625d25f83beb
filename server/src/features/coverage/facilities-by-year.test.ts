import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';

/**
 * The facilities listed for a year are those the figures count that year: for every commune and
 * year of the demo, the places of the EAJE listed add up to the commune's EAJE places.
 */
describe(`facilities by year (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const get = async (p: string) => {
    const res = await fetch(`${server.baseUrl}${p}`);
    expect(res.status, p).toBe(200);
    return res.json();
  };
  const listed = (year?: number) =>
    get(
      `/api/facilities?bbox=-180,-90,180,90&departement=Z1&type=eaje&limit=10000${year ? `&year=${year}` : ''}`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('for every commune and year, the listed EAJE places add up to the commune figure', async () => {
    const { metadata } = await get('/api/territories?level=commune&departement=Z1');
    expect(metadata.years.length).toBeGreaterThan(3);
    let compared = 0;
    for (const year of metadata.years as number[]) {
      const figures = await get(`/api/territories?level=commune&departement=Z1&year=${year}`);
      const facilities = await listed(year);
      expect(facilities.metadata).toMatchObject({ year, truncated: false });
      const sums = new Map<string, number>();
      for (const f of facilities.features)
        sums.set(
          f.properties.commune_code,
          (sums.get(f.properties.commune_code) ?? 0) + f.properties.places,
        );
      for (const f of figures.features) {
        const p = f.properties;
        expect(sums.get(p.code) ?? 0, `${p.code} in ${year}`).toBe(
          p.places_eaje_psu + p.places_eaje_hors_psu,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('without a year, the facilities of the figures’ year (the latest) are listed', async () => {
    const { metadata } = await get('/api/territories?level=commune&departement=Z1');
    const latest = metadata.years[metadata.years.length - 1];
    const byDefault = await listed();
    expect(byDefault.metadata.year).toBe(latest);
    expect(byDefault).toEqual(await listed(latest));
  });
});
