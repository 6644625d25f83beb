import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { applySecrecyThreshold, refreshCoverage, type CoverageFigureRow } from '../../kernel';
import { toProperties } from './territories';

/**
 * The coverage figures served by the API, checked against an independent recomputation from
 * the raw rows (written here in plain SQL, not with the code under test).
 */
const INDEPENDENT = `
  SELECT c.code, c.epci_code, c.departement_code, p.children_under3,
    coalesce((SELECT sum(places) FROM eaje e WHERE e.commune_code = c.code
              AND coalesce(e.opened_year, 0) <= :year AND coalesce(e.closed_year, 9999) > :year), 0)
    + 0.81 * coalesce((SELECT sum(agreement_places) FROM childminder a WHERE a.commune_code = c.code AND a.active
              AND coalesce(a.started_year, 0) <= :year AND coalesce(a.ended_year, 9999) > :year), 0)
    + coalesce((SELECT sum(places) FROM supply_count s WHERE s.commune_code = c.code AND s.year = :year), 0)
    AS places
  FROM commune c LEFT JOIN population p ON p.commune_code = c.code AND p.year = :year`;

interface Row {
  code: string;
  epci_code: string;
  departement_code: string;
  children_under3: number | null;
  places: number;
}

describe(`coverage API (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let raw: Row[];
  const get = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    return {
      status: res.status,
      headers: res.headers,
      body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    server = await startTestServer(db);
    raw = (await db.knex.raw(INDEPENDENT, { year: 2024 })).rows;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('serves every commune with the rate recomputed independently from the raw rows', async () => {
    // With a threshold of 1 nothing is withheld (secrecy is tested in secrecy-crawl.test.ts).
    await applySecrecyThreshold(db.knex, 1);
    const { status, body } = await get('/api/territories?level=commune&year=2024').finally(() =>
      applySecrecyThreshold(db.knex, 3),
    );
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(raw.length);
    const byCode = new Map(
      body.features.map((f: { properties: { code: string } }) => [f.properties.code, f.properties]),
    );
    let compared = 0;
    for (const r of raw) {
      const p = byCode.get(r.code) as Record<string, number | null | string | boolean>;
      expect(p.children_under3).toBeCloseTo(r.children_under3 ?? NaN, 1);
      expect(p.places_total).toBeCloseTo(r.places, 1);
      if (r.children_under3 && r.children_under3 > 0) {
        // The API rounds rates to one decimal: at most 0.05 away from the exact value.
        expect(
          Math.abs((p.coverage_rate as number) - (100 * r.places) / r.children_under3),
        ).toBeLessThanOrEqual(0.05 + 1e-9);
        compared++;
      } else {
        expect(p.coverage_rate).toBeNull();
      }
      expect(p.fictional).toBe(true);
      expect(p.small_population).toBe(r.children_under3 !== null && r.children_under3 < 20);
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('EPCI and département figures are the sums of their communes (not averages of rates)', async () => {
    for (const level of ['epci', 'departement'] as const) {
      await applySecrecyThreshold(db.knex, 1);
      const { body } = await get(`/api/territories?level=${level}&year=2024`).finally(() =>
        applySecrecyThreshold(db.knex, 3),
      );
      const key = level === 'epci' ? 'epci_code' : 'departement_code';
      for (const f of body.features) {
        const members = raw.filter((r) => r[key] === f.properties.code);
        const children = members.reduce((s, r) => s + (r.children_under3 ?? 0), 0);
        const places = members.reduce((s, r) => s + r.places, 0);
        expect(f.properties.children_under3).toBeCloseTo(children, 1);
        expect(f.properties.places_total).toBeCloseTo(places, 1);
        expect(f.properties.coverage_rate).toBeCloseTo((100 * places) / children, 1);
      }
    }
  });

  it('the demo shows the contrasts it is built for', async () => {
    const { body } = await get('/api/territories?level=epci&year=2024');
    const rates = body.features.map(
      (f: { properties: { coverage_rate: number } }) => f.properties.coverage_rate,
    );
    expect(Math.max(...rates)).toBeGreaterThan(70);
    expect(Math.min(...rates)).toBeLessThan(40);
    const communes = (await get('/api/territories?level=commune&year=2024')).body.features;
    expect(
      communes.some(
        (f: { properties: { coverage_class: string } }) =>
          f.properties.coverage_class === 'zone_blanche',
      ),
    ).toBe(true);
  });

  it('carries metadata: years with data, the national reference and the datasets used', async () => {
    const { body } = await get('/api/territories?level=epci');
    expect(body.metadata.year).toBe(2024);
    expect(body.metadata.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    expect(body.metadata.reference).toMatchObject({
      kind: 'national',
      year: 2023,
      rate: 60.9,
      carriedForward: true,
    });
    expect(body.metadata.fictional).toBe(true);
    expect(body.metadata.datasets.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining(['territory', 'population', 'eaje', 'childminders']),
    );
    expect(body.features[0].properties.label_point).toHaveLength(2);
  });

  it('the list serves, for every territory and both references, what toProperties serves', async () => {
    // The list's properties are built in SQL (territories/list.sql, served_round); the detail
    // and history use toProperties in TypeScript. Same fields, same values, same rounding.
    for (const level of ['commune', 'epci', 'departement'] as const) {
      const figures: CoverageFigureRow[] = await db
        .knex('coverage_figure')
        .where({ level, year: 2024 });
      expect(figures.length).toBeGreaterThan(0);
      for (const reference of ['national', 'departement'] as const) {
        const { body } = await get(
          `/api/territories?level=${level}&year=2024&reference=${reference}`,
        );
        const served = new Map<string, Record<string, unknown>>(
          body.features.map((f: { id: string; properties: Record<string, unknown> }) => {
            expect(f.id).toBe(f.properties.code);
            const { label_point, ...rest } = f.properties;
            expect(label_point).toEqual([expect.any(Number), expect.any(Number)]);
            return [f.id, rest];
          }),
        );
        expect(served.size).toBe(figures.length);
        for (const figure of figures)
          expect(served.get(figure.code)).toStrictEqual(
            toProperties(figure, reference, { threshold: 3, exact: '' }),
          );
      }
    }
  });

  it('the list is revalidated by its ETag until the data change', async () => {
    const path = `${server.baseUrl}/api/territories?level=epci&year=2024`;
    const first = await fetch(path);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = await first.text();
    expect(JSON.parse(body).features.length).toBeGreaterThan(0);

    const again = await fetch(path, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Another question is another answer.
    const other = await fetch(`${path}&reference=departement`, {
      headers: { 'If-None-Match': etag! },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    await other.arrayBuffer();

    // What an import does: stamp its dataset. The same list is then sent again, in full.
    await db.knex('dataset').where({ kind: 'eaje' }).update({ imported_at: db.knex.fn.now() });
    const after = await fetch(path, { headers: { 'If-None-Match': etag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    // Same figures (only the stamp changed), the stamp in the metadata.
    const [before, now] = [JSON.parse(body), await after.json()];
    expect(now.features.length).toBe(before.features.length);
    expect(JSON.stringify(now.features) === JSON.stringify(before.features)).toBe(true);
    expect(now.metadata.datasets).not.toEqual(before.metadata.datasets);
  });

  it('reference=departement classes every territory against the département rate', async () => {
    const dep = (await get('/api/territories?level=departement&year=2024')).body.features[0]
      .properties;
    const { body } = await get('/api/territories?level=epci&year=2024&reference=departement');
    expect(body.metadata.reference).toMatchObject({ kind: 'departement', rate: dep.coverage_rate });
    for (const f of body.features) expect(f.properties.reference_rate).toBe(dep.coverage_rate);
  });

  it('format=csv returns the same rows for French Excel: BOM, semicolons, decimal commas', async () => {
    const res = await fetch(`${server.baseUrl}/api/territories?level=epci&year=2024&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('territoires-epci-2024.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    const header = lines[0].split(';');
    expect(header.slice(0, 3)).toEqual(['code', 'name', 'level']);
    const geo = (await get('/api/territories?level=epci&year=2024')).body.features;
    expect(lines).toHaveLength(geo.length + 1);
    const first = Object.fromEntries(lines[1].split(';').map((v, i) => [header[i], v]));
    const expected = geo.find(
      (f: { properties: { code: string } }) => f.properties.code === first.code,
    ).properties;
    expect(first.coverage_rate).toBe(String(expected.coverage_rate).replace('.', ','));
    expect(first.fictional).toBe('oui');
    expect(first.sources).toContain('territoire fictif');
  });

  it('one territory: figures, history over all years, parents, national reference, supply', async () => {
    const commune = raw.find((r) => (r.children_under3 ?? 0) > 100)!;
    const { status, body } = await get(`/api/territories/commune/${commune.code}?year=2024`);
    expect(status).toBe(200);
    expect(body.territory.code).toBe(commune.code);
    expect(body.territory.coverage_rate).toBeCloseTo(
      (100 * commune.places) / commune.children_under3!,
      1,
    );
    expect(body.history.map((h: { year: number }) => h.year)).toEqual([
      2019, 2020, 2021, 2022, 2023, 2024,
    ]);
    expect(body.parents.epci.code).toBe(commune.epci_code);
    expect(body.parents.departement.code).toBe(commune.departement_code);
    expect(body.national).toMatchObject({ year: 2023, rate: 60.9 });
    const eaje = Number(
      (
        await db
          .knex('eaje')
          .where({ commune_code: commune.code })
          .whereRaw('coalesce(opened_year,0) <= 2024 AND coalesce(closed_year,9999) > 2024')
          .count({ n: '*' })
      )[0].n,
    );
    expect(body.supply_points.eaje).toBe(eaje);
    expect(body.facilities.filter((f: { type: string }) => f.type === 'eaje')).toHaveLength(eaje);
    expect(body.bbox).toHaveLength(4);
    // Each facility carries its position (for "isochrone from this facility"): the stored point.
    expect(body.facilities.length).toBeGreaterThan(0);
    for (const f of body.facilities as { type: string; id: number; lon: number; lat: number }[]) {
      const { rows } = await db.knex.raw(
        'SELECT ST_X(geom)::float8 AS lon, ST_Y(geom)::float8 AS lat FROM ?? WHERE id = ?',
        [f.type === 'mam' ? 'mam' : 'eaje', f.id],
      );
      expect([f.lon, f.lat]).toEqual([rows[0].lon, rows[0].lat]);
      expect(f.lon).toBeGreaterThanOrEqual(body.bbox[0] - 1e-9);
      expect(f.lon).toBeLessThanOrEqual(body.bbox[2] + 1e-9);
    }
  });

  it('facilities in a bounding box are the EAJE and MAM located there', async () => {
    const { rows } = await db.knex.raw(
      `SELECT ST_XMin(e)::float8 a, ST_YMin(e)::float8 b, ST_XMax(e)::float8 c, ST_YMax(e)::float8 d FROM (SELECT ST_Extent(geom) e FROM commune) s`,
    );
    const [minLon, minLat, maxLon, maxLat] = [rows[0].a, rows[0].b, rows[0].c, rows[0].d];
    const midLon = (minLon + maxLon) / 2;
    const bbox = `${minLon},${minLat},${midLon},${maxLat}`;
    const { status, body } = await get(`/api/facilities?bbox=${bbox}&type=eaje`);
    expect(status).toBe(200);
    // Those open in the figures' year (the latest), as the figures count them.
    const year = body.metadata.year;
    expect(year).toBe(2024);
    const expected = Number(
      (
        await db
          .knex('eaje')
          .whereRaw('geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)', [minLon, minLat, midLon, maxLat])
          .whereRaw('(opened_year IS NULL OR opened_year <= ?)', [year])
          .whereRaw('(closed_year IS NULL OR closed_year > ?)', [year])
          .count({ n: '*' })
      )[0].n,
    );
    expect(body.features).toHaveLength(expected);
    for (const f of body.features) {
      expect(f.properties.type).toBe('eaje');
      expect(f.geometry.coordinates[0]).toBeLessThanOrEqual(midLon);
      expect(f.properties.places).toBeGreaterThan(0);
    }
    const both = (await get(`/api/facilities?bbox=${minLon},${minLat},${maxLon},${maxLat}`)).body;
    expect(
      both.features.filter((f: { properties: { type: string } }) => f.properties.type === 'mam')
        .length,
    ).toBe(
      Number(
        (
          await db
            .knex('mam')
            .whereRaw('(opened_year IS NULL OR opened_year <= ?)', [year])
            .whereRaw('(closed_year IS NULL OR closed_year > ?)', [year])
            .count({ n: '*' })
        )[0].n,
      ),
    );
  });

  it.each([
    [
      '/api/territories?level=region',
      400,
      'query.level',
      /must be one of commune, epci, ept, departement/,
    ],
    ['/api/territories?level=epci&year=abc', 400, 'query.year', /must be a year/],
    ['/api/territories?level=epci&colour=red', 400, 'query', /unknown parameter\(s\): colour/],
    [
      '/api/territories?level=epci&reference=world',
      400,
      'query.reference',
      /national or departement/,
    ],
    ['/api/territories/region/18', 400, 'params.level', /must be one of/],
    ['/api/facilities?bbox=1,2,3', 400, 'query.bbox', /four numbers/],
    ['/api/facilities?bbox=3,48,2,47', 400, 'query.bbox', /minLon must be less than maxLon/],
    ['/api/facilities?bbox=2,95,3,96', 400, 'query.bbox', /latitudes within -90..90/],
    ['/api/facilities?bbox=2,47,2.5,47.5&type=creche', 400, 'query.type', /eaje or mam/],
    ['/api/facilities', 400, 'query.bbox', /required/],
  ])('GET %s → %i naming %s', async (path, status, field, message) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.body.error.message).toMatch(message);
  });

  it('unknown territory and year without data are 404s that say what exists', async () => {
    const unknown = await get('/api/territories/commune/Z1999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'not_found',
      message: 'Unknown commune "Z1999"',
    });
    const year = await get('/api/territories?level=epci&year=1990');
    expect(year.status).toBe(404);
    expect(year.body.error).toMatchObject({
      code: 'year_not_available',
      message: 'No data for year 1990; available years: 2019, 2020, 2021, 2022, 2023, 2024',
    });
    const dep = await get('/api/territories?level=commune&departement=18');
    expect(dep.status).toBe(404);
  });

  it('publishes an OpenAPI 3.1 document generated from the validation schemas', async () => {
    const { status, body } = await get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const params = body.paths['/api/territories'].get.parameters;
    expect(params.find((p: { name: string }) => p.name === 'level')).toMatchObject({
      in: 'query',
      required: true,
      schema: { enum: ['commune', 'epci', 'ept', 'departement'] },
    });
  });
});

