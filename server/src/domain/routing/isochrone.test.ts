import {
  area,
  booleanContains,
  booleanPointInPolygon,
  booleanValid,
  difference,
  featureCollection,
  kinks,
} from '@turf/turf';
import type { Feature, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { Router } from './dijkstra';
import { buildGraph, type RoadEdgeInput, type RoadGraph } from './graph';
import { HierarchySweep, buildHierarchy } from './hierarchy';
import { IsochroneStopped, isochroneSearch, isochrones, type IsochroneOptions } from './isochrone';
import { departureSeeds, snapToNetwork } from './snap';
import type { TravelMode } from './speeds';
import {
  at,
  gridCity,
  gridNode,
  seededRandom,
  spreadRandomNetwork,
  streetGrid,
} from './test-fixtures';

const point = (x_m: number, y_m: number) => {
  const [lon, lat] = at(x_m, y_m);
  return { lon, lat };
};

/** Everything the isochrone contract promises, checked on one answer. */
function expectSoundBands(
  graph: RoadGraph,
  origin: { lon: number; lat: number },
  minutes: number[],
  mode: TravelMode,
  options: IsochroneOptions = {},
) {
  const result = isochrones(graph, origin, minutes, mode, options);
  if (!result.reachable) throw new Error(result.message);
  const bands = result.bands.features as Feature<MultiPolygon>[];
  expect(bands.map((f) => f.properties!.minutes)).toEqual([...minutes].sort((a, b) => a - b));
  expect(result.cell_m).toBeGreaterThanOrEqual(100);
  expect(result.cell_m).toBeLessThanOrEqual(250);

  for (const band of bands) {
    expect(band.geometry.coordinates.length).toBeGreaterThan(0);
    expect(booleanValid(band)).toBe(true);
    expect(kinks(band).features).toEqual([]);
  }
  for (let k = 1; k < bands.length; k++) {
    expect(booleanContains(bands[k], bands[k - 1])).toBe(true);
    expect(area(bands[k])).toBeGreaterThan(area(bands[k - 1]));
    const outside = difference(featureCollection([bands[k - 1], bands[k]]));
    expect(outside === null ? 0 : area(outside)).toBeLessThan(1); // m²
  }

  const tree = new Router(graph).run(departureSeeds(graph, result.origin), {
    mode,
    maxSeconds: Math.max(...minutes) * 60,
  });
  let checked = 0;
  bands.forEach((band) => {
    for (const u of tree.reached) {
      if (tree.times_s[u] > band.properties!.minutes * 60) continue;
      expect(
        booleanPointInPolygon([graph.nodeLon[u], graph.nodeLat[u]], band),
        `node ${graph.nodeIds[u]}`,
      ).toBe(true);
      checked++;
    }
  });
  expect(booleanPointInPolygon([origin.lon, origin.lat], bands[0])).toBe(true);
  return { bands, tree, checked, result };
}

describe('isochrones on the grid city', () => {
  const city = buildGraph(gridCity());

  it('walking 2, 4 and 6 minutes from near the centre: valid, nested bands holding their nodes', () => {
    const { bands, checked } = expectSoundBands(city, point(400, 390), [4, 2, 6], 'walk');
    expect(checked).toBeGreaterThan(10);
    // 2 min on foot (167 m at 5 km/h) does not reach the corner of the city, 848 m away.
    const [lon, lat] = at(0, 0);
    expect(booleanPointInPolygon([lon, lat], bands[0])).toBe(false);
    expect(area(bands[0])).toBeLessThan(Math.PI * 300 ** 2);
  });

  it('driving half a minute, one and two minutes: the main streets carry the band further', () => {
    const { bands, tree } = expectSoundBands(city, point(400, 400), [0.5, 1, 2], 'car');
    // Along the 72 km/h main street the edge of the city (400 m) is 20 s away (no delay passing
    // communales, none where the nationale ends); the corner is two main-street blocks then two
    // communale ones away, with a junction of communales between them:
    // 10 + 10 + 20 + 1.5 + 20 = 61.5 s.
    const east = city.nodeIndex.get(gridNode(4, 2))!;
    const corner = city.nodeIndex.get(gridNode(0, 0))!;
    expect(tree.times_s[east]).toBeCloseTo(20, 4);
    expect(tree.times_s[corner]).toBeCloseTo(61.5, 4);
    expect(booleanPointInPolygon([city.nodeLon[east], city.nodeLat[east]], bands[0])).toBe(true);
    expect(booleanPointInPolygon([city.nodeLon[corner], city.nodeLat[corner]], bands[0])).toBe(
      false,
    );
  });

  it('an origin in a small part of the network cut off from the rest gets small bands around it', () => {
    const island: RoadEdgeInput = {
      id: 9000,
      source: 9001,
      target: 9002,
      roadClass: 'communale',
      speedLimitKmh: 36,
      oneway: false,
      lengthM: 300,
      coordinates: [at(6000, 0), at(6300, 0)],
    };
    const graph = buildGraph([...gridCity(), island]);
    const { bands } = expectSoundBands(graph, point(6100, 20), [5, 10], 'car');
    for (const band of bands) {
      for (const id of [9001, 9002]) {
        const u = graph.nodeIndex.get(id)!;
        expect(booleanPointInPolygon([graph.nodeLon[u], graph.nodeLat[u]], band)).toBe(true);
      }
      const cityCorner = at(800, 0);
      expect(booleanPointInPolygon(cityCorner, band)).toBe(false);
      // At most the 2 km off-network reach around the 300 m street.
      expect(area(band)).toBeLessThan(2300 * 2300 * Math.PI);
    }
  });

  it('a place takes the time of its nearest road: a street 300 m away but 4 km round is not in the band', () => {
    // Two parallel 2 km streets 300 m apart, joined only at their east end.
    const street = (
      id: number,
      a: [number, number],
      b: [number, number],
      source: number,
      target: number,
    ): RoadEdgeInput => ({
      id,
      source,
      target,
      roadClass: 'residential',
      speedLimitKmh: 30,
      oneway: false,
      lengthM: Math.hypot(b[0] - a[0], b[1] - a[1]),
      coordinates: [at(...a), at(...b)],
    });
    const graph = buildGraph([
      street(1, [0, 0], [2000, 0], 1, 2),
      street(2, [0, 300], [2000, 300], 3, 4),
      street(3, [2000, 0], [2000, 300], 2, 4),
    ]);
    const { bands } = expectSoundBands(graph, point(100, 0), [5], 'walk'); // 417 m on foot
    expect(booleanPointInPolygon(at(100, 80), bands[0])).toBe(true); // nearest road: the origin's
    expect(booleanPointInPolygon(at(100, 300), bands[0])).toBe(false);
    expect(booleanPointInPolygon(at(100, 240), bands[0])).toBe(false); // nearest road: the far street
  });

  it('an origin farther than 2 km from any road gets a clear answer, not polygons', () => {
    const result = isochrones(city, point(400, 10_000), [10], 'car');
    expect(result).toMatchObject({ reachable: false, reason: 'too-far-from-road' });
  });

  it('asks whether to stop between its steps, and stops at the first yes', () => {
    let asked = 0;
    const go = isochrones(city, point(400, 400), [1, 2], 'car', { shouldStop: () => !++asked });
    expect(go).toEqual(isochrones(city, point(400, 400), [1, 2], 'car'));
    // Before the snap, the search, the time grid and the polygons.
    expect(asked).toBe(4);
    for (const stopAt of [1, 2, 3, 4]) {
      let n = 0;
      const run = () =>
        isochrones(city, point(400, 400), [1, 2], 'car', { shouldStop: () => ++n === stopAt });
      expect(run).toThrow(IsochroneStopped);
      expect(n).toBe(stopAt);
    }
  });

  it('refuses bands that are empty, repeated or not positive', () => {
    expect(() => isochrones(city, point(400, 400), [], 'car')).toThrow(RangeError);
    expect(() => isochrones(city, point(400, 400), [5, 5], 'car')).toThrow('repeated');
    expect(() => isochrones(city, point(400, 400), [0, 5], 'car')).toThrow('positive');
  });
});

describe('isochrones on 30 seeded random networks', () => {
  const random = seededRandom(99);
  it.each(['car', 'walk'] as const)(
    '%s: always valid, nested and holding their nodes',
    (mode) => {
      let checked = 0;
      for (let k = 0; k < 30; k++) {
        const edges = spreadRandomNetwork(random);
        if (edges.length === 0) continue;
        const graph = buildGraph(edges);
        const [lon, lat] = at(random() * 3000, random() * 3000);
        const result = isochrones(graph, { lon, lat }, [1], mode);
        if (!result.reachable) continue;
        checked += expectSoundBands(
          graph,
          { lon, lat },
          mode === 'car' ? [1, 2, 4] : [5, 10, 20],
          mode,
        ).checked;
      }
      expect(checked).toBeGreaterThan(30);
    },
    60_000,
  ); // turf's validity checks are slow on a loaded machine
});

/** The positions of every ring of every band, flattened. */
const positions = (bands: Feature<MultiPolygon>[]) =>
  bands.flatMap((band) => band.geometry.coordinates.flat(3));

describe('isochrones with a hierarchy sweep for the search', () => {
  const random = seededRandom(1130);

  it.each(['car', 'walk'] as const)(
    '%s: sound bands, the same as from the router alone, on 20 random networks',
    (mode) => {
      let compared = 0;
      for (let k = 0; k < 20; k++) {
        const edges = spreadRandomNetwork(random);
        if (edges.length === 0) continue;
        const graph = buildGraph(edges);
        const sweep = new HierarchySweep(buildHierarchy(graph, mode));
        const router = new Router(graph);
        const origin = point(random() * 3000, random() * 3000);
        const minutes = mode === 'car' ? [1, 2, 4] : [5, 10, 20];
        const snapped = snapToNetwork(graph, origin, mode);
        if (!snapped.reachable) continue;
        // The sweep does the search (the router's own buffer is not what comes back).
        const viaRouter = router.run(departureSeeds(graph, snapped), { mode, maxSeconds: 240 });
        const chosen = isochroneSearch(graph, snapped, mode, 240, { router, sweep });
        expect(chosen.times_s).not.toBe(viaRouter.times_s);

        const alone = isochrones(graph, origin, minutes, mode, { router });
        const swept = expectSoundBands(graph, origin, minutes, mode, { router, sweep }).bands;
        if (!alone.reachable) throw new Error(alone.message);
        const expected = positions(alone.bands.features);
        const actual = positions(swept);
        expect(actual.length).toBe(expected.length);
        actual.forEach((x, i) => expect(Math.abs(x - expected[i])).toBeLessThan(1e-9));
        compared++;
      }
      expect(compared).toBeGreaterThan(10);
    },
    60_000,
  );

  it('leaves a search that reaches little of a large graph to the router', () => {
    // 70 × 70 streets 100 m apart: more nodes than the sweep's probe of the top of the hierarchy.
    const edges = streetGrid(70);
    const graph = buildGraph(edges);
    const sweep = new HierarchySweep(buildHierarchy(graph, 'car'));
    const router = new Router(graph);
    const snapped = snapToNetwork(graph, point(3500, 3500), 'car');
    if (!snapped.reachable) throw new Error(snapped.message);
    const seeds = departureSeeds(graph, snapped);
    const routerTimes = router.run(seeds, { mode: 'car', maxSeconds: 60 }).times_s;
    // One minute: at most ~1.3 km (primary roads) of a 7 km square, the router's search.
    expect(isochroneSearch(graph, snapped, 'car', 60, { router, sweep }).times_s).toBe(routerTimes);
    // An hour reaches it all: the sweep's.
    expect(isochroneSearch(graph, snapped, 'car', 3600, { router, sweep }).times_s).not.toBe(
      routerTimes,
    );
    // A hierarchy for another mode is not used; one of another graph is refused.
    expect(isochroneSearch(graph, snapped, 'walk', 3600, { router, sweep }).times_s).toBe(
      routerTimes,
    );
    const other = new HierarchySweep(buildHierarchy(buildGraph(gridCity()), 'car'));
    expect(() => isochroneSearch(graph, snapped, 'car', 60, { router, sweep: other })).toThrow(
      /another graph/,
    );
  });
});
