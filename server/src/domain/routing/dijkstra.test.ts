import { describe, expect, it } from 'vitest';
import { Router, pathNodes, type Seed } from './dijkstra';
import { buildGraph, type RoadEdgeInput, type RoadGraph } from './graph';
import type { TravelMode } from './speeds';
import { gridCity, gridNode, oneWayRing, randomNetwork, seededRandom } from './test-fixtures';

const NOT_WALKABLE = ['motorway', 'trunk'];

/**
 * All-pairs shortest times (s) by Floyd–Warshall, indexed by the graph's dense node indices.
 * Walking: the rule written out again (5 km/h, motorways and trunks excluded). Driving: each
 * edge's cost as the graph has it (class, setting, limit and junction delays are pinned by
 * car-speeds.test.ts, graph.test.ts and junctions.test.ts): here what is checked is the search.
 */
function floydWarshall(edges: RoadEdgeInput[], graph: RoadGraph, mode: TravelMode): Float64Array[] {
  const n = graph.nodeCount;
  const d = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n).fill(Infinity);
    row[i] = 0;
    return row;
  });
  const byId = new Map(edges.map((e) => [e.id, e]));
  for (let k = 0; k < graph.edgeCount; k++) {
    const e = byId.get(graph.edgeIds[k])!;
    const s = graph.nodeIndex.get(e.source)!;
    const t = graph.nodeIndex.get(e.target)!;
    let forward = Infinity;
    let backward = Infinity;
    if (mode === 'car') {
      forward = graph.costs.car.edgeForward_s[k];
      backward = graph.costs.car.edgeBackward_s[k];
    }
    if (mode === 'walk' && !NOT_WALKABLE.includes(e.roadClass))
      forward = backward = e.lengthM / (5 / 3.6);
    d[s][t] = Math.min(d[s][t], forward);
    d[t][s] = Math.min(d[t][s], backward);
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
      }
    }
  }
  return d;
}

/** Equal within the Float32 rounding of edge costs. */
function close(actual: number, expected: number): boolean {
  if (expected === Infinity) return actual === Infinity;
  return Math.abs(actual - expected) <= 1e-5 * Math.max(1, expected);
}

