import { describe, expect, it } from 'vitest';
import { Router, type Seed, type ShortestPathTree } from './dijkstra';
import { buildGraph, type RoadGraph } from './graph';
import { HierarchySweep, buildHierarchy, hierarchySteps } from './hierarchy';
import type { TravelMode } from './speeds';
import { randomNetwork, seededRandom, streetGrid } from './test-fixtures';

/** Equal up to the order in which the same Float32 costs were summed in Float64. */
function close(actual: number, expected: number): boolean {
  if (expected === Infinity) return actual === Infinity;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, expected);
}

/** The sweep's tree checked against a Router's run from the same seeds and bound. */
function expectSameTree(
  graph: RoadGraph,
  sweep: ShortestPathTree,
  seeds: Seed[],
  mode: TravelMode,
  maxSeconds: number,
  what: string,
) {
  const router = new Router(graph);
  const expected = router.run(seeds, { mode, maxSeconds, trace: false });
  for (let v = 0; v < graph.nodeCount; v++) {
    expect(close(sweep.times_s[v], expected.times_s[v]), `${what}: node ${v}`).toBe(true);
  }
  expect(Array.from(sweep.reached), `${what}: reached, by index`).toEqual(
    Array.from(expected.reached).sort((a, b) => a - b),
  );
  // Cut arcs: exactly those from a reached node to one not reached.
  const across: number[] = [];
  for (const u of expected.reached) {
    for (let a = graph.arcOffsets[u]; a < graph.arcOffsets[u + 1]; a++) {
      if (!(expected.times_s[graph.arcHead[a]] < Infinity)) across.push(a);
    }
  }
  expect(
    Array.from(sweep.cutArcs).sort((a, b) => a - b),
    `${what}: cut arcs`,
  ).toEqual(across.sort((a, b) => a - b));
  expect(sweep.predecessorArc).toBeNull();
  expect(sweep.direction).toBe('forward');
}

describe('contraction hierarchy swept as PHAST, against bounded Dijkstra', () => {
  const random = seededRandom(20261130);
  const cases = Array.from({ length: 150 }, () => randomNetwork(random, 30));

  it.each(['car', 'walk'] as const)(
    '%s: one-to-all, bounded and multi-source times, reached nodes and cut arcs',
    (mode) => {
      let compared = 0;
      for (const [k, edges] of cases.entries()) {
        const graph = buildGraph(edges);
        const sweep = new HierarchySweep(buildHierarchy(graph, mode));
        const n = graph.nodeCount;
        for (let s = 0; s < n; s++) {
          const seeds = [{ node: s, cost_s: 0 }];
          const all = sweep.run(seeds, { maxSeconds: Infinity })!;
          expectSameTree(graph, all, seeds, mode, Infinity, `case ${k} from ${s}`);
          const finite = Array.from(all.times_s)
            .filter((t) => t < Infinity)
            .sort((a, b) => a - b);
          const bound = finite[Math.floor(finite.length / 2)] + 0.5;
          const bounded = sweep.run(seeds, { maxSeconds: bound })!;
          expectSameTree(graph, bounded, seeds, mode, bound, `case ${k} from ${s} ≤ ${bound}`);
          compared += 2 * n;
        }
        if (n >= 3) {
          const seeds: Seed[] = [0, 1, 2].map(() => ({
            node: Math.floor(random() * n),
            cost_s: random() * 100,
          }));
          const multi = sweep.run(seeds, { maxSeconds: 400 })!;
          expectSameTree(graph, multi, seeds, mode, 400, `case ${k} multi-source`);
        }
      }
      expect(compared).toBeGreaterThan(10_000);
    },
  );

  it('rejects bad seeds and bounds with a RangeError', () => {
    const graph = buildGraph(randomNetwork(seededRandom(3), 10));
    const sweep = new HierarchySweep(buildHierarchy(graph, 'car'));
    expect(() => sweep.run([{ node: graph.nodeCount, cost_s: 0 }], { maxSeconds: 60 })).toThrow(
      /not a node index/,
    );
    expect(() => sweep.run([{ node: 0, cost_s: -1 }], { maxSeconds: 60 })).toThrow(/seed cost/);
    expect(() => sweep.run([{ node: 0, cost_s: 0 }], { maxSeconds: NaN })).toThrow(/maxSeconds/);
  });
});

describe('hierarchy on a 60 × 60 street grid', () => {
  const graph = buildGraph(streetGrid(60, 0.1));
  const steps = hierarchySteps(graph, 'car');
  const shares: number[] = [];
  let step = steps.next();
  for (; !step.done; step = steps.next()) shares.push(step.value);
  const hierarchy = step.value;
  const sweep = new HierarchySweep(hierarchy);
  const centre = graph.nodeIndex.get(1 + 30 * 60 + 30)!;

  it('is built in steps that report the share of nodes contracted', () => {
    // At least one step per node contracted, the shares never going back, ending at 1.
    expect(shares.length).toBeGreaterThanOrEqual(graph.nodeCount);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.filter((share) => share > 0 && share < 1).length).toBe(graph.nodeCount - 1);
    expect(shares.at(-1)).toBe(1);
    expect(hierarchy.shortcuts).toBeGreaterThan(0);
    // Every descending arc comes from a position earlier in the pass.
    for (let p = 0; p < graph.nodeCount; p++) {
      for (let a = hierarchy.downOffsets[p]; a < hierarchy.downOffsets[p + 1]; a++) {
        expect(hierarchy.downTail[a]).toBeLessThan(p);
      }
    }
  });

  it('gives the same tree as bounded Dijkstra from the centre and a corner', () => {
    for (const node of [centre, graph.nodeIndex.get(1)!]) {
      for (const maxSeconds of [60, 300, Infinity]) {
        const seeds = [{ node, cost_s: 5 }];
        const tree = sweep.run(seeds, { maxSeconds })!;
        expectSameTree(graph, tree, seeds, 'car', maxSeconds, `from ${node} ≤ ${maxSeconds}`);
      }
    }
  });

  it('gives up when the top of the hierarchy is mostly out of reach, not otherwise', () => {
    const seeds = [{ node: centre, cost_s: 0 }];
    // One minute reaches a few hundred metres of a 6 km grid; the whole grid is ~6 minutes away.
    expect(sweep.run(seeds, { maxSeconds: 60, minReachedShare: 0.3 })).toBeNull();
    const far = sweep.run(seeds, { maxSeconds: 3600, minReachedShare: 0.3 });
    expect(far).not.toBeNull();
    expect(far!.reached.length).toBe(graph.nodeCount);
    expect(sweep.run(seeds, { maxSeconds: 60 })).not.toBeNull();
  });
});
