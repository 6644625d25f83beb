import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { buildGraph, travelTimeMatrix, type RoadGraph } from '../../domain/routing';
import { loadQuery } from '../../db/sql';
import { loadDemo } from '../demo/service';
import { bandCells, packDemandPoints } from './demand-points';
import { fetchBandSums, fetchDemandPoints, fetchRoadEdges } from './repository';

/**
 * POST /api/isochrones and GET /api/travel/nearest on the demo territory, checked against
 * computations written here independently of the code under test: a plain Dijkstra over the
 * stored edges, plain SQL sums, and per-target searches for the nearest place.
 */

const YEAR = 2024;
const AM_SHARE = 0.81;

/**
 * The stored network as a plain adjacency list, by car: each edge at the cost the routing graph
 * gives it (its speed from class, setting and limit, and the junction delays, are pinned by the
 * routing core's own tests), one-way edges one way. What is checked here is the search and the
 * drawing of the bands.
 */
async function plainNetwork(db: Database, graph: RoadGraph) {
  const { rows } = await db.knex.raw(
    `SELECT id, source, target, oneway,
            ST_X(ST_StartPoint(geom)) AS x0, ST_Y(ST_StartPoint(geom)) AS y0,
            ST_X(ST_EndPoint(geom)) AS x1, ST_Y(ST_EndPoint(geom)) AS y1
     FROM road_edge`,
  );
  const denseEdge = new Map<number, number>();
  graph.edgeIds.forEach((id, e) => denseEdge.set(id, e));
  const adjacency = new Map<number, { to: number; cost_s: number }[]>();
  const position = new Map<number, [number, number]>();
  const link = (a: number, b: number, cost_s: number) => {
    if (!adjacency.has(a)) adjacency.set(a, []);
    adjacency.get(a)!.push({ to: b, cost_s });
  };
  for (const r of rows) {
    const e = denseEdge.get(Number(r.id))!;
    link(Number(r.source), Number(r.target), graph.costs.car.edgeForward_s[e]);
    if (!r.oneway) link(Number(r.target), Number(r.source), graph.costs.car.edgeBackward_s[e]);
    position.set(Number(r.source), [r.x0, r.y0]);
    position.set(Number(r.target), [r.x1, r.y1]);
  }
  return { adjacency, position };
}

/** Textbook Dijkstra (linear scan for the minimum: the demo has a few hundred nodes). */
function plainDijkstra(
  adjacency: Map<number, { to: number; cost_s: number }[]>,
  from: number,
): Map<number, number> {
  const time = new Map<number, number>([[from, 0]]);
  const done = new Set<number>();
  for (;;) {
    let u = -1;
    let best = Infinity;
    for (const [n, t] of time) if (!done.has(n) && t < best) [u, best] = [n, t];
    if (u === -1) return time;
    done.add(u);
    for (const { to, cost_s } of adjacency.get(u) ?? []) {
      if (best + cost_s < (time.get(to) ?? Infinity)) time.set(to, best + cost_s);
    }
  }
}

/** Children and places inside a band, written apart from sql/queries/travel/band_sums.sql. */
const INDEPENDENT_SUMS = `
  WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326) AS g)
  SELECT
    -- children: of the grid cells whose centroid the band covers; a commune without cells by
    -- the share of its area inside
    (SELECT sum(p.children_under3 *
                CASE WHEN EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = c.code)
                     THEN (SELECT coalesce(sum(d.share), 0) FROM demand_cell d
                           WHERE d.commune_code = c.code AND ST_Covers(b.g, d.centroid))
                     ELSE ST_Area(ST_Intersection(c.geom, b.g)::geography) / ST_Area(c.geom::geography)
                END)
       FROM commune c JOIN population p ON p.commune_code = c.code AND p.year = :year
       WHERE ST_Intersects(c.geom, b.g)) AS children,
    (SELECT count(*) FROM demand_cell d WHERE ST_Covers(b.g, d.centroid))::int AS grid_cells,
    (SELECT count(*) FROM commune c JOIN population p ON p.commune_code = c.code AND p.year = :year
       WHERE ST_Intersects(c.geom, b.g) AND p.children_under3 > 0
         AND NOT EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = c.code))::int
      AS communes_without_grid,
    (SELECT coalesce(sum(places), 0) FROM eaje e WHERE ST_Covers(b.g, e.geom) AND e.financing = 'psu'
       AND coalesce(e.opened_year, 0) <= :year AND coalesce(e.closed_year, 9999) > :year) AS psu,
    (SELECT coalesce(sum(places), 0) FROM eaje e WHERE ST_Covers(b.g, e.geom) AND e.financing = 'hors_psu'
       AND coalesce(e.opened_year, 0) <= :year AND coalesce(e.closed_year, 9999) > :year) AS hors_psu,
    (SELECT CAST(:am_share AS float8) * coalesce(sum(a.agreement_places), 0) FROM mam m JOIN childminder a ON a.mam_id = m.id
       WHERE ST_Covers(b.g, m.geom) AND a.active
       AND coalesce(a.started_year, 0) <= :year AND coalesce(a.ended_year, 9999) > :year) AS mam,
    -- AM at home: each one's places × the share of its commune's children (the cell shares)
    -- whose cell centroid the band covers; a commune with no cell of share > 0 by area share
    (SELECT CAST(:am_share AS float8) * coalesce(sum(a.agreement_places *
                CASE WHEN EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = c.code AND d.share > 0)
                     THEN (SELECT coalesce(sum(d.share), 0) FROM demand_cell d
                           WHERE d.commune_code = c.code AND ST_Covers(b.g, d.centroid))
                     ELSE ST_Area(ST_Intersection(c.geom, b.g)::geography) / ST_Area(c.geom::geography)
                END), 0)
       FROM childminder a JOIN commune c ON c.code = a.commune_code
       WHERE a.mam_id IS NULL AND a.active AND ST_Intersects(c.geom, b.g)
       AND coalesce(a.started_year, 0) <= :year AND coalesce(a.ended_year, 9999) > :year
       -- statistical secrecy: the public never gets a withheld commune's AM at home
       AND NOT EXISTS (SELECT 1 FROM coverage_figure f WHERE f.level = 'commune' AND f.code = c.code
                       AND f.year = :year AND f.childminders_secret IS NOT NULL)) AS am,
    (SELECT count(*) FROM commune c JOIN coverage_figure f ON f.level = 'commune' AND f.code = c.code
       AND f.year = :year AND f.childminders_secret IS NOT NULL
       WHERE ST_Intersects(c.geom, b.g))::int AS am_withheld,
    ST_Area(b.g::geography) / 1e6 AS area_km2,
    ST_IsValid(b.g) AS valid,
    ST_GeometryType(b.g) AS kind
  FROM b`;

