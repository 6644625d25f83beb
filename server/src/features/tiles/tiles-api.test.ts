import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { applySecrecyThreshold } from '../../kernel';
import { tileContaining, type TileId } from '../../domain/tiles/tile-id';
import { lonLatTo3857, tileBounds3857, tileSpan_m } from '../../domain/tiles/web-mercator';
import { CHILDMINDERS, EAJE, loadTileFixture, OUTLINES, ROADS } from './tiles-fixture';

// The same expectations in both database modes: in server mode PostGIS encodes the tiles
// (ST_AsMVT), in embedded mode Node does (vt-pbf). Identical values here = identical tiles
// for a client, whatever the mode.

type Xy = [number, number];
interface DecodedFeature {
  type: number;
  properties: Record<string, unknown>;
  geometry: Xy[][];
}

const FIXTURE_TILE: TileId = { z: 8, x: 129, y: 90 }; // the whole fixture is in it

/** Where a WGS84 position falls in a tile, in tile units (0..4096, y down). */
function tileUnits([lon, lat]: readonly [number, number], tile: TileId): Xy {
  const [x, y] = lonLatTo3857([lon, lat]);
  const b = tileBounds3857(tile);
  const scale = 4096 / tileSpan_m(tile.z);
  return [(x - b.west_m) * scale, (b.north_m - y) * scale];
}

/** A ring without its closing vertex, starting from its smallest vertex (x, then y). */
function normalizedRing(ring: Xy[]): Xy[] {
  const open = ring.slice(0, -1);
  let start = 0;
  open.forEach((p, i) => {
    if (p[0] < open[start][0] || (p[0] === open[start][0] && p[1] < open[start][1])) start = i;
  });
  return [...open.slice(start), ...open.slice(0, start)];
}

