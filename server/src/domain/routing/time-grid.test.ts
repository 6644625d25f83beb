import { describe, expect, it } from 'vitest';
import { Router } from './dijkstra';
import { localScale } from './geodesy';
import { buildGraph, type RoadEdgeInput } from './graph';
import { departureSeeds, offNetworkRule, snapToNetwork } from './snap';
import { OFF_NETWORK_SPEED_KMH } from './speeds';
import { ORIGIN_LAT, ORIGIN_LON, at } from './test-fixtures';
import { travelTimeGrid } from './time-grid';

const scale = localScale(ORIGIN_LAT);
const street = (id: number, a: [number, number], b: [number, number]): RoadEdgeInput => ({
  id,
  source: 2 * id,
  target: 2 * id + 1,
  roadClass: 'communale',
  speedLimitKmh: 45, // 0.8 × 45 = 36 km/h, 10 m/s
  setting: 'rural',
  oneway: false,
  lengthM: Math.hypot(b[0] - a[0], b[1] - a[1]),
  coordinates: [at(...a), at(...b)],
});

/**
 * A 3 km street along y = 0 from the origin at its west end, driven for 10 minutes; a street
 * 600 m north of it that no road leads to; and, with `farAway`, 40 more streets 50 km away, so
 * that only a small part of the graph is reached (the grid then finds the roads not reached
 * through the segment index rather than a pass over all nodes).
 */
function streetGrid(farAway: boolean) {
  const edges = [street(1, [0, 0], [3000, 0]), street(2, [0, 600], [3000, 600])];
  if (farAway) {
    for (let k = 0; k < 40; k++)
      edges.push(street(10 + k, [50_000 + 100 * k, 0], [50_000 + 100 * k, 500]));
  }
  const graph = buildGraph(edges);
  const snapped = snapToNetwork(graph, { lon: at(0, 0)[0], lat: at(0, 0)[1] }, 'car');
  if (!snapped.reachable) throw new Error('origin not on the network');
  const maxSeconds = 600;
  const tree = new Router(graph).run(departureSeeds(graph, snapped), { mode: 'car', maxSeconds });
  const grid = travelTimeGrid(graph, {
    tree,
    origin: snapped,
    maxSeconds,
    offNetwork: offNetworkRule('car'),
  });
  return { graph, tree, grid };
}

describe('travelTimeGrid', () => {
  for (const farAway of [false, true]) {
    it(`a place takes the time of its nearest reached road plus the straight leg to it${farAway ? ' (small part reached)' : ''}`, () => {
      const { graph, tree, grid } = streetGrid(farAway);
      // The grid's two ways: a forward search reaching an eighth of the nodes or more is laid in
      // passes over all nodes, a smaller one from its list and the segment index.
      expect(tree.reached.length * 8 < graph.nodeCount).toBe(farAway);
      const offSpeed_mps = OFF_NETWORK_SPEED_KMH.car / 3.6;
      const cellTime_s = grid.cell_m / offSpeed_mps;
      // A vertex's time comes from a road point within √2 cells of the vertex it spreads from;
      // points along the street are two cells apart, 2·cell_m / 10 m/s of driving.
      const tolerance_s = Math.SQRT2 * cellTime_s + (2 * grid.cell_m) / 10;
      let near = 0;
      let cut = 0;
      for (let i = 1; i < grid.rows - 1; i++) {
        for (let j = 1; j < grid.cols - 1; j++) {
          const x = (grid.west + j * grid.dLon - ORIGIN_LON) * scale.x_m;
          const y = (grid.south + i * grid.dLat - ORIGIN_LAT) * scale.y_m;
          const value = grid.values_s[i * grid.cols + j];
          const along = Math.min(3000, Math.max(0, x));
          const leg_m = Math.hypot(x - along, y);
          if (y > 300 + 1.5 * grid.cell_m) {
            // Nearer the street nothing leads to: not reached, however close the driven street.
            expect(value, `(${x.toFixed(0)}, ${y.toFixed(0)})`).toBe(grid.cap_s);
            cut++;
          } else if (y < 300 - 1.5 * grid.cell_m && leg_m < 2000 - 1.5 * grid.cell_m) {
            const expected = along / 10 + leg_m / offSpeed_mps;
            expect(
              Math.abs(value - expected),
              `(${x.toFixed(0)}, ${y.toFixed(0)}): ${value} s, expected ${expected.toFixed(0)} s`,
            ).toBeLessThanOrEqual(tolerance_s);
            near++;
          } else if (leg_m > 2000 + 1.5 * grid.cell_m) {
            // Beyond the 2 km off-network reach.
            expect(value).toBe(grid.cap_s);
          }
        }
      }
      expect(near).toBeGreaterThan(500);
      expect(cut).toBeGreaterThan(100);
    });
  }
});
