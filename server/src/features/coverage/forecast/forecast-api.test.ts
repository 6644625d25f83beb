import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../../test/database';
import type { Database } from '../../../db/database';
import { applySecrecyThreshold } from '../../../kernel';
import { territoryForecast } from '../../../../../contract/forecast';
import { loadForecastFixture } from '../test/forecast-fixture';

/**
 * The forecast fixture's EPCI 200000001 (Alpha 18001 + Bravo 18002): children under 3 of
 * 2019-2024 summing to 100, 104, 101, 107, 108, 112, the worked example of docs/forecasts.md.
 * By hand: slope 39 / 17.5 = 2.229 per year, residual σ 2.03, 2027 → 117.6 (112.3–122.9),
 * 2029 → 122.0 (115.5–128.5). Places of 2024: EAJE 40 + 10 + 15 = 65, AM at home 4 + 4 + 3 + 4
 * = 15 agreement places × 0.81 = 12.15; 77.15 places, so "no change" in 2027:
 * 100 × 77.15 / 117.59 = 65.6 (62.8 at 122.9 children, 68.7 at 112.3).
 */
describe(`forecast API (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const get = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadForecastFixture(db.knex);
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('projects an EPCI’s children with the hand-checked trend and range, labelled', async () => {
    await applySecrecyThreshold(db.knex, 1);
    const { status, body } = await get('/api/territories/epci/200000001/forecast');
    expect(status).toBe(200);
    expect(body.kind).toBe('projection');
    expect(body.label).toBe('Projection');
    expect(body.territory).toEqual({ level: 'epci', code: '200000001', name: 'CC du Sud' });
    expect(body.base_year).toBe(2024);
    expect(body.children_under3.method).toBe('linear_trend');
    expect(body.children_under3.parameters.slopePerYear).toBeCloseTo(39 / 17.5, 9);
    expect(body.children_under3.history.map((h: { value: number }) => h.value)).toEqual([
      100, 104, 101, 107, 108, 112,
    ]);
    expect(body.children_under3.points).toEqual([
      { year: 2027, horizon_years: 3, central: 117.6, low: 112.3, high: 122.9 },
      { year: 2029, horizon_years: 5, central: 122, low: 115.5, high: 128.5 },
    ]);
    expect(body.children_under3.method_text).toMatch(/^Projection : tendance linéaire 2019–2024/);
    expect(body.coverage_rate_withheld).toBe(false);
    expect(body.coverage_rate.name).toBe('Sans changement');
    expect(body.coverage_rate.points[0]).toEqual({
      year: 2027,
      horizon_years: 3,
      places_counted: 77.15,
      rate: 65.6,
      rate_low: 62.8,
      rate_high: 68.7,
      small_population: false,
    });
    expect(body.missing_inputs.map((m: { input: string }) => m.input)).toEqual([
      'births',
      'childminder_ages',
    ]);
    expect(body.fictional).toBe(true);
    expect(body.datasets.map((d: { key: string }) => d.key)).toContain('test:population');
  });

  it('projects one horizon when asked, from an earlier base year', async () => {
    const { status, body } = await get(
      '/api/territories/commune/18003/forecast?horizon=3&year=2023',
    );
    expect(status).toBe(200);
    expect(body.base_year).toBe(2023);
    // 30 every year: a flat series, carried forward with the chance range of its count.
    expect(body.children_under3.method).toBe('constant');
    expect(body.children_under3.points).toHaveLength(1);
    expect(body.children_under3.points[0]).toMatchObject({ year: 2026, central: 30 });
    expect(body.children_under3.warnings.map((w: { code: string }) => w.code)).toContain('flat');
  });

  it('withholds the projected rate where the childminder figures are secret', async () => {
    await applySecrecyThreshold(db.knex, 5);
    const { body } = await get('/api/territories/epci/200000001/forecast');
    await applySecrecyThreshold(db.knex, 1);
    expect(body.coverage_rate_withheld).toBe(true);
    expect(body.coverage_rate).toBeNull();
    expect(body.children_under3.points[0].central).toBe(117.6);
  });

  it('answers 400 naming the field, 404 for an unknown territory', async () => {
    const bad = await get('/api/territories/epci/200000001/forecast?horizon=4');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.details).toEqual([{ field: 'query.horizon', message: 'must be 3 or 5' }]);
    const level = await get('/api/territories/region/200000001/forecast');
    expect(level.status).toBe(400);
    expect(level.body.error.details[0].field).toBe('params.level');
    const unknown = await get('/api/territories/epci/200000099/forecast');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual({ field: 'params.code' });
  });

  // Born 1960 (64 in 2024: leaves in 2025) and 1963 (63 in 2026); a3 born 1990; b1 no age.
  it('takes away the places of childminders projected to retire, from their years of birth', async () => {
    for (const [id, year] of [
      ['a1', 1960],
      ['a2', 1963],
      ['a3', 1990],
    ] as const)
      await db.knex('childminder').where({ source_id: id }).update({ birth_year: year });
    const { body } = await get('/api/territories/epci/200000001/forecast');
    const d = body.childminder_departures;
    expect(d.retirement_age).toBe(63);
    expect(d.active).toEqual({ count: 4, agreement_places: 15 });
    expect(d.known_age).toEqual({ count: 3, agreement_places: 11 });
    expect(d.unknown_age).toEqual({ count: 1, agreement_places: 4 });
    expect(d.years.slice(0, 3)).toEqual([
      {
        year: 2025,
        departures: 1,
        agreement_places_lost: 4,
        cumulative_departures: 1,
        cumulative_agreement_places_lost: 4,
      },
      {
        year: 2026,
        departures: 1,
        agreement_places_lost: 4,
        cumulative_departures: 2,
        cumulative_agreement_places_lost: 8,
      },
      {
        year: 2027,
        departures: 0,
        agreement_places_lost: 0,
        cumulative_departures: 2,
        cumulative_agreement_places_lost: 8,
      },
    ]);
    // 2027: EAJE 65 + (15 − 8) × 0.81 = 70.67 places for the same 117.6 children: 60.1.
    expect(body.coverage_rate_departures.points[0]).toMatchObject({
      year: 2027,
      places_counted: 70.67,
      rate: 60.1,
    });
    expect(body.coverage_rate_departures.method_text).toContain('l’année de ses 63 ans');
    expect(territoryForecast.safeParse(body).error).toBeUndefined();
    expect(body.coverage_rate.points[0].places_counted).toBe(77.15);
    expect(body.missing_inputs.map((m: { input: string }) => m.input)).toEqual(['births']);
  });

  // Births 35 a year (Alpha 21, Bravo 14): cohorts of 105 children for 632 children over
  // 2019-2024 against 630 cohort births, k = 632 / 630; 2027 → 105 × k = 105.3.
  it('projects children from births by cohorts once every commune has them', async () => {
    const { rows } = await db.knex.raw(
      `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
       VALUES ('test:births', 'births', 'fixture births', 'forecast tests', 'CC0-1.0', '2016-2024', false)
       RETURNING id`,
    );
    const births = (code: string, perYear: number) =>
      Array.from({ length: 9 }, (_, i) => ({
        commune_code: code,
        year: 2016 + i,
        births: perYear,
        dataset_id: rows[0].id,
      }));
    // Alpha alone: the EPCI's births are incomplete and not used.
    await db.knex('births').insert(births('18001', 21));
    const partial = await get('/api/territories/epci/200000001/forecast');
    expect(partial.body.children_under3.method).toBe('linear_trend');
    await db.knex('births').insert(births('18002', 14));
    const { body } = await get('/api/territories/epci/200000001/forecast');
    expect(body.children_under3.method).toBe('cohort');
    expect(territoryForecast.safeParse(body).error).toBeUndefined();
    expect(body.children_under3.parameters).toMatchObject({
      ratioYears: '2019,2020,2021,2022,2023,2024',
      birthsMethod: 'constant',
    });
    expect(body.children_under3.parameters.ratio).toBeCloseTo(632 / 630, 9);
    expect(body.children_under3.points[0]).toMatchObject({ year: 2027, central: 105.3 });
    expect(body.missing_inputs).toEqual([]);
    expect(body.datasets.map((x: { key: string }) => x.key)).toContain('test:births');
  });
});