/** The datasets of every row a band counts, written apart from band_sums.sql (roads aside). */
const INDEPENDENT_SOURCES = `
  WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326) AS g),
  met AS (SELECT c.code, c.dataset_id FROM commune c, b
          WHERE ST_Intersects(c.geom, b.g) AND ST_Area(ST_Intersection(c.geom, b.g)) > 0),
  working AS (SELECT a.* FROM childminder a WHERE a.active
              AND coalesce(a.started_year, 0) <= :year AND coalesce(a.ended_year, 9999) > :year)
  SELECT array(
    SELECT dataset_id FROM met
    UNION SELECT p.dataset_id FROM population p JOIN met ON p.commune_code = met.code AND p.year = :year
    UNION SELECT a.dataset_id FROM working a JOIN met ON a.commune_code = met.code WHERE a.mam_id IS NULL
    UNION SELECT d.dataset_id FROM demand_cell d, b WHERE ST_Covers(b.g, d.centroid)
    UNION SELECT e.dataset_id FROM eaje e, b WHERE ST_Covers(b.g, e.geom)
      AND coalesce(e.opened_year, 0) <= :year AND coalesce(e.closed_year, 9999) > :year
    UNION SELECT m.dataset_id FROM mam m, b WHERE ST_Covers(b.g, m.geom)
    UNION SELECT a.dataset_id FROM mam m JOIN working a ON a.mam_id = m.id, b WHERE ST_Covers(b.g, m.geom)
    ORDER BY 1) AS ids`;

interface Band {
  type: 'Feature';
  geometry: { type: string; coordinates: number[][][][] };
  properties: Record<string, number | boolean | null | string | number[]>;
}

