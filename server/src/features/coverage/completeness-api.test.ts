import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { runImport } from '../imports/service';

/**
 * Completeness by mode: a real département with only a crèche list (beside the demo, which has
 * every mode) is incomplete, its missing modes named in the API and the CSV, and never classed
 * as a shortage; the Caf's place counts then fill garde à domicile and préscolarisation, the
 * childminder list the rest, and the Caf's published rate is served beside Berceau's.
 */
const fixture = (name: string) => path.join(import.meta.dirname, '../imports/test/fixtures', name);

describe(`completeness of the rate by mode (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const get = async (p: string) => {
    const res = await fetch(`${server.baseUrl}${p}`);
    return { status: res.status, body: await res.json() };
  };
  const importFile = async (kind: string, file: string) => {
    const o = await runImport(db, { kind: kind as never, file: fixture(file) });
    expect(o.status, `${kind}: ${JSON.stringify(o.problems)}`).toBe('imported');
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db);
    await importFile('boundaries', 'boundaries-geoapi.geojson');
    await importFile('population', 'population-insee-2021.csv');
    await importFile('eaje', 'eaje-cher.csv');
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('a département with only a crèche list is incomplete, its missing modes named', async () => {
    const { status, body } = await get('/api/territories?level=commune&departement=18');
    expect(status).toBe(200);
    expect(body.features.length).toBe(4);
    for (const f of body.features) {
      expect(f.properties.missing_modes).toEqual(['am', 'mam', 'home_care', 'preschool']);
      // A lower bound, not a shortage: never "well below", never a zone blanche.
      expect(f.properties.coverage_class).toBe('incomplete');
    }
    // The crèches are counted all the same (72 places at Bourges).
    const bourges = body.features.find((f: { id: string }) => f.id === '18033');
    expect(bourges.properties.places_eaje_psu + bourges.properties.places_eaje_hors_psu).toBe(72);
    const detail = await get('/api/territories/departement/18');
    expect(detail.body.territory.missing_modes).toEqual(['am', 'mam', 'home_care', 'preschool']);
    expect(detail.body.history[0].missing_modes).toEqual(detail.body.territory.missing_modes);
    expect(detail.body.territory.am_under3_share).toBe(0.81);
  });

  it('the CSV has a column naming the missing modes in French', async () => {
    const res = await fetch(
      `${server.baseUrl}/api/territories?level=commune&departement=18&format=csv`,
    );
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0].split(';');
    const col = header.indexOf('missing_modes');
    expect(col).toBeGreaterThan(0);
    const classCol = header.indexOf('coverage_class');
    const bourges = lines.find((l) => l.startsWith('18033;'))!;
    const cells = bourges.split(';');
    expect(cells[col]).toBe('assistants maternels, MAM, garde à domicile, préscolarisation');
    expect(cells[classCol]).toBe('incomplete');
  });

  it('the demo, which has every mode, stays complete', async () => {
    for (const level of ['commune', 'epci', 'departement']) {
      const { body } = await get(`/api/territories?level=${level}&departement=Z1`);
      expect(body.features.length).toBeGreaterThan(0);
      for (const f of body.features) expect(f.properties.missing_modes).toEqual([]);
      expect(
        body.features.some((f: { properties: { coverage_class: string } }) =>
          ['well_below', 'below', 'near', 'above'].includes(f.properties.coverage_class),
        ),
      ).toBe(true);
    }
  });

  it('the Caf place counts fill home care and préscolarisation; its rate is shown beside', async () => {
    await importFile('caf-coverage', 'nbpla_pe_dep.csv');
    await importFile('caf-coverage', 'txcouv_pe_dep.csv');
    let detail = await get('/api/territories/departement/18?year=2021');
    expect(detail.body.territory.places_home_care).toBe(96);
    expect(detail.body.territory.places_preschool).toBe(402);
    expect(detail.body.territory.missing_modes).toEqual(['am', 'mam']);
    expect(detail.body.territory.caf_rate).toBe(72.3);
    // Communes: the Caf publishes nothing for them here, they stay without these modes.
    const communes = await get('/api/territories?level=commune&departement=18');
    for (const f of communes.body.features)
      expect(f.properties.missing_modes).toEqual(['am', 'mam', 'home_care', 'preschool']);

    await importFile('childminders', 'childminders.csv');
    detail = await get('/api/territories/departement/18?year=2021');
    expect(detail.body.territory.missing_modes).toEqual([]);
    expect(detail.body.territory.coverage_class).not.toBe('incomplete');
    expect(detail.body.caf.rate).toBe(72.3);
    expect(detail.body.caf.difference).toBeCloseTo(detail.body.territory.coverage_rate - 72.3, 1);
  });
});
