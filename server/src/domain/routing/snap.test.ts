import { describe, expect, it } from 'vitest';
import { Router } from './dijkstra';
import { buildGraph, type RoadEdgeInput } from './graph';
import {
  arrivalTime_s,
  departureSeeds,
  coincident,
  sameEdgeTime_s,
  snapToNetwork,
  type SnappedPoint,
} from './snap';
import { at, gridCity, gridNode, oneWayRing } from './test-fixtures';

const point = (x_m: number, y_m: number) => {
  const [lon, lat] = at(x_m, y_m);
  return { lon, lat };
};

function snapped(result: ReturnType<typeof snapToNetwork>): SnappedPoint {
  if (!result.reachable) throw new Error(result.message);
  return result;
}

describe('snapping a point to the network', () => {
  const city = buildGraph(gridCity());

  it('a point 10 m north of the middle of a street joins it halfway, with a 1.8 s leg by car', () => {
    // The street from (200, 0) to (400, 0), a 'communale' at 36 km/h: 20 s end to end, plus
    // the delay at the end reached (3 s at (400, 0), where a nationale ends beside it; 1.5 s at
    // (200, 0), a junction of communales), a share of which goes with a share of the street.
    const s = snapped(snapToNetwork(city, point(300, 10), 'car'));
    expect(city.nodeIds[city.edgeSource[s.edge]]).toBe(gridNode(1, 0));
    expect(city.nodeIds[city.edgeTarget[s.edge]]).toBe(gridNode(2, 0));
    expect(s.fraction).toBeCloseTo(0.5, 6);
    expect(s.along_m).toBeCloseTo(100, 4);
    expect(s.offNetwork_m).toBeCloseTo(10, 2);
    expect(s.offNetwork_s).toBeCloseTo(1.8, 3); // 10 m at 20 km/h
    expect(s.toSource_s).toBeCloseTo(1.8 + 21.5 / 2, 3);
    expect(s.toTarget_s).toBeCloseTo(1.8 + 23 / 2, 3);
    expect(s.fromSource_s).toBeCloseTo(23 / 2 + 1.8, 3);
    expect(s.fromTarget_s).toBeCloseTo(21.5 / 2 + 1.8, 3);
    const [lon, lat] = at(300, 0);
    expect(s.snapped[0]).toBeCloseTo(lon, 8);
    expect(s.snapped[1]).toBeCloseTo(lat, 8);
  });

  it('on foot the same point is 7.2 s from the street and 72 s more from either corner', () => {
    const s = snapped(snapToNetwork(city, point(300, 10), 'walk'));
    expect(s.offNetwork_s).toBeCloseTo(7.2, 3);
    expect(s.toSource_s).toBeCloseTo(79.2, 3);
    expect(s.toTarget_s).toBeCloseTo(79.2, 3);
  });

  it('a quarter of the way along, the near corner is closer than the far one', () => {
    const s = snapped(snapToNetwork(city, point(250, -5), 'car'));
    expect(s.fraction).toBeCloseTo(0.25, 6);
    expect(s.toSource_s).toBeCloseTo(0.9 + 0.25 * 21.5, 3);
    expect(s.toTarget_s).toBeCloseTo(0.9 + 0.75 * 23, 3);
  });

  it('on a one-way street a car can only leave towards its target and arrive from its source', () => {
    const ring = buildGraph(oneWayRing());
    const s = snapped(snapToNetwork(ring, point(30, -2), 'car')); // on 1 → 2, 30 m from 1
    expect(s.edgeId).toBe(1);
    expect(s.toSource_s).toBe(Infinity);
    expect(s.toTarget_s).toBeCloseTo(0.36 + 7, 3);
    expect(s.fromSource_s).toBeCloseTo(3 + 0.36, 3);
    expect(s.fromTarget_s).toBe(Infinity);
    expect(departureSeeds(ring, s).map((seed) => ring.nodeIds[seed.node])).toEqual([2]);
    // Walking ignores the one-way sign.
    const w = snapped(snapToNetwork(ring, point(30, -2), 'walk'));
    expect(w.toSource_s).toBeCloseTo(1.44 + 21.6, 3);
  });

  it('a point 10 km from every road is off the network, with the distance in the answer', () => {
    const far = snapToNetwork(city, point(400, 10_400), 'car');
    expect(far.reachable).toBe(false);
    if (far.reachable) return;
    expect(far.reason).toBe('too-far-from-road');
    expect(far.nearestRoad_m).toBeCloseTo(9_600, -1);
    expect(far.message).toContain('beyond the 2000 m limit');
  });

  it('the limit and the off-network speed can be set per call', () => {
    expect(snapToNetwork(city, point(300, 150), 'car', { maxSnapDistance_m: 40 }).reachable).toBe(
      false,
    );
    const s = snapped(snapToNetwork(city, point(300, 10), 'car', { offNetworkSpeedKmh: 36 }));
    expect(s.offNetwork_s).toBeCloseTo(1, 3);
  });

  it('on foot a point beside a motorway joins the nearest walkable road instead', () => {
    const edges: RoadEdgeInput[] = [
      {
        id: 1,
        source: 1,
        target: 2,
        roadClass: 'motorway',
        speedLimitKmh: 130,
        oneway: true,
        lengthM: 1000,
        coordinates: [at(0, 0), at(1000, 0)],
      },
      {
        id: 2,
        source: 3,
        target: 4,
        roadClass: 'residential',
        speedLimitKmh: 30,
        oneway: false,
        lengthM: 1000,
        coordinates: [at(0, 100), at(1000, 100)],
      },
    ];
    const graph = buildGraph(edges);
    expect(snapped(snapToNetwork(graph, point(500, 5), 'car')).edgeId).toBe(1);
    const walk = snapped(snapToNetwork(graph, point(500, 5), 'walk'));
    expect(walk.edgeId).toBe(2);
    expect(walk.offNetwork_m).toBeCloseTo(95, 1);
  });

  it('finds the nearest segment, not the nearest bounding box, past the first candidates', () => {
    // Twenty long diagonal streets whose boxes all contain the point (box distance 0) but which
    // pass at least 148 m from it, and one short street 50 m south of it whose box is 50 m away.
    const decoys: RoadEdgeInput[] = Array.from({ length: 20 }, (_, i) => ({
      id: 10 + i,
      source: 100 + 2 * i,
      target: 101 + 2 * i,
      roadClass: 'communale',
      speedLimitKmh: 36,
      oneway: false,
      lengthM: 1414,
      coordinates: [at(10 * i, 0), at(1000 + 10 * i, 1000)],
    }));
    const near: RoadEdgeInput = {
      id: 1,
      source: 1,
      target: 2,
      roadClass: 'communale',
      speedLimitKmh: 36,
      oneway: false,
      lengthM: 100,
      coordinates: [at(850, 450), at(950, 450)],
    };
    const graph = buildGraph([...decoys, near]);
    const s = snapped(snapToNetwork(graph, point(900, 500), 'car'));
    expect(s.edgeId).toBe(1);
    expect(s.fraction).toBeCloseTo(0.5, 3);
    expect(s.offNetwork_m).toBeCloseTo(50, 1);
  });

  it('answers rather than throws for an invalid position or a network with no usable road', () => {
    expect(snapToNetwork(city, { lon: 190, lat: 48 }, 'car')).toMatchObject({
      reachable: false,
      reason: 'invalid-coordinates',
    });
    expect(snapToNetwork(city, { lon: NaN, lat: 48 }, 'walk')).toMatchObject({
      reachable: false,
      reason: 'invalid-coordinates',
    });
    expect(snapToNetwork(buildGraph([]), point(0, 0), 'car')).toMatchObject({
      reachable: false,
      reason: 'no-usable-road',
    });
    const footOnly = buildGraph([
      {
        id: 1,
        source: 1,
        target: 2,
        roadClass: 'footway',
        speedLimitKmh: 0,
        oneway: false,
        lengthM: 100,
        coordinates: [at(0, 0), at(100, 0)],
      },
    ]);
    expect(snapToNetwork(footOnly, point(50, 0), 'car')).toMatchObject({
      reachable: false,
      reason: 'no-usable-road',
    });
  });
});

