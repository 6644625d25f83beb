import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../../test/database';
import type { Database } from '../../../db/database';
import { applySecrecyThreshold, refreshCoverage } from '../../../kernel';
import { loadForecastFixture } from '../test/forecast-fixture';

/**
 * The report's CSV and the PDF's refusals, on the forecast fixture (EPCI 200000001: children
 * 112 in 2024, places 77.15, rate 68.9). The PDF itself is rendered in e2e/report.test.ts.
 */
describe(`report API (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const get = (path: string) => fetch(`${server.baseUrl}${path}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadForecastFixture(db.knex);
    // A name a spreadsheet would run as a formula.
    await db.knex('commune').where({ code: '18002' }).update({ name: '=HYPERLINK("x")' });
    await db.knex.transaction((trx) => refreshCoverage(trx));
    await applySecrecyThreshold(db.knex, 1);
    server = await startTestServer(db, '/nonexistent', null, {
      chromiumPath: '/nonexistent/chromium',
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('gives the tables as CSV for French Excel, with the API’s figures', async () => {
    const res = await get('/api/report.csv?level=epci&code=200000001');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('rapport-epci-200000001-2024.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel reads UTF-8 by
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows: Record<string, string>[] = parse(text, {
      bom: true,
      columns: true,
      delimiter: ';',
    });
    const value = (section: string, indicator: string, year: number, code = '200000001') =>
      rows.find(
        (r) =>
          r.section === section &&
          r.code === code &&
          r.indicateur === indicator &&
          r.annee === String(year),
      )?.valeur;
    const detail = await (await get('/api/territories/epci/200000001?year=2024')).json();
    expect(detail.territory.coverage_rate).toBe(68.9);
    expect(value('Historique', 'Taux de couverture global (places pour 100 enfants)', 2024)).toBe(
      '68,9',
    );
    expect(value('Historique', 'Total des places', 2024)).toBe('77,15');
    expect(value('Historique', 'Enfants de moins de 3 ans', 2019)).toBe('100');
    expect(value('Projection', 'Enfants de moins de 3 ans, borne basse', 2027)).toBe('112,3');
    expect(value('Projection', 'Taux sans changement, valeur centrale', 2027)).toBe('65,6');
    const projection = rows.find((r) => r.section === 'Projection')!;
    expect(projection.nature).toMatch(/^projection : Projection : tendance linéaire/);
    // The communes of the EPCI only, the formula-like name neutralised.
    const communes = new Set(rows.filter((r) => r.section === 'Communes').map((r) => r.code));
    expect([...communes]).toEqual(['18001', '18002']);
    expect(rows.find((r) => r.code === '18002')!.territoire).toBe('\'=HYPERLINK("x")');
    expect(rows.find((r) => r.section === 'Historique')!.sources).toContain('[fictif]');
  });

  it('a custom set of communes: the figures of its communes summed, as the EPCI of the same communes', async () => {
    const epci = await (await get('/api/territories/epci/200000001')).json();
    const res = await get('/api/territories/custom?codes=18002,18001');
    expect(res.status).toBe(200);
    const set = await res.json();
    expect(set.territory).toMatchObject({
      level: 'custom',
      code: '18001,18002',
      name: 'Ensemble de 2 communes',
    });
    expect(set.communes.map((c: { code: string }) => c.code)).toEqual(['18001', '18002']);
    // The same communes as the EPCI: the same sums, history and references.
    const figures = (t: Record<string, unknown>) => {
      const { code, name, level, epci_code, ept_code, label_point, ...rest } = t;
      void [code, name, level, epci_code, ept_code, label_point];
      return rest;
    };
    expect(figures(set.territory)).toEqual(figures(epci.territory));
    expect(set.history).toEqual(epci.history);
    expect(set.parents.departement).toEqual(epci.parents.departement);
    expect(set.national).toEqual(epci.national);
    expect(set.facilities).toEqual(epci.facilities);
    // The same outlines: the same frame on the map.
    expect(set.bbox).toHaveLength(4);
    set.bbox.forEach((v: number, i: number) => expect(v).toBeCloseTo(epci.bbox[i], 6));
    // And not the figures of one commune.
    const one = await (await get('/api/territories/commune/18001')).json();
    expect(set.territory.children_under3).toBeGreaterThan(one.territory.children_under3);

    const csv = await get('/api/report.csv?codes=18001,18002&year=2024');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(
      'rapport-communes-18001-18002-2024.csv',
    );
    const rows: Record<string, string>[] = parse(await csv.text(), {
      bom: true,
      columns: true,
      delimiter: ';',
    });
    expect(rows.filter((r) => r.section === 'Composition').map((r) => r.code)).toEqual([
      '18001',
      '18002',
    ]);
    const rate = rows.find(
      (r) =>
        r.section === 'Historique' &&
        r.indicateur === 'Taux de couverture global (places pour 100 enfants)' &&
        r.annee === '2024',
    )!;
    expect([rate.territoire, rate.code, rate.valeur]).toEqual([
      'Ensemble de 2 communes',
      '18001,18002',
      String(set.territory.coverage_rate).replace('.', ','),
    ]);
    expect(rows.some((r) => r.section === 'Projection')).toBe(false);
  });

  it('refuses a bad set: one commune, unknown communes, codes with level', async () => {
    expect((await get('/api/territories/custom?codes=18001')).status).toBe(400);
    const unknown = await get('/api/territories/custom?codes=18001,18999');
    expect(unknown.status).toBe(404);
    const error = (await unknown.json()).error;
    expect(error.details).toEqual({ field: 'query.codes' });
    expect(error.message).toBe('Communes not loaded: 18999');
    const both = await get('/api/report.csv?codes=18001,18002&level=epci&code=200000001');
    expect(both.status).toBe(400);
    expect((await both.json()).error.details[0].field).toBe('query.codes');
  });

  it('adds the comparison table to the CSV: each side as served, and B − A', async () => {
    const [a, b] = await Promise.all(
      [2019, 2024].map(async (y) =>
        (await get(`/api/territories/epci/200000001?year=${y}`)).json(),
      ),
    );
    const res = await get('/api/report.csv?level=epci&code=200000001&year=2024&compare_year=2019');
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(await res.text(), {
      bom: true,
      columns: true,
      delimiter: ';',
    });
    const compared = rows.filter((r) => r.section === 'Comparaison');
    const rate = (territoire: string) =>
      compared.find(
        (r) =>
          r.territoire.startsWith(territoire) &&
          r.indicateur === 'Taux de couverture global (places pour 100 enfants)',
      );
    const fr = (x: number) => String(x).replace('.', ',');
    expect(rate('A :')).toMatchObject({ annee: '2019', valeur: fr(a.territory.coverage_rate) });
    expect(rate('B :')).toMatchObject({ annee: '2024', valeur: fr(b.territory.coverage_rate) });
    const delta = Math.round((b.territory.coverage_rate - a.territory.coverage_rate) * 10) / 10;
    expect(rate('Écart')).toMatchObject({ annee: '2019 → 2024', valeur: fr(delta) });
    expect(delta).not.toBe(0);
    // Both projections, each from its own year.
    const projected = compared.filter((r) =>
      r.indicateur.startsWith('Enfants de moins de 3 ans projetés'),
    );
    expect(projected.map((r) => r.annee).sort()).toEqual(['2022', '2024', '2027', '2029']);
    // Without a comparison: no such rows.
    const plain = await (await get('/api/report.csv?level=epci&code=200000001')).text();
    expect(plain).not.toContain('Comparaison');
  });

  it('answers 503 in the one error shape when no Chromium is there', async () => {
    const res = await get('/api/report.pdf?level=epci&code=200000001');
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error.code).toBe('pdf_unavailable');
    expect(body.error.message).toContain('Chromium introuvable (/nonexistent/chromium)');
    expect(body.error.message).toContain('set BERCEAU_CHROMIUM');
  });

  it('answers 400 naming the field and 404 for an unknown territory, before any browser', async () => {
    const missing = await get('/api/report.pdf?level=epci');
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.details).toEqual([
      { field: 'query.code', message: expect.any(String) },
    ]);
    const level = await get('/api/report.csv?level=region&code=18');
    expect((await level.json()).error.details[0].field).toBe('query.level');
    const unknown = await get('/api/report.pdf?level=epci&code=200000099');
    expect(unknown.status).toBe(404);
  });
});