describe('bounded Dijkstra against Floyd–Warshall on 200 seeded random networks', () => {
  const random = seededRandom(20240607);
  const cases = Array.from({ length: 200 }, () => randomNetwork(random));
  let comparedNodes = 0;

  it.each(['car', 'walk'] as const)(
    '%s: one-to-all, bounded, reverse and multi-source times are exact',
    (mode) => {
      for (const edges of cases) {
        const graph = buildGraph(edges);
        const fw = floydWarshall(edges, graph, mode);
        const router = new Router(graph);
        const n = graph.nodeCount;
        for (let s = 0; s < n; s++) {
          const forward = router.run([{ node: s, cost_s: 0 }], { mode, maxSeconds: Infinity });
          for (let v = 0; v < n; v++) {
            expect(close(forward.times_s[v], fw[s][v]), `${mode} ${s}→${v}`).toBe(true);
            comparedNodes++;
          }
          // Following predecessors adds up to the time found.
          for (let v = 0; v < n; v++) {
            const path = pathNodes(graph, forward, v);
            if (fw[s][v] === Infinity) expect(path).toEqual([]);
            else expect(path[0]).toBe(s);
            expect(path.at(-1) ?? v).toBe(v);
          }

          const reverse = router.run([{ node: s, cost_s: 0 }], {
            mode,
            maxSeconds: Infinity,
            direction: 'reverse',
          });
          for (let u = 0; u < n; u++)
            expect(close(reverse.times_s[u], fw[u][s]), `${mode} ${u}→${s} reverse`).toBe(true);

          // Bounded at a time between the reached ones: same times up to the bound, Infinity beyond.
          const finite = Array.from(fw[s])
            .filter((t) => t < Infinity)
            .sort((a, b) => a - b);
          const bound = finite[Math.floor(finite.length / 2)] + 0.5;
          const bounded = router.run([{ node: s, cost_s: 0 }], { mode, maxSeconds: bound });
          for (let v = 0; v < n; v++) {
            expect(
              close(bounded.times_s[v], fw[s][v] <= bound ? fw[s][v] : Infinity),
              `${mode} ${s}→${v} ≤ ${bound}`,
            ).toBe(true);
          }
          expect(bounded.reached.length).toBe(Array.from(fw[s]).filter((t) => t <= bound).length);
          // Settled by non-decreasing time.
          const settled = Array.from(bounded.reached, (u) => bounded.times_s[u]);
          expect(settled).toEqual([...settled].sort((x, y) => x - y));
          // The stopped arcs: those out of reached nodes that go beyond the bound, among them
          // every arc from a reached node to one not reached.
          const costs = graph.costs[mode].arc_s;
          const stopped: number[] = [];
          for (const u of bounded.reached) {
            for (let a = graph.arcOffsets[u]; a < graph.arcOffsets[u + 1]; a++) {
              if (bounded.times_s[u] + costs[a] > bound) stopped.push(a);
              else expect(bounded.times_s[graph.arcHead[a]]).toBeLessThan(Infinity);
            }
          }
          expect(Array.from(bounded.cutArcs).sort((x, y) => x - y)).toEqual(
            stopped.sort((x, y) => x - y),
          );
        }

        if (n >= 3) {
          const seeds: Seed[] = [0, 1, 2].map((k) => ({
            node: Math.floor(random() * n),
            cost_s: random() * 100,
            label: k,
          }));
          const multi = router.run(seeds, { mode, maxSeconds: Infinity });
          for (let v = 0; v < n; v++) {
            const expected = Math.min(...seeds.map((seed) => seed.cost_s + fw[seed.node][v]));
            expect(close(multi.times_s[v], expected), `${mode} multi → ${v}`).toBe(true);
            if (expected < Infinity) {
              // The label names a seed that does achieve the time.
              const ok = seeds.some(
                (seed) =>
                  seed.label === multi.label![v] &&
                  close(multi.times_s[v], seed.cost_s + fw[seed.node][v]),
              );
              expect(ok).toBe(true);
            } else {
              expect(multi.label![v]).toBe(-1);
            }
          }
        }
      }
      expect(comparedNodes).toBeGreaterThan(2000);
    },
    60_000,
  );
});

