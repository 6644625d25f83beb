import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { loadDemo } from '../features/demo/service';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../test/database';
import { browser, signedIn, type Browser } from '../../test/sign-in';
import { tileContaining } from '../domain/tiles/tile-id';

/**
 * Planners and reviewers see the childminder figures of their territories as they are, and the
 * public figures elsewhere; an answer with exact figures is never kept by a shared cache (the
 * server's tile cache or an HTTP cache).
 */
describe(`exact childminder figures by territory (${databaseMode})`, () => {
  let demo: { db: Database; server: TestServer; close(): Promise<void> };
  let pub: Browser;
  let ofCommune: Browser;
  let ofDepartement: Browser;
  let admin: Browser;
  /** Two communes whose figures the public does not see, and the first one's label point. */
  let secret: { code: string; epci_code: string; lon: number; lat: number }[];

  beforeAll(async () => {
    // With the server's tile cache on, as in production.
    const db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    const server = await startTestServer(db, undefined, null, { tileCacheMb: 8 });
    demo = {
      db,
      server,
      close: async () => {
        await server.close();
        await db.close();
      },
    };
    const { knex } = demo.db;
    const year = (await knex('coverage_figure').max('year as y').first())!.y as number;
    const { rows } = await knex.raw(
      `SELECT f.code, f.epci_code, ST_X(c.label_point) AS lon, ST_Y(c.label_point) AS lat
       FROM coverage_figure f JOIN commune c ON c.code = f.code
       WHERE f.level = 'commune' AND f.year = ? AND f.childminders_secret = 'small'
       ORDER BY f.code`,
      [year],
    );
    secret = rows;
    expect(secret.length).toBeGreaterThan(2);
    const base = demo.server.baseUrl;
    pub = browser(base);
    ofCommune = await signedIn(demo.db, base, {
      login: 'planner.commune',
      role: 'planner',
      territories: [{ level: 'commune', code: secret[0].code }],
    });
    ofDepartement = await signedIn(demo.db, base, {
      login: 'reviewer.dep',
      role: 'reviewer',
      territories: [{ level: 'departement', code: 'Z1' }],
    });
    admin = await signedIn(demo.db, base, { login: 'admin', role: 'admin' });
  }, 180_000);
  afterAll(async () => demo?.close());

  const detail = async (b: Browser, code: string) => {
    const res = await b.fetch(`/api/territories/commune/${code}`);
    expect(res.status).toBe(200);
    return { cacheControl: res.headers.get('cache-control'), body: await res.json() };
  };

  it('shows a commune’s withheld figures to its planner only, and to admins', async () => {
    const [mine, other] = secret;
    expect((await detail(pub, mine.code)).body.territory.childminders_secret).toBe(true);
    expect((await detail(pub, mine.code)).body.territory.places_am).toBeNull();
    const seen = await detail(ofCommune, mine.code);
    expect(seen.body.territory.childminders_secret).toBe(false);
    expect(typeof seen.body.territory.places_am).toBe('number');
    expect(seen.cacheControl).toBe('private, no-store');
    // Another commune, and the EPCI around this one, stay under secrecy for this planner.
    expect((await detail(ofCommune, other.code)).body.territory.childminders_secret).toBe(true);
    const epci = async (b: Browser) =>
      (await (await b.fetch(`/api/territories/epci/${mine.epci_code}`)).json()).territory;
    expect((await epci(ofCommune)).places_total).toEqual((await epci(pub)).places_total);
    // A reviewer of the département and an admin see both.
    for (const b of [ofDepartement, admin]) {
      for (const c of [mine, other]) {
        expect((await detail(b, c.code)).body.territory.childminders_secret).toBe(false);
      }
    }
    // The public's détail, kept per data version, stayed the public's.
    expect((await detail(pub, mine.code)).body.territory.childminders_secret).toBe(true);
    expect((await detail(pub, other.code)).body.territory.places_am).toBeNull();
  });

  it('lists and CSV: exact for the planner’s commune, public for the rest', async () => {
    const list = async (b: Browser) =>
      (await (await b.fetch('/api/territories?level=commune')).json()).features.map(
        (f: { properties: Record<string, unknown> }) => f.properties,
      ) as Record<string, unknown>[];
    const [p, q] = [await list(pub), await list(ofCommune)];
    const differing = q.filter((f, i) => JSON.stringify(f) !== JSON.stringify(p[i]));
    expect(differing.map((f) => f.code)).toEqual([secret[0].code]);
    const csv = await (await ofCommune.fetch('/api/territories?level=commune&format=csv')).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\n');
    const column = lines[0].split(';').indexOf('childminders_secret');
    const row = (code: string) => lines.find((l) => l.startsWith(`${code};`))!.split(';');
    expect(column).toBeGreaterThan(0);
    expect(row(secret[0].code)[column]).toBe('non');
    expect(row(secret[1].code)[column]).toBe('oui');
  });

  it('tiles: exact for the planner, never cached for others, private for the browser', async () => {
    const { x, y } = tileContaining([secret[0].lon, secret[0].lat], 11);
    const url = `/api/tiles/communes/11/${x}/${y}.mvt`;
    const feature = async (b: Browser) => {
      const res = await b.fetch(url);
      expect(res.status).toBe(200);
      const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
      const layer = tile.layers.communes;
      const props = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
      return {
        cacheControl: res.headers.get('cache-control'),
        timing: res.headers.get('server-timing'),
        f: props.find((p) => p.code === secret[0].code)!,
      };
    };
    const planner = await feature(ofCommune);
    expect(planner.f.childminders_secret).toBe(false);
    expect(planner.f.places_total).toBeDefined();
    expect(planner.cacheControl).toBe('private, no-store');
    expect(planner.timing).toMatch(/cache off/);
    // The public, after the planner: the secret figure, from a tile the planner did not fill.
    const after = await feature(pub);
    expect(after.f.childminders_secret).toBe(true);
    expect(after.f.places_total).toBeUndefined();
    expect(after.cacheControl).toBe('public, max-age=300');
    expect((await feature(pub)).timing).toMatch(/cache hit/);
  });

  it('gives a planner the childminders of their territories with their homes, no one else', async () => {
    const mine = secret[0].code;
    const { rows } = await demo.db.knex.raw(
      'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM childminder WHERE commune_code = ? ORDER BY id',
      [mine],
    );
    const res = await ofCommune.fetch(`/api/childminders?level=commune&code=${mine}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.json();
    expect(body.metadata.count).toBe(rows.length);
    expect(
      body.features.map(
        (f: { properties: { id: number }; geometry: { coordinates: number[] } }) => [
          f.properties.id,
          ...f.geometry.coordinates,
        ],
      ),
    ).toEqual(
      rows.map((r: { id: string; lon: number; lat: number }) => [Number(r.id), r.lon, r.lat]),
    );
    // Not the EPCI around it, not another commune, not the département; nothing for the public.
    for (const q of [
      `level=epci&code=${secret[0].epci_code}`,
      `level=commune&code=${secret[1].code}`,
      'level=departement&code=Z1',
      'level=departement&code=Z9',
    ]) {
      expect((await ofCommune.fetch(`/api/childminders?${q}`)).status, q).toBe(403);
    }
    expect((await pub.fetch(`/api/childminders?level=commune&code=${mine}`)).status).toBe(401);
    // The département's reviewer gets all of them; an unknown territory is a 404 for an admin.
    const all = await (
      await ofDepartement.fetch('/api/childminders?level=departement&code=Z1')
    ).json();
    const total = (await demo.db.knex('childminder').count('* as n').first())!.n;
    expect(all.metadata.count).toBe(Number(total));
    expect((await admin.fetch('/api/childminders?level=departement&code=Z9')).status).toBe(404);
  });
});
