import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import {
  Router,
  buildGraph,
  nodeIndexOf,
  type RoadGraph,
  type TravelMode,
} from '../../domain/routing';
import { loadDemo } from '../demo/service';
import { fetchRoadEdges } from './repository';

/**
 * Our routing core against pgRouting's pgr_drivingDistance on the demo network: the same
 * edges, the same costs (car: each edge's cost as the routing graph has it, copied to a table,
 * one-way edges with no reverse cost; walk: length ÷ 5 km/h both ways), the same origins.
 * Needs a PostgreSQL server with pgRouting (CI installs postgresql-15-pgrouting); the embedded
 * database has none.
 */
/** Search limits: an hour by car; four on foot (demo roads link villages several km apart). */
const LIMIT_S: Record<TravelMode, number> = { car: 3600, walk: 4 * 3600 };
const EDGES_SQL: Record<TravelMode, string> = {
  car: `SELECT id, source, target, cost, CASE WHEN oneway THEN -1 ELSE reverse_cost END AS reverse_cost FROM car_cost`,
  walk: `SELECT id, source, target, length_m / (5 / 3.6) AS cost, length_m / (5 / 3.6) AS reverse_cost FROM road_edge`,
};

/** The graph's car costs (seconds, Float32) in a table pgRouting reads, beside each edge's oneway. */
async function copyCarCosts(db: Database, graph: RoadGraph) {
  const rows = Array.from(graph.edgeIds, (id, e) => ({
    id,
    cost: graph.costs.car.edgeForward_s[e],
    reverse:
      graph.costs.car.edgeBackward_s[e] === Infinity ? -1 : graph.costs.car.edgeBackward_s[e],
  }));
  await db.knex.raw(
    `CREATE TABLE car_cost AS
     SELECT r.id, r.source, r.target, r.oneway, c.cost, c.reverse AS reverse_cost
     FROM road_edge r JOIN json_to_recordset(CAST(? AS json)) AS c(id bigint, cost float8, reverse float8) ON c.id = r.id`,
    [JSON.stringify(rows)],
  );
}

describe.skipIf(databaseMode === 'embedded')(
  `routing core equals pgRouting's pgr_drivingDistance (server mode only; skipped in embedded mode: PGlite has no pgRouting)`,
  () => {
    let db: Database;
    let graph: RoadGraph;
    let origins: number[];
    let available = false;

    beforeAll(async () => {
      db = await createTestDatabase();
      available = db.capabilities.pgrouting;
      if (!available) return;
      await db.knex.raw('CREATE EXTENSION IF NOT EXISTS pgrouting');
      await loadDemo(db, { seed: 42 });
      // The demo has no one-way road: make every seventh edge one-way so that directions count.
      await db.knex.raw('UPDATE road_edge SET oneway = true WHERE id % 7 = 0');
      graph = buildGraph(await fetchRoadEdges(db.knex, true));
      await copyCarCosts(db, graph);
      const { rows } = await db.knex.raw('SELECT DISTINCT source FROM road_edge ORDER BY source');
      const nodes = rows.map((r: { source: number }) => Number(r.source));
      origins = [0, 0.25, 0.5, 0.75, 0.99].map((q) => nodes[Math.floor(q * nodes.length)]);
    });
    afterAll(async () => {
      await db?.close();
    });

    it.for(['car', 'walk'] as const)(
      'by %s: every node reached within the limit from five origins, at the same time (within 10 ms)',
      async (mode, context) => {
        if (!available)
          context.skip(
            'pgRouting is not installed on this server (capabilities.pgrouting is false)',
          );
        const router = new Router(graph);
        let compared = 0;
        for (const origin of origins) {
          const { rows } = await db.knex.raw(
            `SELECT node, agg_cost FROM pgr_drivingDistance(CAST(:edges AS text), CAST(:origin AS bigint), CAST(:limit AS float8), true)`,
            { edges: EDGES_SQL[mode], origin, limit: LIMIT_S[mode] },
          );
          const theirs = new Map<number, number>(
            rows.map((r: { node: number; agg_cost: number }) => [Number(r.node), r.agg_cost]),
          );
          const tree = router.run([{ node: nodeIndexOf(graph, origin), cost_s: 0 }], {
            mode,
            maxSeconds: LIMIT_S[mode],
          });
          const ours = new Map<number, number>();
          for (const n of tree.reached) ours.set(graph.nodeIds[n], tree.times_s[n]);
          // A node right at the limit may fall either side of it by rounding: leave those out.
          const clear = (t: number) => Math.abs(t - LIMIT_S[mode]) > 0.01;
          const oursClear = [...ours].filter(([, t]) => clear(t));
          const theirsClear = [...theirs].filter(([, t]) => clear(t));
          expect(new Set(oursClear.map(([n]) => n))).toEqual(new Set(theirsClear.map(([n]) => n)));
          for (const [node, t] of oursClear) {
            expect(Math.abs(t - theirs.get(node)!)).toBeLessThan(0.01);
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(origins.length * 5);
      },
    );

    it('one-way edges made a difference (the comparison covers directions)', async (context) => {
      if (!available) context.skip('pgRouting is not installed on this server');
      const router = new Router(graph);
      let differs = 0;
      for (const origin of origins) {
        const tree = router.run([{ node: nodeIndexOf(graph, origin), cost_s: 0 }], {
          mode: 'car',
          maxSeconds: LIMIT_S.car,
        });
        const car = Float64Array.from(tree.times_s);
        const { rows } = await db.knex.raw(
          `SELECT node, agg_cost FROM pgr_drivingDistance(CAST(:edges AS text), CAST(:origin AS bigint), CAST(:limit AS float8), false)`,
          {
            edges: EDGES_SQL.car.replace(
              'CASE WHEN oneway THEN -1 ELSE reverse_cost END',
              'CASE WHEN oneway THEN cost ELSE reverse_cost END',
            ),
            origin,
            limit: LIMIT_S.car,
          },
        );
        for (const r of rows)
          if (r.agg_cost < car[nodeIndexOf(graph, Number(r.node))] - 1) differs++;
      }
      expect(differs).toBeGreaterThan(0);
    });
  },
);
