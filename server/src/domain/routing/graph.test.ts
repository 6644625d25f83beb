import { describe, expect, it } from 'vitest';
import { haversine_m } from './geodesy';
import { buildGraph, nodeIndexOf, type RoadEdgeInput } from './graph';
import { carSpeedKmh } from './car-speeds';
import { isWalkable } from './speeds';
import { at, gridCity, gridNode, oneWayRing } from './test-fixtures';

const edge = (over: Partial<RoadEdgeInput>): RoadEdgeInput => ({
  id: 1,
  source: 1,
  target: 2,
  roadClass: 'residential',
  speedLimitKmh: 0,
  setting: null,
  oneway: false,
  lengthM: 360,
  coordinates: [at(0, 0), at(360, 0)],
  ...over,
});

describe('building the routing graph', () => {
  it('the 5×5 grid city has 25 nodes, 40 edges and two arcs per edge in CSR order', () => {
    const graph = buildGraph(gridCity());
    expect([graph.nodeCount, graph.edgeCount, graph.arcCount]).toEqual([25, 40, 80]);
    expect(graph.arcOffsets[graph.nodeCount]).toBe(80);
    const corner = nodeIndexOf(graph, gridNode(0, 0));
    const centre = nodeIndexOf(graph, gridNode(2, 2));
    expect(graph.arcOffsets[corner + 1] - graph.arcOffsets[corner]).toBe(2);
    expect(graph.arcOffsets[centre + 1] - graph.arcOffsets[centre]).toBe(4);
    expect(graph.nodeIds[centre]).toBe(gridNode(2, 2));
    expect(nodeIndexOf(graph, 999)).toBe(-1);
    const [lon, lat] = at(400, 400);
    expect(graph.nodeLon[centre]).toBeCloseTo(lon, 12);
    expect(graph.nodeLat[centre]).toBeCloseTo(lat, 12);
  });

  it('renumbers nodes and edges by place, keeping every id, position and end consistent', () => {
    const input = gridCity().reverse(); // the order edges arrive in does not matter
    const graph = buildGraph(input);
    expect([...graph.nodeIndex.values()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
    for (const [id, index] of graph.nodeIndex) expect(graph.nodeIds[index]).toBe(id);
    const byId = new Map(input.map((e) => [e.id, e]));
    for (let e = 0; e < graph.edgeCount; e++) {
      const original = byId.get(graph.edgeIds[e])!;
      expect(graph.nodeIds[graph.edgeSource[e]]).toBe(original.source);
      expect(graph.nodeIds[graph.edgeTarget[e]]).toBe(original.target);
      const k = graph.vertexOffsets[e];
      expect([graph.vertices[2 * k], graph.vertices[2 * k + 1]]).toEqual(original.coordinates[0]);
      expect([graph.nodeLon[graph.edgeSource[e]], graph.nodeLat[graph.edgeSource[e]]]).toEqual(
        original.coordinates[0],
      );
    }
    // Edges come by their first node's rank.
    const firstNode = Array.from(graph.edgeSource, (s, e) => Math.min(s, graph.edgeTarget[e]));
    expect(firstNode).toEqual([...firstNode].sort((a, b) => a - b));
  });

  it('car costs come from the edge speed, one-way edges have no backward car cost, walking has both', () => {
    const graph = buildGraph(oneWayRing());
    const { car, walk } = graph.costs;
    // 100 m communales limited to 45 km/h: 36 km/h, 10 s; no corner is a junction.
    expect(Array.from(car.edgeForward_s)).toEqual([10, 10, 10, 10]);
    expect(Array.from(car.edgeBackward_s)).toEqual([Infinity, Infinity, Infinity, Infinity]);
    expect(Array.from(walk.edgeBackward_s)).toEqual([72, 72, 72, 72]);
    // Each arc's reverse cost is its twin's cost.
    for (let a = 0; a < graph.arcCount; a++) {
      const e = graph.arcEdge[a];
      const forward = graph.edgeSource[e] !== graph.arcHead[a];
      expect(car.arc_s[a]).toBe(forward ? 10 : Infinity);
      expect(car.arcReverse_s[a]).toBe(forward ? Infinity : 10);
    }
  });

  it('an edge without a usable limit is driven at its class speed, an unknown class as a service road', () => {
    // Separate edges (no junction); each long enough to take 36 s at its class's open-country
    // speed: residential 35, primary 75, nationale 75, unknown 25, living street 10 km/h.
    const graph = buildGraph([
      edge({ id: 1, source: 1, target: 2, roadClass: 'residential', lengthM: 350 }),
      edge({ id: 2, source: 3, target: 4, roadClass: 'primary', speedLimitKmh: -5, lengthM: 750 }),
      edge({
        id: 3,
        source: 5,
        target: 6,
        roadClass: 'nationale',
        speedLimitKmh: NaN,
        lengthM: 750,
      }),
      edge({ id: 4, source: 7, target: 8, roadClass: 'mystery', lengthM: 250 }),
      edge({ id: 5, source: 9, target: 10, roadClass: 'Living_Street ', lengthM: 100 }),
    ]);
    const byId = (id: number) => graph.costs.car.edgeForward_s[graph.edgeIds.indexOf(id)];
    expect([1, 2, 3, 4, 5].map(byId)).toEqual([36, 36, 36, 36, 36]);
  });

  it('a limit caps the speed at 0.8 of it; a stored setting picks the urban or rural speed', () => {
    const graph = buildGraph([
      // primary limited to 50 in a built-up area: min(57, 40) = 40 km/h, 400 m in 36 s.
      edge({
        id: 1,
        source: 1,
        target: 2,
        roadClass: 'primary',
        speedLimitKmh: 50,
        setting: 'urban',
        lengthM: 400,
      }),
      // the same road in open country limited to 80: min(75, 64) = 64 km/h, 640 m in 36 s.
      edge({
        id: 2,
        source: 3,
        target: 4,
        roadClass: 'primary',
        speedLimitKmh: 80,
        setting: 'rural',
        lengthM: 640,
      }),
      // residential street, built-up area, no limit: 30 km/h, 300 m in 36 s.
      edge({
        id: 3,
        source: 5,
        target: 6,
        roadClass: 'residential',
        setting: 'urban',
        lengthM: 300,
      }),
    ]);
    const byId = (id: number) => graph.costs.car.edgeForward_s[graph.edgeIds.indexOf(id)];
    expect([1, 2, 3].map(byId)).toEqual([36, 36, 36]);
    expect([1, 2, 3].map((id) => graph.edgeUrban[graph.edgeIds.indexOf(id)])).toEqual([1, 0, 1]);
  });

  it('footways, tracks and steps are not driven; motorways and trunks are not walked', () => {
    expect(
      ['footway', 'track', 'steps', 'path', 'cycleway'].map((c) => carSpeedKmh(c, 'rural', 50)),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(
      ['motorway', 'motorway_link', 'trunk', 'residential', 'footway'].map(isWalkable),
    ).toEqual([false, false, false, true, true]);
    const graph = buildGraph([
      edge({ roadClass: 'footway', speedLimitKmh: 50 }),
      edge({ id: 2, source: 3, target: 4, roadClass: 'trunk' }),
    ]);
    expect(graph.costs.car.edgeForward_s[0]).toBe(Infinity);
    expect(graph.costs.walk.edgeForward_s[1]).toBe(Infinity);
  });

  it('a missing length is measured on the geometry by haversine', () => {
    const coordinates: [number, number][] = [at(0, 0), at(300, 0), at(300, 400)];
    const graph = buildGraph([edge({ lengthM: NaN, coordinates })]);
    const expected =
      haversine_m(...coordinates[0], ...coordinates[1]) +
      haversine_m(...coordinates[1], ...coordinates[2]);
    expect(graph.edgeLength_m[0]).toBeCloseTo(expected, 9);
    expect(expected).toBeCloseTo(700, 0);
  });

  it('a self-loop is kept for snapping but gives no arc', () => {
    const graph = buildGraph([
      edge({ target: 1, coordinates: [at(0, 0), at(50, 50), at(0, 0)] }),
      edge({ id: 2 }),
    ]);
    expect([graph.nodeCount, graph.edgeCount, graph.arcCount]).toEqual([2, 2, 2]);
    expect(graph.segmentEdge.length).toBe(3);
  });

  it('refuses a geometry of one position or outside WGS84, naming the edge', () => {
    expect(() => buildGraph([edge({ id: 42, coordinates: [at(0, 0)] })])).toThrow(
      'road edge 42: a geometry needs at least 2 positions',
    );
    expect(() =>
      buildGraph([
        edge({
          id: 43,
          coordinates: [
            [200, 10],
            [2, 48],
          ],
        }),
      ]),
    ).toThrow('road edge 43: position [200, 10]');
  });

  it('an empty network builds an empty graph', () => {
    const graph = buildGraph([]);
    expect([graph.nodeCount, graph.edgeCount, graph.arcCount, graph.segmentIndex]).toEqual([
      0,
      0,
      0,
      null,
    ]);
  });
});