describe(`travel API (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let graph: RoadGraph;
  let hub: { node: number; lon: number; lat: number };
  /** The demo's demand-grid cells inside bands, as the isochrone route counts them. */
  const cellsIn = async (bands: { minutes: number; geometry: { coordinates: number[][][][] } }[]) =>
    bandCells(packDemandPoints(await fetchDemandPoints(db.knex, true)), bands);
  /** Runs `check` while commune `code` has no demand-grid cell, then gives its cells back. */
  const withoutGridCells = async (code: string, check: () => Promise<void>) => {
    await db.knex.raw(
      'CREATE TABLE test_kept_cells AS SELECT * FROM demand_cell WHERE commune_code = ?',
      [code],
    );
    try {
      await db.knex('demand_cell').where('commune_code', code).delete();
      await check();
    } finally {
      await db.knex.raw('INSERT INTO demand_cell SELECT * FROM test_kept_cells');
      await db.knex.raw('DROP TABLE test_kept_cells');
    }
  };
  const post = async (body: unknown) => {
    const res = await fetch(`${server.baseUrl}/api/isochrones`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  const get = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    server = await startTestServer(db);
    graph = buildGraph(await fetchRoadEdges(db.knex, true));
    // The node with the most roads: an isochrone from it starts at 0 s with no off-network leg.
    const { rows } = await db.knex.raw(`
      WITH ends AS (SELECT source AS node, ST_X(ST_StartPoint(geom)) AS x, ST_Y(ST_StartPoint(geom)) AS y FROM road_edge
                    UNION ALL SELECT target, ST_X(ST_EndPoint(geom)), ST_Y(ST_EndPoint(geom)) FROM road_edge)
      SELECT node, min(x) AS lon, min(y) AS lat FROM ends GROUP BY node ORDER BY count(*) DESC, node LIMIT 1`);
    hub = { node: Number(rows[0].node), lon: rows[0].lon, lat: rows[0].lat };
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  describe('POST /api/isochrones', () => {
    let answer: {
      status: number;
      type: string | null;
      body: {
        features: Band[];
        origin: Record<string, unknown>;
        metadata: Record<string, unknown>;
      };
    };
    beforeAll(async () => {
      answer = await post({ lon: hub.lon, lat: hub.lat, minutes: [10, 20, 30], mode: 'car' });
    });

    it('answers one valid (Multi)Polygon per band, nearest first, each inside the next', async () => {
      expect(answer.status).toBe(200);
      expect(answer.type).toContain('application/geo+json');
      const bands = answer.body.features;
      expect(bands.map((f) => f.properties.minutes)).toEqual([10, 20, 30]);
      for (const f of bands) {
        const { rows } = await db.knex.raw(INDEPENDENT_SUMS, {
          g: JSON.stringify(f.geometry),
          year: YEAR,
          am_share: AM_SHARE,
        });
        expect(rows[0].valid).toBe(true);
        expect(rows[0].kind).toMatch(/^ST_(Multi)?Polygon$/);
        expect(f.properties.area_km2 as number).toBeGreaterThan(0);
      }
      for (let k = 1; k < bands.length; k++) {
        const { rows } = await db.knex.raw(
          `SELECT ST_Area(ST_Difference(ST_GeomFromGeoJSON(:inner), ST_GeomFromGeoJSON(:outer))::geography) AS outside_m2,
                  ST_Area(ST_GeomFromGeoJSON(:inner)::geography) < ST_Area(ST_GeomFromGeoJSON(:outer)::geography) AS grows`,
          {
            inner: JSON.stringify(bands[k - 1].geometry),
            outer: JSON.stringify(bands[k].geometry),
          },
        );
        expect(rows[0].outside_m2).toBeLessThan(1);
        expect(rows[0].grows).toBe(true);
      }
    });

    it('holds every node reached within a band, by a plain Dijkstra over the stored edges', async () => {
      const { adjacency, position } = await plainNetwork(db, graph);
      const times = plainDijkstra(adjacency, hub.node);
      for (const band of answer.body.features) {
        const limit_s = (band.properties.minutes as number) * 60;
        const inside = [...times]
          .filter(([, t]) => t <= limit_s - 1)
          .map(([n]) => position.get(n)!);
        expect(inside.length).toBeGreaterThan(1);
        const { rows } = await db.knex.raw(
          `SELECT count(*) FILTER (WHERE NOT ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326), ST_SetSRID(ST_MakePoint(x, y), 4326))) AS outside
           FROM unnest(CAST(:xs AS float8[]), CAST(:ys AS float8[])) AS p(x, y)`,
          {
            g: JSON.stringify(band.geometry),
            xs: inside.map((p) => p[0]),
            ys: inside.map((p) => p[1]),
          },
        );
        expect(rows[0].outside).toBe(0);
      }
    });

    it('counts children and places inside each band as an independent SQL computation does', async () => {
      let placesSeen = 0;
      for (const band of answer.body.features) {
        const { rows } = await db.knex.raw(INDEPENDENT_SUMS, {
          g: JSON.stringify(band.geometry),
          year: YEAR,
          am_share: AM_SHARE,
        });
        const x = rows[0];
        const p = band.properties;
        expect(p.children_under3 as number).toBeCloseTo(x.children, 1);
        expect(p.places_eaje_psu).toBeCloseTo(x.psu, 1);
        expect(p.places_eaje_hors_psu).toBeCloseTo(x.hors_psu, 1);
        expect(p.places_mam as number).toBeCloseTo(x.mam, 1);
        expect(p.places_am as number).toBeCloseTo(x.am, 1);
        // Statistical secrecy: the AM at home of withheld communes are left out (and counted).
        expect(p.am_withheld_communes).toBe(x.am_withheld);
        expect(x.am_withheld).toBeGreaterThan(0);
        expect(p.places_total as number).toBeCloseTo(x.psu + x.hors_psu + x.mam + x.am, 1);
        expect(p.area_km2 as number).toBeCloseTo(x.area_km2, 2);
        // The demo has a grid for every commune: children come from the cells inside.
        expect(x.grid_cells).toBeGreaterThan(0);
        expect(x.communes_without_grid).toBe(0);
        expect(p).toMatchObject({
          mode: 'car',
          year: YEAR,
          children_estimated: false,
          children_method: 'demand_grid',
          fictional: true,
        });
        placesSeen += x.psu + x.hors_psu + x.mam;
      }
      expect(placesSeen).toBeGreaterThan(0); // the comparison is not of zeros only
      const [first, , last] = answer.body.features;
      expect(last.properties.children_under3 as number).toBeGreaterThan(
        first.properties.children_under3 as number,
      );
    });

    it('counts a band cut into several pieces as the same band whole', async () => {
      // A disc of 4,000 vertices round the hub, over the edge of a commune that loses its grid
      // cells: band_sums.sql cuts the band into pieces of at most 1,024 vertices to measure that
      // commune's area inside, and each cell, place and share must still count once.
      const { rows: disc } = await db.knex.raw(
        `SELECT ST_AsGeoJSON(ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography,
                  4000, 'quad_segs=1000')::geometry)) AS g`,
        { lon: hub.lon, lat: hub.lat },
      );
      const g = disc[0].g as string;
      const { rows: pieces } = await db.knex.raw(
        `SELECT count(*)::int AS n FROM ST_Subdivide(ST_GeomFromGeoJSON(:g), 1024)`,
        { g },
      );
      expect(pieces[0].n).toBeGreaterThanOrEqual(4);
      const { rows: edge } = await db.knex.raw(
        `SELECT c.code FROM commune c JOIN population p ON p.commune_code = c.code AND p.year = :year
         WHERE ST_Intersects(c.geom, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326))
           AND NOT ST_CoveredBy(c.geom, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326))
           AND p.children_under3 > 0
         ORDER BY p.children_under3 DESC, c.code LIMIT 1`,
        { g, year: YEAR },
      );
      await withoutGridCells(edge[0].code as string, async () => {
        const [sums] = await fetchBandSums(
          db.knex,
          [{ minutes: 1, geometry: JSON.parse(g) }],
          YEAR,
          AM_SHARE,
          '',
          true,
          await cellsIn([{ minutes: 1, geometry: JSON.parse(g) }]),
        );
        const { rows } = await db.knex.raw(INDEPENDENT_SUMS, {
          g,
          year: YEAR,
          am_share: AM_SHARE,
        });
        const x = rows[0];
        expect(x.grid_cells).toBeGreaterThan(10);
        expect(x.communes_without_grid).toBe(1);
        expect(sums.children_by_area).toBe(true);
        // The area inside summed over the pieces: equal to the whole band's to a millionth.
        expect(sums.children_under3! / x.children).toBeCloseTo(1, 6);
        expect(sums.places_eaje_psu).toBeCloseTo(x.psu, 6);
        expect(sums.places_eaje_hors_psu).toBeCloseTo(x.hors_psu, 6);
        expect(sums.places_mam).toBeCloseTo(x.mam, 6);
        expect(sums.places_am / x.am).toBeCloseTo(1, 6);
        expect(x.psu + x.hors_psu + x.mam + x.am).toBeGreaterThan(0);
      });
    });

    it('counts a commune without grid cells by its area share, and says so', async () => {
      const band = answer.body.features[0];
      const g = JSON.stringify(band.geometry);
      // The commune with the most children among those the band meets loses its grid cells.
      const { rows } = await db.knex.raw(
        `SELECT c.code FROM commune c JOIN population p ON p.commune_code = c.code AND p.year = :year
         WHERE ST_Intersects(c.geom, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326))
         ORDER BY p.children_under3 DESC, c.code LIMIT 1`,
        { g, year: YEAR },
      );
      await withoutGridCells(rows[0].code as string, async () => {
        // The same request as the band's, so that the band is drawn the same.
        const again = await post({
          lon: hub.lon,
          lat: hub.lat,
          minutes: [10, 20, 30],
          mode: 'car',
        });
        expect(again.status).toBe(200);
        expect(again.body.features[0].geometry).toEqual(band.geometry);
        const p = again.body.features[0].properties;
        const { rows: x } = await db.knex.raw(INDEPENDENT_SUMS, {
          g,
          year: YEAR,
          am_share: AM_SHARE,
        });
        expect(x[0].communes_without_grid).toBe(1);
        expect(p.children_under3 as number).toBeCloseTo(x[0].children, 1);
        expect(p.children_under3).not.toBeCloseTo(band.properties.children_under3 as number, 0);
        expect(p).toMatchObject({
          children_method: 'demand_grid_and_area',
          children_estimated: true,
        });
      });
    });

    it("spreads a commune's AM at home by its children: all inside its cells, none outside", async () => {
      // The commune with the most AM places at home whose cell centroids its outline covers,
      // not withheld by secrecy. Its places at home × 0.81, summed from the childminder rows,
      // are what a band holding all its populated cells must count; a band over the same
      // commune minus a 50 m disc round each centroid (most of its area: the area share would
      // count most of its places) must count none. No neighbour's centroid lies in its outline
      // (chosen so), so the neighbours it touches add nothing.
      const { rows } = await db.knex.raw(
        `WITH home AS (
           SELECT a.commune_code AS code, sum(a.agreement_places) AS places FROM childminder a
           WHERE a.mam_id IS NULL AND a.active
             AND coalesce(a.started_year, 0) <= :year AND coalesce(a.ended_year, 9999) > :year
           GROUP BY a.commune_code)
         SELECT c.code, h.places,
                ST_AsGeoJSON(ST_Multi(c.geom)) AS whole,
                ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Difference(c.geom,
                  (SELECT ST_Union(ST_Buffer(d.centroid::geography, 50)::geometry)
                   FROM demand_cell d WHERE d.commune_code = c.code)), 3))) AS holed
         FROM commune c JOIN home h ON h.code = c.code
         WHERE EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = c.code AND d.share > 0)
           AND NOT EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = c.code
                           AND NOT ST_Covers(c.geom, d.centroid))
           AND NOT EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code <> c.code
                           AND ST_Covers(c.geom, d.centroid))
           AND NOT EXISTS (SELECT 1 FROM coverage_figure f WHERE f.level = 'commune'
                           AND f.code = c.code AND f.childminders_secret IS NOT NULL)
         ORDER BY h.places DESC, c.code LIMIT 1`,
        { year: YEAR },
      );
      const { code, places } = rows[0];
      expect(Number(places)).toBeGreaterThan(0);
      const bands = [
        { minutes: 1, geometry: JSON.parse(rows[0].whole) },
        { minutes: 2, geometry: JSON.parse(rows[0].holed) },
      ];
      const sums = await fetchBandSums(
        db.knex,
        bands,
        YEAR,
        AM_SHARE,
        '',
        true,
        await cellsIn(bands),
      );
      expect(sums[0].places_am).toBeCloseTo(Number(places) * AM_SHARE, 6);
      expect(sums[1].places_am).toBeCloseTo(0, 6);
      // The holed band still covers most of the commune: by area share it would count most.
      const { rows: area } = await db.knex.raw(
        `SELECT ST_Area(ST_GeomFromGeoJSON(:holed)::geography) / ST_Area(c.geom::geography) AS share
         FROM commune c WHERE c.code = :code`,
        { holed: rows[0].holed, code },
      );
      expect(area[0].share).toBeGreaterThan(0.5);
    });

    it('names its origin, its year and its sources (roads, communes, population, supply)', async () => {
      const { origin, metadata, features } = answer.body;
      expect(origin).toMatchObject({
        reachable: true,
        lon: hub.lon,
        lat: hub.lat,
        off_network_m: 0,
        off_network_minutes: 0,
      });
      expect((origin.snapped as { lon: number }).lon).toBeCloseTo(hub.lon, 6);
      expect(metadata).toMatchObject({
        mode: 'car',
        year: YEAR,
        minutes: [10, 20, 30],
        am_under3_share: AM_SHARE,
        fictional: true,
      });
      const kinds = new Set(
        (metadata.datasets as { id: number; kind: string }[]).map((d) => d.kind),
      );
      for (const kind of ['roads', 'territory', 'population', 'eaje', 'childminders'])
        expect(kinds).toContain(kind);
      const ids = (metadata.datasets as { id: number }[]).map((d) => d.id);
      const roads = (metadata.datasets as { id: number; kind: string }[])
        .filter((d) => d.kind === 'roads')
        .map((d) => d.id);
      for (const f of features) {
        for (const id of f.properties.sources as number[]) expect(ids).toContain(id);
        // Exactly the datasets of what the band counts, and the roads'.
        const { rows } = await db.knex.raw(INDEPENDENT_SOURCES, {
          g: JSON.stringify(f.geometry),
          year: YEAR,
          am_share: AM_SHARE,
        });
        const counted = (rows[0].ids as number[]).map(Number);
        expect(counted.length).toBeGreaterThan(2);
        expect(f.properties.sources).toEqual(
          [...new Set([...counted, ...roads])].sort((a, b) => a - b),
        );
      }
    });

    it('walking reaches less ground than driving in the same minutes', async () => {
      const walk = await post({
        lon: hub.lon,
        lat: hub.lat,
        minutes: [30],
        mode: 'walk',
        year: 2020,
      });
      expect(walk.status).toBe(200);
      expect(walk.body.features[0].properties).toMatchObject({ mode: 'walk', year: 2020 });
      expect(walk.body.features[0].properties.area_km2).toBeLessThan(
        answer.body.features[2].properties.area_km2 as number,
      );
    });

    it('a point more than 2 km from any road gets a clear "not reachable" answer, not a crash', async () => {
      // The demo's roads come within 2 km of all its land: candidates every ~2 km over the
      // bounding box of its communes (so the sea off its coast too), the farthest from the
      // roads (by the index's nearest edge), then its exact distance on the sphere as the
      // routing core measures it.
      const { rows } = await db.knex.raw(`
        WITH e AS (SELECT ST_Extent(geom) AS b FROM commune),
        candidates AS (
          SELECT ST_SetSRID(ST_MakePoint(x, y), 4326) AS p FROM e,
            generate_series(ST_XMin(b)::numeric, ST_XMax(b)::numeric, 0.025) AS x,
            generate_series(ST_YMin(b)::numeric, ST_YMax(b)::numeric, 0.02) AS y),
        farthest AS (
          SELECT p FROM candidates c
          ORDER BY (SELECT ST_Distance(c.p::geography, r.geom::geography) FROM road_edge r ORDER BY r.geom <-> c.p LIMIT 1) DESC
          LIMIT 1)
        SELECT ST_X(p) AS lon, ST_Y(p) AS lat,
               (SELECT min(ST_Distance(p::geography, r.geom::geography, false)) FROM road_edge r) AS road_m
        FROM farthest`);
      const far = rows[0];
      expect(far.road_m).toBeGreaterThan(2000);
      const { status, body } = await post({
        lon: far.lon,
        lat: far.lat,
        minutes: [15],
        mode: 'car',
      });
      expect(status).toBe(200);
      expect(body.features).toEqual([]);
      expect(body.origin).toMatchObject({
        reachable: false,
        reason: 'too-far-from-road',
        snapped: null,
      });
      expect(Math.abs(body.origin.nearest_road_m - far.road_m)).toBeLessThan(0.002 * far.road_m);
      expect(body.origin.message).toMatch(/beyond the 2000 m limit/);
    });

    const bad: [string, unknown, string][] = [
      [
        'a point west of the loaded territories',
        { lon: -7.5, lat: 45.8, minutes: [10], mode: 'car' },
        'body.lon',
      ],
      [
        'a point north of the loaded territories',
        { lon: -5.0, lat: 47.5, minutes: [10], mode: 'car' },
        'body.lat',
      ],
      ['an empty minute list', { lon: -5.0, lat: 45.8, minutes: [], mode: 'car' }, 'body.minutes'],
      [
        'unsorted minutes',
        { lon: -5.0, lat: 45.8, minutes: [20, 10], mode: 'car' },
        'body.minutes',
      ],
      [
        'repeated minutes',
        { lon: -5.0, lat: 45.8, minutes: [10, 10], mode: 'car' },
        'body.minutes',
      ],
      [
        'seven bands',
        { lon: -5.0, lat: 45.8, minutes: [5, 10, 15, 20, 25, 30, 35], mode: 'car' },
        'body.minutes',
      ],
      ['0 minutes', { lon: -5.0, lat: 45.8, minutes: [0, 10], mode: 'car' }, 'body.minutes.0'],
      ['61 minutes', { lon: -5.0, lat: 45.8, minutes: [10, 61], mode: 'car' }, 'body.minutes.1'],
      [
        'minutes that are not whole',
        { lon: -5.0, lat: 45.8, minutes: [7.5], mode: 'car' },
        'body.minutes.0',
      ],
      [
        'minutes as a string',
        { lon: -5.0, lat: 45.8, minutes: '10,20', mode: 'car' },
        'body.minutes',
      ],
      ['an unknown mode', { lon: -5.0, lat: 45.8, minutes: [10], mode: 'bike' }, 'body.mode'],
      ['a missing mode', { lon: -5.0, lat: 45.8, minutes: [10] }, 'body.mode'],
      [
        'a year that is not a number',
        { lon: -5.0, lat: 45.8, minutes: [10], mode: 'car', year: '2024' },
        'body.year',
      ],
      [
        'a year out of range',
        { lon: -5.0, lat: 45.8, minutes: [10], mode: 'car', year: 1850 },
        'body.year',
      ],
      [
        'a year without data',
        { lon: -5.0, lat: 45.8, minutes: [10], mode: 'car', year: 2030 },
        'body.year',
      ],
      ['a longitude out of WGS84', { lon: 200, lat: 45.8, minutes: [10], mode: 'car' }, 'body.lon'],
      [
        'a latitude that is not a number',
        { lon: -5.0, lat: 'north', minutes: [10], mode: 'car' },
        'body.lat',
      ],
      ['an unknown field', { lon: -5.0, lat: 45.8, minutes: [10], mode: 'car', speed: 90 }, 'body'],
    ];
    it.each(bad)('400 naming the field for %s', async (_what, body, field) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.body.error.code).toMatch(/^(bad_request|year_not_available)$/);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('the commune of a point (fiction/at_point, the side of an isochrone)', () => {
    it('is the covering or nearest commune, the smallest code on a shared line, as ordering them all gives', async () => {
      // Points inside, on vertices shared by several communes, and outside the territory.
      const { rows: points } = await db.knex.raw(`
        SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
          SELECT ST_PointOnSurface(geom) AS p FROM commune ORDER BY md5(code) LIMIT 10) a
        UNION ALL SELECT ST_X(p), ST_Y(p) FROM (
          SELECT ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) AS p FROM commune ORDER BY md5(code) LIMIT 10) b
        UNION ALL SELECT ST_XMin(geom) - 0.2, ST_YMin(geom) - 0.1 FROM (
          SELECT geom FROM commune ORDER BY md5(code) LIMIT 5) c`);
      let shared = 0;
      for (const { lon, lat } of points) {
        const { rows } = await db.knex.raw(loadQuery('fiction/at_point'), { lon, lat });
        const { rows: plain } = await db.knex.raw(
          `SELECT c.code, count(*) OVER () AS n FROM commune c
           WHERE c.geom IS NOT NULL
             AND ST_Distance(c.geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) = (
               SELECT min(ST_Distance(geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))) FROM commune)
           ORDER BY c.code`,
          { lon, lat },
        );
        expect(rows).toHaveLength(1);
        expect(rows[0].commune_code).toBe(plain[0].code);
        if (Number(plain[0].n) > 1) shared += 1;
      }
      expect(shared).toBeGreaterThan(0); // some points were on lines between communes
    });

    it('POST /api/isochrones says how long routing and the sums took (Server-Timing)', async () => {
      const res = await fetch(`${server.baseUrl}/api/isochrones`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lon: hub.lon, lat: hub.lat, minutes: [10], mode: 'car' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('server-timing')).toMatch(
        /^routing;dur=[\d.]+, cells;dur=[\d.]+, sql;dur=[\d.]+$/,
      );
    });
  });

  describe('GET /api/travel/nearest', () => {
    /** Minutes from each place to its nearest target by one search per target (no multi-source). */
    async function perTargetMinutes(
      places: { id: string; lon: number; lat: number }[],
      targetSql: string,
      mode: 'car' | 'walk',
    ) {
      const targets = (await db.knex.raw(targetSql, { year: YEAR })).rows.map(
        (t: { id: string; lon: number; lat: number }) => t,
      );
      const { rows } = travelTimeMatrix(graph, places, targets, {
        mode,
        maxMinutes: 60,
        direction: 'reverse',
      });
      const best = new Map<string, number>();
      for (const r of rows) best.set(r.origin, Math.min(best.get(r.origin) ?? Infinity, r.minutes));
      return { best, targets: targets.length };
    }
    const MAMS = `SELECT 'mam-' || id AS id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM mam
                  WHERE (opened_year IS NULL OR opened_year <= :year) AND (closed_year IS NULL OR closed_year > :year)`;
    const FORMAL = `SELECT 'eaje-' || id AS id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM eaje
                    WHERE (opened_year IS NULL OR opened_year <= :year) AND (closed_year IS NULL OR closed_year > :year)
                    UNION ALL
                    SELECT 'mam-' || id AS id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM mam
                    WHERE (opened_year IS NULL OR opened_year <= :year) AND (closed_year IS NULL OR closed_year > :year)`;

    it('by commune: minutes from its label point equal searches run from each target', async () => {
      const { status, body } = await get(
        '/api/travel/nearest?level=commune&target=formal&mode=car',
      );
      expect(status).toBe(200);
      const { rows: communes } = await db.knex.raw(
        `SELECT c.code, ST_X(c.label_point) AS lon, ST_Y(c.label_point) AS lat, p.children_under3
         FROM commune c LEFT JOIN population p ON p.commune_code = c.code AND p.year = :year ORDER BY c.code`,
        { year: YEAR },
      );
      expect(body.features).toHaveLength(communes.length);
      const { best, targets } = await perTargetMinutes(
        communes.map((c: { code: string; lon: number; lat: number }) => ({
          id: c.code,
          lon: c.lon,
          lat: c.lat,
        })),
        FORMAL,
        'car',
      );
      expect(body.metadata).toMatchObject({
        level: 'commune',
        target: 'formal',
        mode: 'car',
        year: YEAR,
        max_minutes: 60,
        targets,
        fictional: true,
      });
      const byCode = new Map(
        body.features.map((f: { properties: { code: string } }) => [f.properties.code, f]),
      );
      let reached = 0;
      for (const c of communes) {
        const f = byCode.get(c.code) as {
          geometry: { type: string };
          properties: Record<string, number | null>;
        };
        expect(f.geometry.type).toMatch(/Polygon$/);
        expect(f.properties.children_under3).toBeCloseTo(c.children_under3, 2);
        const expected = best.get(c.code);
        if (expected === undefined) expect(f.properties.minutes).toBeNull();
        else {
          expect(Math.abs((f.properties.minutes as number) - expected)).toBeLessThanOrEqual(
            0.005 + 1e-9,
          );
          reached++;
        }
      }
      expect(reached).toBeGreaterThan(200);
    });

    it('by grid cell: 1 km squares over the territory, minutes from their centre, null beyond reach', async () => {
      const { status, body } = await get('/api/travel/nearest?level=grid&target=mam&mode=walk');
      expect(status).toBe(200);
      expect(body.metadata).toMatchObject({
        level: 'grid',
        target: 'mam',
        mode: 'walk',
        cell_m: 1000,
      });
      const cells = body.features as {
        id: string;
        geometry: { type: string; coordinates: number[][][] };
        properties: { minutes: number | null; off_network: boolean };
      }[];
      expect(cells.length).toBeGreaterThan(3000); // the demo covers ~6,000 km²
      const centres = cells.map((c) => {
        const ring = c.geometry.coordinates[0];
        expect(c.geometry.type).toBe('Polygon');
        expect(ring).toHaveLength(5);
        return { id: c.id, lon: (ring[0][0] + ring[2][0]) / 2, lat: (ring[0][1] + ring[2][1]) / 2 };
      });
      const sample = centres.filter((_, k) => k % 10 === 0);
      const { best } = await perTargetMinutes(sample, MAMS, 'walk');
      const byId = new Map(cells.map((c) => [c.id, c.properties]));
      let reached = 0;
      for (const s of sample) {
        const p = byId.get(s.id)!;
        const expected = best.get(s.id);
        if (expected === undefined) expect(p.minutes).toBeNull();
        else {
          // Rounded to 0.01 min; the centre read back from the 7-decimal ring is ~1 cm off.
          expect(Math.abs(p.minutes! - expected)).toBeLessThanOrEqual(0.005 + 1e-3);
          reached++;
        }
      }
      expect(reached).toBeGreaterThan(20);
      expect(cells.some((c) => c.properties.minutes === null && c.properties.off_network)).toBe(
        true,
      );
    });

    it('by car, the roads reach every cell where children live', async () => {
      const { status, body } = await get('/api/travel/nearest?level=grid&target=formal&mode=car');
      expect(status).toBe(200);
      const cells = body.features as {
        id: string;
        geometry: { coordinates: number[][][] };
        properties: { minutes: number | null; off_network: boolean };
      }[];
      // Each grid cell's square, to find the one each populated demand cell's centre is in.
      const boxes = cells.map((c) => {
        const ring = c.geometry.coordinates[0];
        const xs = ring.map((p) => p[0]);
        const ys = ring.map((p) => p[1]);
        return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      });
      const { rows } = await db.knex.raw(
        'SELECT ST_X(centroid) AS lon, ST_Y(centroid) AS lat FROM demand_cell WHERE share > 0',
      );
      expect(rows.length).toBeGreaterThan(10_000);
      const populated = new Set<number>();
      let outside = 0;
      for (const { lon, lat } of rows as { lon: number; lat: number }[]) {
        const k = boxes.findIndex(([w, s, e, n]) => lon >= w && lon < e && lat >= s && lat < n);
        if (k < 0) outside++;
        else populated.add(k);
      }
      expect(outside).toBe(0);
      expect(populated.size).toBeGreaterThan(1_000);
      // Every populated cell joins the roads (none off the network; the demo's car graph is one
      // component). A few of its remotest hamlets lie beyond the hour searched from any formal
      // place at the free-flow speeds of the table: they are shown as beyond the limit, and must
      // stay a handful.
      const offNetwork = [...populated].filter((k) => cells[k].properties.off_network);
      expect(offNetwork.map((k) => cells[k].id)).toEqual([]);
      const beyond = [...populated].filter((k) => cells[k].properties.minutes === null);
      expect(beyond.length).toBeLessThan(populated.size / 100);
      for (const k of populated)
        if (cells[k].properties.minutes !== null)
          expect(cells[k].properties.minutes).toBeLessThan(60);
    });

    it('min_places keeps only the larger facilities: never nearer than with every facility', async () => {
      const all = await get('/api/travel/nearest?level=commune&target=eaje');
      const big = await get('/api/travel/nearest?level=commune&target=eaje&min_places=30');
      const { rows } = await db.knex.raw(
        `SELECT count(*) AS n FROM eaje WHERE places >= 30
         AND (opened_year IS NULL OR opened_year <= :year) AND (closed_year IS NULL OR closed_year > :year)`,
        { year: YEAR },
      );
      expect(big.body.metadata).toMatchObject({ min_places: 30, targets: rows[0].n });
      expect(rows[0].n).toBeLessThan(all.body.metadata.targets);
      let farther = 0;
      all.body.features.forEach((f: { properties: { minutes: number | null } }, k: number) => {
        const m = big.body.features[k].properties.minutes;
        if (f.properties.minutes === null) expect(m).toBeNull();
        else if (m !== null) {
          expect(m).toBeGreaterThanOrEqual(f.properties.minutes);
          if (m > f.properties.minutes) farther++;
        }
      });
      expect(farther).toBeGreaterThan(0);
    });

    it('one département only with departement=, 404 for one not loaded', async () => {
      const z1 = await get('/api/travel/nearest?level=commune&target=eaje&departement=Z1');
      expect(z1.status).toBe(200);
      expect(
        z1.body.features.every(
          (f: { properties: { departement_code: string } }) =>
            f.properties.departement_code === 'Z1',
        ),
      ).toBe(true);
      const missing = await get('/api/travel/nearest?level=grid&target=eaje&departement=99');
      expect(missing.status).toBe(404);
      expect(missing.body.error.details).toMatchObject({ field: 'query.departement' });
    });

    const bad: [string, string][] = [
      ['level=epci&target=eaje', 'query.level'],
      ['target=eaje', 'query.level'],
      ['level=grid&target=crèche', 'query.target'],
      ['level=grid&target=eaje&min_places=0', 'query.min_places'],
      ['level=grid&target=eaje&min_places=many', 'query.min_places'],
      ['level=grid&target=eaje&mode=bike', 'query.mode'],
      ['level=grid&target=eaje&year=soon', 'query.year'],
      ['level=grid&target=eaje&year=2031', 'query.year'],
      ['level=grid&target=eaje&departement=zz', 'query.departement'],
      ['level=grid&target=eaje&radius=5', 'query'],
    ];
    it.each(bad)('400 naming the field for ?%s', async (qs, field) => {
      const res = await get(`/api/travel/nearest?${qs}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  it('the OpenAPI document lists both endpoints with their parameters', async () => {
    const { body } = await get('/api/openapi.json');
    expect(
      body.paths['/api/isochrones'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['lon', 'lat', 'minutes', 'mode']));
    const names = body.paths['/api/travel/nearest'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['level', 'target', 'min_places', 'mode', 'year', 'departement']),
    );
  });
});