describe('travel modes on small fixtures', () => {
  const ring = buildGraph(oneWayRing());
  const node = (id: number) => ring.nodeIndex.get(id)!;

  it('by car a one-way ring is driven only in its direction: the previous corner is three streets away', () => {
    const tree = new Router(ring).run([{ node: node(1), cost_s: 0 }], {
      mode: 'car',
      maxSeconds: Infinity,
    });
    expect([2, 3, 4].map((id) => tree.times_s[node(id)])).toEqual([10, 20, 30]);
    expect(pathNodes(ring, tree, node(4)).map((u) => ring.nodeIds[u])).toEqual([1, 2, 3, 4]);
  });

  it('on foot the one-way signs do not apply: every corner is one or two streets away (72 s each)', () => {
    const tree = new Router(ring).run([{ node: node(1), cost_s: 0 }], {
      mode: 'walk',
      maxSeconds: Infinity,
    });
    expect([2, 3, 4].map((id) => tree.times_s[node(id)])).toEqual([72, 144, 72]);
  });

  it('a reverse search by car gives the time to reach the seed, against the one-way direction of search', () => {
    const tree = new Router(ring).run([{ node: node(1), cost_s: 0 }], {
      mode: 'car',
      maxSeconds: Infinity,
      direction: 'reverse',
    });
    expect([2, 3, 4].map((id) => tree.times_s[node(id)])).toEqual([30, 20, 10]);
  });

  it('a motorway is driven but not walked, and a footway walked but not driven', () => {
    const edges: RoadEdgeInput[] = [
      {
        id: 1,
        source: 1,
        target: 2,
        roadClass: 'motorway',
        speedLimitKmh: 0,
        oneway: false,
        lengthM: 1050,
        coordinates: [
          [2.35, 48.85],
          [2.365, 48.85],
        ],
      },
      {
        id: 2,
        source: 2,
        target: 3,
        roadClass: 'footway',
        speedLimitKmh: 0,
        oneway: false,
        lengthM: 100,
        coordinates: [
          [2.365, 48.85],
          [2.366, 48.85],
        ],
      },
    ];
    const graph = buildGraph(edges);
    const router = new Router(graph);
    const byId = (tree: { times_s: Float64Array }) =>
      [1, 2, 3].map((id) => tree.times_s[graph.nodeIndex.get(id)!]);
    const car = router.run([{ node: graph.nodeIndex.get(1)!, cost_s: 0 }], {
      mode: 'car',
      maxSeconds: Infinity,
    });
    expect(byId(car)).toEqual([0, 36, Infinity]); // 1,050 m at 105 km/h (no limit, open country)
    const walk = router.run([{ node: graph.nodeIndex.get(2)!, cost_s: 0 }], {
      mode: 'walk',
      maxSeconds: Infinity,
    });
    expect(byId(walk)).toEqual([Infinity, 0, 72]);
  });

  it('the bound is inclusive and nothing beyond it is reported', () => {
    const graph = buildGraph(gridCity());
    const start = graph.nodeIndex.get(gridNode(0, 0))!;
    // Blocks of 20 s; 1.5 s at each junction of communales, 3 s where a nationale ends beside
    // the street: (1, 0) and (0, 1) at 21.5 s, (1, 1) at 43 s, (2, 0) and (0, 2) at 44.5 s.
    const tree = new Router(graph).run([{ node: start, cost_s: 0 }], {
      mode: 'car',
      maxSeconds: 43,
    });
    const reached = Array.from(tree.reached, (u) => graph.nodeIds[u]).sort();
    expect(reached).toEqual(
      [gridNode(0, 0), gridNode(1, 0), gridNode(0, 1), gridNode(1, 1)].sort(),
    );
    expect(tree.times_s[graph.nodeIndex.get(gridNode(1, 0))!]).toBe(21.5);
    expect(tree.times_s[graph.nodeIndex.get(gridNode(1, 1))!]).toBe(43);
    expect(tree.times_s[graph.nodeIndex.get(gridNode(2, 0))!]).toBe(Infinity);
  });

  it('a router reused for many searches, traced or not, answers as a fresh one would', () => {
    const graph = buildGraph(gridCity());
    const reused = new Router(graph);
    for (let k = 0; k < graph.nodeCount; k += 1) {
      const options = {
        mode: k % 2 ? ('walk' as const) : ('car' as const),
        maxSeconds: 30 + 10 * k,
        trace: k % 3 !== 0, // untraced runs between traced ones, which must not see their leftovers
      };
      const seeds = [{ node: k, cost_s: 0, label: k }];
      const a = reused.run(seeds, options);
      const times = Float64Array.from(a.times_s);
      const predecessors = a.predecessorArc && Int32Array.from(a.predecessorArc);
      const labels = a.label && Int32Array.from(a.label);
      const b = new Router(graph).run(seeds, { ...options, trace: true });
      expect(times).toEqual(b.times_s);
      if (options.trace) {
        expect(predecessors).toEqual(b.predecessorArc);
        expect(labels).toEqual(b.label);
      } else {
        expect(predecessors).toBeNull();
        expect(labels).toBeNull();
      }
    }
  });

  it('refuses a seed that is not a node of the graph or has a negative cost', () => {
    const router = new Router(ring);
    expect(() => router.run([{ node: 4, cost_s: 0 }], { mode: 'car', maxSeconds: 10 })).toThrow(
      RangeError,
    );
    expect(() => router.run([{ node: 0, cost_s: -1 }], { mode: 'car', maxSeconds: 10 })).toThrow(
      'seed cost must be ≥ 0',
    );
  });
});
