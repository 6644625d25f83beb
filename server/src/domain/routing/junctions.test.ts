import { describe, expect, it } from 'vitest';
import { Router } from './dijkstra';
import { buildGraph, nodeIndexOf, type RoadEdgeInput } from './graph';
import { DENSITY_RADIUS_M, URBAN_DENSITY_KM_PER_KM2 } from './road-density';
import { at, streetGrid } from './test-fixtures';

/** A road edge between two points given in metres, in open country, limited to 45 km/h (36). */
function road(
  id: number,
  source: number,
  target: number,
  from: [number, number],
  to: [number, number],
  roadClass = 'communale',
  speedLimitKmh = 45,
): RoadEdgeInput {
  return {
    id,
    source,
    target,
    roadClass,
    speedLimitKmh,
    setting: 'rural',
    oneway: false,
    lengthM: Math.hypot(to[0] - from[0], to[1] - from[1]),
    coordinates: [at(...from), at(...to)],
  };
}

/**
 * A straight communale of five 200 m blocks from node 1 (0, 0) to node 6 (1000, 0); at each of
 * nodes 2–5 side roads of `sideClass` on `sides` sides (none, one: a T, two: a crossing).
 */
function mainStreet(sides: 0 | 1 | 2, sideClass = 'communale', sideLimitKmh = 45) {
  const edges: RoadEdgeInput[] = [];
  for (let k = 0; k < 5; k++)
    edges.push(road(edges.length + 1, k + 1, k + 2, [200 * k, 0], [200 * (k + 1), 0]));
  for (let k = 1; k <= 4; k++) {
    if (sides >= 1)
      edges.push(
        road(
          edges.length + 1,
          k + 1,
          100 + k,
          [200 * k, 0],
          [200 * k, 200],
          sideClass,
          sideLimitKmh,
        ),
      );
    if (sides >= 2)
      edges.push(
        road(
          edges.length + 1,
          k + 1,
          200 + k,
          [200 * k, 0],
          [200 * k, -200],
          sideClass,
          sideLimitKmh,
        ),
      );
  }
  return edges;
}

/** Car time (s) from node `from` to node `to`. */
function carTime(edges: RoadEdgeInput[], from: number, to: number): number {
  const graph = buildGraph(edges);
  const tree = new Router(graph).run([{ node: nodeIndexOf(graph, from), cost_s: 0 }], {
    mode: 'car',
    maxSeconds: 3600,
  });
  return tree.times_s[nodeIndexOf(graph, to)];
}

describe('delays at junctions, in the graph', () => {
  it('a street through four junctions costs four delays more than the same street alone', () => {
    const alone = carTime(mainStreet(0), 1, 6); // 5 × 20 s
    const throughTees = carTime(mainStreet(1), 1, 6); // + 4 × 1.5 s (minor streets, going on)
    const throughCrossings = carTime(mainStreet(2), 1, 6); // the same: no road is bigger
    expect([alone, throughTees, throughCrossings]).toEqual([100, 106, 106]);
  });

  it('crossing a nationale costs 12 s at each crossing; passing one on a side, 3 s', () => {
    const crossings = carTime(mainStreet(2, 'nationale', 90), 1, 6); // 100 + 4 × 6 × 2
    const tees = carTime(mainStreet(1, 'nationale', 90), 1, 6); // 100 + 4 × 6 × 0.5
    expect([crossings, tees]).toEqual([148, 112]);
  });

  it('along the nationale, the communale crossings cost nothing; turning onto it costs 10.5 s', () => {
    // Nationale blocks 200 m at 72 km/h: 10 s; the communale streets are minor, so impact 0.
    const edges = mainStreet(2).map((e) =>
      e.source <= 6 && e.target <= 6 ? { ...e, roadClass: 'nationale', speedLimitKmh: 90 } : e,
    );
    expect(carTime(edges, 1, 6)).toBe(50);
    // From side street 101 onto the nationale at node 2 (its road ends there: a turn of impact
    // 6 × 1.75 = 10.5 s), then to node 6: 20 + 10.5 + 4 × 10 = 70.5 s.
    expect(
      carTime(
        edges.filter((e) => e.target !== 201),
        101,
        6,
      ),
    ).toBe(70.5);
  });

  it('driveways (service roads) do not slow a street, but are junctions for their own traffic', () => {
    const withDriveways = mainStreet(2, 'service', 0);
    expect(carTime(withDriveways, 1, 6)).toBe(100);
    // From driveway 101 (200 m at 25 km/h: 28.8 s) across the street into driveway 201: at
    // node 2 the car meets the street on both sides (rank 5, as its own): impact 3, going on
    // along its own kind → 0.5 s a unit: 1.5 s; then 28.8 s.
    expect(carTime(withDriveways, 101, 201)).toBeCloseTo(28.8 + 1.5 + 28.8, 4);
  });

  it('a stored urban setting doubles the delay and uses the urban speeds', () => {
    const urban = mainStreet(1).map((e) => ({ ...e, setting: 'urban' as const }));
    // Communale in a built-up area: 35 km/h, but the 45 km/h limit caps at 36: 35 wins;
    // 200 m at 35 km/h = 20.571… s; delays 4 × 3 s.
    expect(carTime(urban, 1, 6)).toBeCloseTo(5 * (200 / (35 / 3.6)) + 4 * 3, 3);
  });
});