function bbox(rings: Xy[][]): [number, number, number, number] {
  const xs = rings.flat().map((p) => p[0]);
  const ys = rings.flat().map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

describe(`vector tiles (${databaseMode} mode)`, () => {
  let db: Database;
  let server: TestServer;
  let eajeIds: Record<string, number>;
  let mamIds: Record<string, number>;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ eajeIds, mamIds } = await loadTileFixture(db.knex));
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  async function fetchTile(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.baseUrl}${path}`, { headers });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes };
  }

  /** Fetch a tile that must exist, and decode it with the reference decoder. */
  async function layerOf(path: string): Promise<{ names: string[]; features: DecodedFeature[] }> {
    const { res, bytes } = await fetchTile(path);
    expect(res.status, `${path} -> ${res.status}`).toBe(200);
    const tile = new VectorTile(new PbfReader(bytes));
    const names = Object.keys(tile.layers);
    const layer = tile.layers[names[0]];
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({
        type: f.type,
        properties: f.properties,
        geometry: f.loadGeometry().map((ring) => ring.map((p): Xy => [p.x, p.y])),
      });
    }
    expect(layer.extent).toBe(4096);
    return { names, features };
  }

  const byKey = (features: DecodedFeature[], key: string) =>
    Object.fromEntries(features.map((f) => [String(f.properties[key]), f]));
  const tilePath = (layer: string, t: TileId, query = '') =>
    `/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`;

  it('serves tiles with the vector tile content type, an ETag and a short Cache-Control', async () => {
    const { res, bytes } = await fetchTile(tilePath('communes', FIXTURE_TILE));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(res.headers.get('server-timing')).toContain(
      databaseMode === 'server' ? 'postgis' : 'node',
    );
  });

  it('communes: one polygon per commune with the latest year’s figures, classed against the national rate', async () => {
    const { names, features } = await layerOf(tilePath('communes', FIXTURE_TILE));
    expect(names).toEqual(['communes']);
    expect(features).toHaveLength(4);
    expect(features.every((f) => f.type === 3)).toBe(true);
    const c = byKey(features, 'code');
    expect(c['18001'].properties).toEqual({
      code: '18001',
      name: 'Alpha',
      epci_code: '200000001',
      departement_code: '18',
      year: 2023,
      children_under3: 120,
      places_total: 75,
      coverage_rate: 62.5,
      childminders_secret: false,
      coverage_class: 'near',
      small_population: false,
      fictional: true,
    });
    expect(c['18003'].properties).toMatchObject({
      coverage_class: 'small_population',
      small_population: true,
      coverage_rate: 83.3,
    });
    // No figure for Delta in 2023: no_data, no figures, provenance of its outline.
    expect(c['18004'].properties).toEqual({
      code: '18004',
      name: 'Delta',
      epci_code: '200000002',
      departement_code: '18',
      coverage_class: 'no_data',
      childminders_secret: false,
      fictional: false,
    });
  });

  it('communes: each outline lands where the commune is, exterior rings clockwise on screen', async () => {
    const { features } = await layerOf(tilePath('communes', FIXTURE_TILE));
    for (const commune of OUTLINES.communes) {
      const f = features.find((x) => x.properties.code === commune.code)!;
      const [west, north] = tileUnits([commune.west, commune.north], FIXTURE_TILE);
      const [east, south] = tileUnits([commune.east, commune.south], FIXTURE_TILE);
      const [minX, minY, maxX, maxY] = bbox(f.geometry);
      expect(Math.abs(minX - west)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(maxX - east)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(minY - north)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(maxY - south)).toBeLessThanOrEqual(1.5);
      const ring = f.geometry[0];
      let area2 = 0;
      for (let i = 0; i < ring.length - 1; i++)
        area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      expect(area2).toBeGreaterThan(0);
    }
    // Exactly the same vertices in both modes (PostGIS may start the ring at another corner).
    const alpha = features.find((x) => x.properties.code === '18001')!;
    expect(alpha.geometry).toHaveLength(1);
    expect(normalizedRing(alpha.geometry[0])).toEqual([
      [2895, 598],
      [3186, 598],
      [3186, 1024],
      [2895, 1024],
    ]);
  });

  it('communes and gaps at zoom 6-7: the low-zoom outlines, the same features, communes without their details', async () => {
    // Below zoom 8 the outline drawn is commune.geom_3857_low (simplified once at 150 m), and a
    // communes tile leaves out the names, parents and counts (the catalogue's field minzoom).
    const at8 = await layerOf(tilePath('communes', FIXTURE_TILE));
    const details = ['name', 'epci_code', 'departement_code', 'children_under3', 'places_total'];
    for (const d of details)
      expect(byKey(at8.features, 'code')['18001'].properties).toHaveProperty(d);
    const { layers } = (await (await fetch(`${server.baseUrl}/api/layers`)).json()) as {
      layers: { id: string; fields: { name: string; minzoom?: number }[] }[];
    };
    expect(
      layers
        .find((l) => l.id === 'communes')!
        .fields.filter((f) => f.minzoom === 8)
        .map((f) => f.name)
        .sort(),
    ).toEqual([...details].sort());
    for (const z of [6, 7]) {
      const tile = tileContaining([2.5, 46.9], z);
      for (const layer of ['communes', 'gaps']) {
        const { features } = await layerOf(tilePath(layer, tile));
        expect(features.map((f) => f.properties.code).sort()).toEqual([
          '18001',
          '18002',
          '18003',
          '18004',
        ]);
        if (layer === 'communes') {
          for (const f of features)
            expect(f.properties).toEqual(
              Object.fromEntries(
                Object.entries(
                  byKey(at8.features, 'code')[String(f.properties.code)].properties,
                ).filter(([key]) => !details.includes(key)),
              ),
            );
        }
        for (const commune of OUTLINES.communes) {
          const f = byKey(features, 'code')[commune.code];
          const [west, north] = tileUnits([commune.west, commune.north], tile);
          const [east, south] = tileUnits([commune.east, commune.south], tile);
          const [minX, minY, maxX, maxY] = bbox(f.geometry);
          for (const [got, want] of [
            [minX, west],
            [maxX, east],
            [minY, north],
            [maxY, south],
          ])
            expect(Math.abs(got - want), `${layer} z${z} ${commune.code}`).toBeLessThanOrEqual(1.5);
        }
      }
    }
  });

  it('communes: an outline larger than the tile is clipped to the tile plus its 64-unit buffer', async () => {
    const inside = tileContaining([2.42, 46.84], 14); // well inside Alpha
    const { features } = await layerOf(tilePath('communes', inside));
    expect(features.map((f) => f.properties.code)).toEqual(['18001']);
    expect(features[0].geometry).toHaveLength(1);
    expect(normalizedRing(features[0].geometry[0])).toEqual([
      [-64, -64],
      [4160, -64],
      [4160, 4160],
      [-64, 4160],
    ]);
  });

  it('communes: ?year=2022 serves that year’s figures', async () => {
    const { features } = await layerOf(tilePath('communes', FIXTURE_TILE, '?year=2022'));
    const c = byKey(features, 'code');
    expect(c['18001'].properties).toMatchObject({
      year: 2022,
      coverage_rate: 50,
      coverage_class: 'below',
    });
    expect(c['18002'].properties).toMatchObject({
      year: 2022,
      coverage_rate: 0,
      places_total: 0,
      coverage_class: 'zone_blanche',
    });
    expect(c['18004'].properties).toMatchObject({
      year: 2022,
      coverage_rate: 75,
      coverage_class: 'above',
      fictional: true,
    });
    expect(c['18003'].properties).toMatchObject({ coverage_class: 'no_data' });
    expect(c['18003'].properties.year).toBeUndefined();
  });

  it('epci and departements: their outlines and figures', async () => {
    const epci = await layerOf(tilePath('epci', FIXTURE_TILE));
    expect(epci.names).toEqual(['epci']);
    const e = byKey(epci.features, 'code');
    expect(Object.keys(e).sort()).toEqual(['200000001', '200000002']);
    expect(e['200000001'].properties).toEqual({
      code: '200000001',
      name: 'CC du Sud',
      departement_code: '18',
      year: 2023,
      children_under3: 200,
      places_total: 95,
      coverage_rate: 47.5,
      childminders_secret: false,
      coverage_class: 'below',
      small_population: false,
      fictional: true,
    });
    const dep = await layerOf(tilePath('departements', FIXTURE_TILE));
    expect(dep.names).toEqual(['departements']);
    expect(dep.features).toHaveLength(1);
    expect(dep.features[0].properties).toEqual({
      code: '18',
      name: 'Cher',
      year: 2023,
      children_under3: 212,
      places_total: 95.8,
      coverage_rate: 45.2,
      childminders_secret: false,
      coverage_class: 'below',
      small_population: false,
      fictional: true,
    });
  });

  it('gaps: the class and reference rate follow ?reference (national by default)', async () => {
    const national = byKey((await layerOf(tilePath('gaps', FIXTURE_TILE))).features, 'code');
    expect(national['18001'].properties).toEqual({
      code: '18001',
      name: 'Alpha',
      year: 2023,
      coverage_class: 'near',
      coverage_rate: 62.5,
      childminders_secret: false,
      reference_rate: 60.9,
      fictional: true,
    });
    expect(national['18002'].properties).toMatchObject({
      coverage_class: 'well_below',
      reference_rate: 60.9,
    });
    expect(national['18004'].properties).toMatchObject({ coverage_class: 'no_data' });
    const dep = byKey(
      (await layerOf(tilePath('gaps', FIXTURE_TILE, '?reference=departement'))).features,
      'code',
    );
    expect(dep['18001'].properties).toMatchObject({
      coverage_class: 'above',
      reference_rate: 45.2,
    });
    expect(dep['18002'].properties).toMatchObject({
      coverage_class: 'below',
      reference_rate: 45.2,
    });
  });

  it('eaje at z12: the open facilities of the tile as points where they are', async () => {
    const tile = tileContaining([EAJE[0].lon, EAJE[0].lat], 12);
    expect(tile).toEqual({ z: 12, x: 2075, y: 1443 });
    const { names, features } = await layerOf(tilePath('eaje', tile));
    expect(names).toEqual(['eaje']);
    expect(features.map((f) => f.properties.name)).toEqual([
      'Crèche des Tilleuls',
      'Micro-crèche Les Lutins',
    ]);
    expect(features[0].properties).toEqual({
      id: eajeIds.e1,
      name: 'Crèche des Tilleuls',
      kind: 'multi_accueil',
      financing: 'psu',
      places: 40,
      commune_code: '18001',
      location_approximate: false,
    });
    for (const [i, e] of EAJE.slice(0, 2).entries()) {
      const [x, y] = tileUnits([e.lon, e.lat], tile);
      expect(features[i].type).toBe(1);
      expect(Math.abs(features[i].geometry[0][0][0] - x)).toBeLessThanOrEqual(1);
      expect(Math.abs(features[i].geometry[0][0][1] - y)).toBeLessThanOrEqual(1);
    }
  });

  it('eaje: closed facilities only with a ?year when they were open', async () => {
    const now = (await layerOf(tilePath('eaje', FIXTURE_TILE))).features.map(
      (f) => f.properties.name,
    );
    expect(now).toEqual([
      'Crèche des Tilleuls',
      'Micro-crèche Les Lutins',
      'Halte-garderie du Bourg',
    ]);
    const in2019 = (await layerOf(tilePath('eaje', FIXTURE_TILE, '?year=2019'))).features;
    expect(in2019.map((f) => f.properties.name)).toEqual([
      'Crèche des Tilleuls',
      'Halte-garderie du Bourg',
      'Ancienne crèche',
    ]);
    expect(
      in2019.find((f) => f.properties.name === 'Halte-garderie du Bourg')!.properties
        .location_approximate,
    ).toBe(true);
  });

  it('mam: open MAM with their places and childminders', async () => {
    const { names, features } = await layerOf(tilePath('mam', FIXTURE_TILE));
    expect(names).toEqual(['mam']);
    expect(features.map((f) => f.properties)).toEqual([
      {
        id: mamIds.m1,
        name: 'MAM Les Petits Pas',
        places: 12,
        childminder_count: 3,
        commune_code: '18003',
      },
      {
        id: mamIds.m2,
        name: 'MAM Bout d’chou',
        places: 8,
        childminder_count: 2,
        commune_code: '18004',
      },
    ]);
  });

  it('childminders: one aggregate per commune with active AM, at the commune label point', async () => {
    const { names, features } = await layerOf(tilePath('childminders', FIXTURE_TILE));
    expect(names).toEqual(['childminders']);
    // Statistical secrecy (threshold 3): Bravo has one childminder, Charlie one at home and
    // two in a MAM: their counts are withheld, their points stay.
    expect(features.map((f) => f.properties)).toEqual([
      {
        commune_code: '18001',
        name: 'Alpha',
        childminders: 3,
        places: 11,
        in_mam: 0,
        childminders_secret: false,
      },
      { commune_code: '18002', name: 'Bravo', childminders_secret: true, childminders_below: 3 },
      { commune_code: '18003', name: 'Charlie', childminders_secret: true, childminders_below: 3 },
    ]);
    const { rows } = await db.knex.raw(
      `SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM commune ORDER BY code`,
    );
    const label = Object.fromEntries(
      rows.map((r: { code: string; lon: number; lat: number }) => [
        r.code,
        [r.lon, r.lat] as const,
      ]),
    );
    for (const f of features) {
      const [x, y] = tileUnits(label[f.properties.commune_code as string], FIXTURE_TILE);
      expect(f.geometry).toHaveLength(1);
      expect(Math.abs(f.geometry[0][0][0] - x)).toBeLessThanOrEqual(1);
      expect(Math.abs(f.geometry[0][0][1] - y)).toBeLessThanOrEqual(1);
    }
    // The year's own count, seen with secrecy off (threshold 1), then withheld (2 < 3).
    await applySecrecyThreshold(db.knex, 1);
    const in2020 = await layerOf(tilePath('childminders', FIXTURE_TILE, '?year=2020')).finally(() =>
      applySecrecyThreshold(db.knex, 3),
    );
    expect(
      in2020.features.find((f) => f.properties.commune_code === '18002')!.properties,
    ).toMatchObject({ childminders: 2, places: 7 });
    const public2020 = await layerOf(tilePath('childminders', FIXTURE_TILE, '?year=2020'));
    expect(
      public2020.features.find((f) => f.properties.commune_code === '18002')!.properties,
    ).toEqual({
      commune_code: '18002',
      name: 'Bravo',
      childminders_secret: true,
      childminders_below: 3,
    });
  });

  it('childminders: no vertex of any zoom is at or near a childminder’s home', async () => {
    for (const home of CHILDMINDERS) {
      for (const z of [8, 10, 12, 14]) {
        const tile = tileContaining([home.lon, home.lat], z);
        const { res, bytes } = await fetchTile(tilePath('childminders', tile));
        if (res.status === 204) continue;
        expect(res.status).toBe(200);
        const layer = new VectorTile(new PbfReader(bytes)).layers.childminders;
        const homeXy = tileUnits([home.lon, home.lat], tile);
        const unit_m = tileSpan_m(z) / 4096;
        for (let i = 0; i < layer.length; i++) {
          for (const p of layer.feature(i).loadGeometry().flat()) {
            const distance_m = Math.hypot(p.x - homeXy[0], p.y - homeXy[1]) * unit_m;
            expect(distance_m).toBeGreaterThan(2000); // homes sit ≥ 3 km from the label points
          }
        }
      }
    }
  });

  it('roads: below zoom 11 only the nationale/departementale network, every class from 11', async () => {
    const [a, b] = [ROADS[2].from, ROADS[2].to] as [number, number][];
    const middle: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const z12 = await layerOf(tilePath('roads', tileContaining(middle, 12)));
    expect(z12.names).toEqual(['roads']);
    expect(z12.features.map((f) => f.properties)).toEqual([
      { road_class: 'communale', speed_kmh: 30, oneway: true },
    ]);
    expect(z12.features[0].type).toBe(2);
    // At z10 the communale crosses this tile, and so does the nationale: only the latter is served.
    const z10 = await layerOf(tilePath('roads', tileContaining(middle, 10)));
    expect(z10.features.map((f) => f.properties)).toEqual([
      { road_class: 'nationale', speed_kmh: 80, oneway: false },
    ]);
    const z8 = await layerOf(tilePath('roads', FIXTURE_TILE));
    expect(z8.features.map((f) => f.properties.road_class)).toEqual([
      'nationale',
      'departementale',
    ]);
    // The nationale runs west-east along 46.85°N: a horizontal line at that row.
    const [, y] = tileUnits([2.5, 46.85], FIXTURE_TILE);
    for (const p of z8.features[0].geometry[0]) expect(Math.abs(p[1] - y)).toBeLessThanOrEqual(1);
  });

  it('an empty tile is 204 No Content with the same caching headers', async () => {
    const { res, bytes } = await fetchTile('/api/tiles/eaje/12/0/0.mvt');
    expect(res.status).toBe(204);
    expect(bytes.length).toBe(0);
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    // Next to the fixture but beyond the 64-unit buffer: nothing either.
    expect((await fetchTile('/api/tiles/communes/8/129/89.mvt')).res.status).toBe(204);
  });

  it('answers 304 Not Modified to If-None-Match with the current ETag, and 200 to a stale one', async () => {
    const path = tilePath('communes', FIXTURE_TILE);
    const first = await fetchTile(path);
    const etag = first.res.headers.get('etag')!;
    const again = await fetchTile(path, { 'If-None-Match': etag });
    expect(again.res.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect(again.res.headers.get('etag')).toBe(etag);
    expect((await fetchTile(path, { 'If-None-Match': '"stale"' })).res.status).toBe(200);
    // Another year, other bytes, another ETag.
    expect(
      (await fetchTile(tilePath('communes', FIXTURE_TILE, '?year=2022'))).res.headers.get('etag'),
    ).not.toBe(etag);
    const empty = await fetchTile('/api/tiles/eaje/12/0/0.mvt');
    expect(
      (
        await fetchTile('/api/tiles/eaje/12/0/0.mvt', {
          'If-None-Match': empty.res.headers.get('etag')!,
        })
      ).res.status,
    ).toBe(304);
  });

  async function errorOf(path: string) {
    const res = await fetch(`${server.baseUrl}${path}`);
    return {
      status: res.status,
      body: (await res.json()) as { error: { code: string; message: string; details?: unknown } },
    };
  }

  it('400 names the tile coordinate out of range', async () => {
    let e = await errorOf('/api/tiles/communes/23/0/0.mvt');
    expect(e.status).toBe(400);
    expect(e.body.error.code).toBe('bad_request');
    expect(e.body.error.details).toEqual([
      { field: 'params.z', message: 'must be an integer from 0 to 22' },
    ]);
    e = await errorOf('/api/tiles/communes/8/256/-1.mvt');
    expect(e.body.error.details).toEqual([
      { field: 'params.y', message: 'must be a non-negative integer' },
    ]);
    e = await errorOf('/api/tiles/communes/8/256/3.mvt');
    expect(e.body.error.details).toEqual([
      { field: 'params.x', message: 'must be an integer from 0 to 255 at zoom 8' },
    ]);
    e = await errorOf('/api/tiles/communes/8/1.5/3.mvt');
    expect(e.body.error.details).toEqual([
      { field: 'params.x', message: 'must be a non-negative integer' },
    ]);
    e = await errorOf('/api/tiles/communes/3/4/2.mvt');
    expect(e.status).toBe(400);
    expect(e.body.error.details).toEqual([
      { field: 'params.z', message: 'layer communes is served from zoom 6 to 14' },
    ]);
  });

  it('400 for a bad year or reference, or a parameter the layer does not take', async () => {
    let e = await errorOf(tilePath('communes', FIXTURE_TILE, '?year=deux-mille'));
    expect(e.status).toBe(400);
    expect(e.body.error.details).toEqual([
      { field: 'query.year', message: 'must be a year such as 2024' },
    ]);
    e = await errorOf(tilePath('eaje', FIXTURE_TILE, '?year=1850'));
    expect(e.body.error.details).toEqual([
      { field: 'query.year', message: 'must be a year between 1900 and 2100' },
    ]);
    e = await errorOf(tilePath('gaps', FIXTURE_TILE, '?reference=regional'));
    expect(e.status).toBe(400);
    expect(e.body.error.details).toEqual([
      { field: 'query.reference', message: 'must be national or departement' },
    ]);
    e = await errorOf(tilePath('roads', FIXTURE_TILE, '?year=2023'));
    expect(e.status).toBe(400);
    expect(e.body.error.message).toContain(
      'unknown parameter(s) for layer roads: year (accepted: departement)',
    );
  });

  it('404 for an unknown layer lists the known layers', async () => {
    const e = await errorOf('/api/tiles/creches/8/129/90.mvt');
    expect(e.status).toBe(404);
    expect(e.body.error.code).toBe('not_found');
    expect(e.body.error.details).toEqual({
      layers: [
        'communes',
        'epci',
        'ept',
        'departements',
        'gaps',
        'gapzones',
        'eaje',
        'mam',
        'childminders',
        'roads',
        'accessibility',
      ],
    });
  });

  it('/api/layers describes every layer: fields, zooms, tile URL, parameters, attribution', async () => {
    const res = await fetch(`${server.baseUrl}/api/layers`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.coverageYears).toEqual([2022, 2023]);
    expect(doc.tile).toMatchObject({
      extent: 4096,
      buffer: 64,
      contentType: 'application/vnd.mapbox-vector-tile',
    });
    const ids = doc.layers.map((l: { id: string }) => l.id);
    expect(ids).toEqual([
      'communes',
      'epci',
      'ept',
      'departements',
      'gaps',
      'gapzones',
      'eaje',
      'mam',
      'childminders',
      'roads',
      'accessibility',
    ]);
    for (const layer of doc.layers) {
      expect(layer.tileUrl).toBe(`/api/tiles/${layer.id}/{z}/{x}/{y}.mvt`);
      expect(layer.sourceLayer).toBe(layer.id);
      expect(layer.title.length).toBeGreaterThan(5);
      expect(layer.attribution.length).toBeGreaterThan(5);
      expect(layer.fields.length).toBeGreaterThan(2);
      for (const field of layer.fields) {
        expect(field.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(['string', 'integer', 'number', 'boolean']).toContain(field.type);
        expect(field.description.length).toBeGreaterThan(5);
      }
      expect(layer.constants).toBeUndefined();
    }
    const gaps = doc.layers.find((l: { id: string }) => l.id === 'gaps');
    expect(gaps.query.map((q: { name: string }) => q.name)).toEqual([
      'year',
      'reference',
      'departement',
    ]);
    expect(gaps.query[1]).toMatchObject({
      default: 'national',
      values: ['national', 'departement'],
    });
    const childminders = doc.layers.find((l: { id: string }) => l.id === 'childminders');
    expect(childminders.fields.map((f: { name: string }) => f.name)).toEqual([
      'commune_code',
      'name',
      'childminders',
      'places',
      'in_mam',
      'childminders_secret',
      'childminders_below',
    ]);
    const roads = doc.layers.find((l: { id: string }) => l.id === 'roads');
    expect(roads.notes[0]).toContain('Sous le zoom 11');
  });
});