describe(`coverage of a département with children but no place yet (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refreshes: communes are zones blanches, and no département reference is invented', async () => {
    await db.knex.transaction(async (trx) => {
      const [{ id }] = await trx('dataset')
        .insert({
          key: 'test:pop-only',
          kind: 'population',
          name: 'Population seule',
          source: 'test',
          licence: 'test',
          vintage: '2021',
          fictional: false,
        })
        .returning('id');
      await trx('departement').insert({ code: '18', name: 'Cher', dataset_id: id });
      await trx('commune').insert([
        { code: '18033', name: 'Bourges', departement_code: '18', dataset_id: id },
        { code: '18279', name: 'Vierzon', departement_code: '18', dataset_id: id },
      ]);
      await trx('population').insert([
        {
          commune_code: '18033',
          year: 2021,
          children_under3: 1500,
          total: 64000,
          method: 'census',
          dataset_id: id,
        },
        {
          commune_code: '18279',
          year: 2021,
          children_under3: 700,
          total: 26000,
          method: 'census',
          dataset_id: id,
        },
      ]);
      await refreshCoverage(trx);
    });
    const rows = await db.knex('coverage_figure').where({ year: 2021 }).orderBy(['level', 'code']);
    const dept = rows.find((r) => r.level === 'departement');
    expect(dept.coverage_rate).toBe(0);
    for (const r of rows.filter((x) => x.level === 'commune')) {
      expect(r.coverage_rate).toBe(0);
      // No supply file at all: 0 places for want of data, said incomplete, not a zone blanche.
      expect(r.missing_modes).toEqual(['eaje', 'am', 'mam', 'home_care', 'preschool']);
      expect(r.class_national).toBe('incomplete');
      expect(r.class_departement).toBe('incomplete');
    }
  });
});