describe('built-up area or open country from the road density', () => {
  it('a 100 m street grid 6 km wide is urban at its heart and rural at its corners', () => {
    // Each node of a 100 m grid carries 4 half-blocks, 200 m per 0.01 km²: 20 km/km² inside,
    // a quarter of it at a corner (where most of the 2 km disc is empty).
    const graph = buildGraph(streetGrid(61));
    const at_ = (c: number, r: number) => nodeIndexOf(graph, 1 + r * 61 + c);
    const edgeAt = (node: number) => {
      for (let e = 0; e < graph.edgeCount; e++)
        if (graph.edgeSource[e] === node || graph.edgeTarget[e] === node) return e;
      return -1;
    };
    expect(graph.edgeUrban[edgeAt(at_(30, 30))]).toBe(1);
    expect(graph.edgeUrban[edgeAt(at_(0, 0))]).toBe(0);
    // A residential block near the heart (row 31: every tenth row is primary): 100 m at
    // 30 km/h (12 s) + 3 s at the next junction (minor streets going on, built-up area).
    const from = at_(31, 31);
    const arcs = [];
    for (let a = graph.arcOffsets[from]; a < graph.arcOffsets[from + 1]; a++)
      if (graph.arcHead[a] === at_(32, 31)) arcs.push(a);
    expect(arcs.length).toBe(1);
    expect(graph.costs.car.arc_s[arcs[0]]).toBeCloseTo(12 + 3, 4);
  });

  it('the same grid with 400 m blocks is open country everywhere', () => {
    const sparse = streetGrid(31).map((e) => ({
      ...e,
      lengthM: 400,
      coordinates: e.coordinates.map(([lon, lat]) => [
        2.35 + (lon - 2.35) * 4,
        48.85 + (lat - 48.85) * 4,
      ]) as [number, number][],
    }));
    const graph = buildGraph(sparse);
    expect(graph.edgeUrban.every((u) => u === 0)).toBe(true);
  });

  it('the threshold is Valhalla urban density, above 8 of 15: 12.14 km/km² within 2 km', () => {
    expect(DENSITY_RADIUS_M).toBe(2000);
    expect(Math.round(0.7 * URBAN_DENSITY_KM_PER_KM2)).toBe(9);
    expect(Math.round(0.7 * (URBAN_DENSITY_KM_PER_KM2 - 0.01))).toBe(8);
  });

  it('a stored setting wins over the density', () => {
    const graph = buildGraph(streetGrid(61).map((e) => ({ ...e, setting: 'rural' as const })));
    expect(graph.edgeUrban.every((u) => u === 0)).toBe(true);
  });
});