describe('times between snapped points', () => {
  const city = buildGraph(gridCity());

  it('two points on one street reach each other along it, without going round a corner', () => {
    const a = snapped(snapToNetwork(city, point(250, 0), 'car'));
    const b = snapped(snapToNetwork(city, point(350, 0), 'car'));
    expect(sameEdgeTime_s(city, a, b)).toBeCloseTo(0.5 * 23, 5); // half the street eastwards
    const tree = new Router(city).run(departureSeeds(city, a), { mode: 'car', maxSeconds: 600 });
    // Through the network: on to the east corner (0.75 × 23 s) and back (0.25 × 21.5 s).
    expect(arrivalTime_s(city, tree, b)).toBeCloseTo(0.75 * 23 + 0.25 * 21.5, 4);
  });

  it('on a one-way street the way back along it is closed', () => {
    const ring = buildGraph(oneWayRing());
    const a = snapped(snapToNetwork(ring, point(30, 0), 'car'));
    const b = snapped(snapToNetwork(ring, point(60, 0), 'car'));
    expect(sameEdgeTime_s(ring, a, b)).toBeCloseTo(3, 4);
    expect(sameEdgeTime_s(ring, b, a)).toBe(Infinity);
    const tree = new Router(ring).run(departureSeeds(ring, b), { mode: 'car', maxSeconds: 600 });
    expect(arrivalTime_s(ring, tree, a)).toBeCloseTo(4 + 30 + 3, 4); // round the ring
  });

  it('places within a metre of each other are at the same position', () => {
    expect(coincident(point(0, 0), point(0.9, 0))).toBe(true);
    expect(coincident(point(0, 0), point(1.1, 0))).toBe(false);
  });
});
