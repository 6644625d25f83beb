/**
 * Small road networks for the routing tests, built in code so that each stays readable.
 * Distances are chosen for easy arithmetic: a 36 km/h road covers 10 m/s, a 72 km/h one 20 m/s,
 * and walking (5 km/h) covers 200 m in 144 s. Cars drive at most 0.8 of a road's limit
 * (car-speeds.ts): a 45 km/h limit gives 36 km/h, a 90 km/h one 72 km/h, below the open-country
 * speeds of the classes used (communale 40, nationale 75). The grid city and the ring are in
 * open country by their stored setting (a 45 km/h limit would otherwise mean a built-up area).
 */
import { localScale } from './geodesy';
import type { RoadEdgeInput } from './graph';

/** South-west corner of the fixtures, in Paris. */
export const ORIGIN_LON = 2.35;
export const ORIGIN_LAT = 48.85;
const scale = localScale(ORIGIN_LAT);

/** The WGS84 position x metres east and y metres north of the fixtures' corner. */
export function at(x_m: number, y_m: number): [number, number] {
  return [ORIGIN_LON + x_m / scale.x_m, ORIGIN_LAT + y_m / scale.y_m];
}

/** Node id of the 5×5 grid city at column `col` (west → east), row `row` (south → north). */
export function gridNode(col: number, row: number): number {
  return 100 + row * 10 + col;
}

/**
 * A 5×5 grid city with 200 m blocks: node (col, row) at (200·col, 200·row) metres. Every street
 * is a 'communale' limited to 45 km/h (36 km/h: 20 s a block by car) except the middle row and
 * column, a 'nationale' limited to 90 (72 km/h: 10 s a block). Edge ids: 1000 + n in creation
 * order. Open country, so the delays on reaching a junction (junctions.ts) are: along a communale, 1.5 s at a junction of communales, 12 s where
 * it crosses a nationale inside the grid, 3 s where a nationale ends beside it at the edge;
 * along a nationale, 0 s past communales and 1.5 s at the centre, where the two cross; none at
 * the four corners, which are not junctions.
 */
export function gridCity(): RoadEdgeInput[] {
  const edges: RoadEdgeInput[] = [];
  const add = (c0: number, r0: number, c1: number, r1: number, main: boolean) =>
    edges.push({
      id: 1000 + edges.length,
      source: gridNode(c0, r0),
      target: gridNode(c1, r1),
      roadClass: main ? 'nationale' : 'communale',
      speedLimitKmh: main ? 90 : 45,
      setting: 'rural',
      oneway: false,
      lengthM: 200,
      coordinates: [at(200 * c0, 200 * r0), at(200 * c1, 200 * r1)],
    });
  for (let r = 0; r < 5; r++) for (let c = 0; c < 4; c++) add(c, r, c + 1, r, r === 2);
  for (let c = 0; c < 5; c++) for (let r = 0; r < 4; r++) add(c, r, c, r + 1, c === 2);
  return edges;
}

/**
 * A one-way ring of four 100 m 'communale' streets limited to 45 km/h (36 km/h), anticlockwise:
 * 1 (0,0) → 2 (100,0) → 3 (100,100) → 4 (0,100) → 1. By car each street takes 10 s (no corner is
 * a junction) and only goes one way; on foot each takes 72 s both ways.
 */
export function oneWayRing(): RoadEdgeInput[] {
  const corners: [number, number][] = [at(0, 0), at(100, 0), at(100, 100), at(0, 100)];
  return corners.map((start, k) => ({
    id: 1 + k,
    source: 1 + k,
    target: 1 + ((k + 1) % 4),
    roadClass: 'communale',
    speedLimitKmh: 45,
    setting: 'rural',
    oneway: true,
    lengthM: 100,
    coordinates: [start, corners[(k + 1) % 4]],
  }));
}

/** A deterministic pseudo-random generator (mulberry32) giving floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Classes drawn for random graphs: drivable or not, walkable or not, with or without a limit. */
export const RANDOM_CLASSES = [
  'residential',
  'primary',
  'motorway',
  'footway',
  'communale',
  'track',
  'trunk',
  'service',
];

/**
 * A random network of up to `maxNodes` nodes within about 1 km: random pairs of nodes (parallel
 * edges and self-loops included), a third of them one-way, some without a limit, some in a
 * built-up area by their stored setting.
 */
export function randomNetwork(random: () => number, maxNodes = 12): RoadEdgeInput[] {
  const nodeCount = 2 + Math.floor(random() * (maxNodes - 1));
  const positions = Array.from({ length: nodeCount }, () => at(random() * 1000, random() * 1000));
  const edgeCount = Math.floor(random() * nodeCount * 2.5);
  const edges: RoadEdgeInput[] = [];
  for (let e = 0; e < edgeCount; e++) {
    const s = Math.floor(random() * nodeCount);
    const t = random() < 0.05 ? s : Math.floor(random() * nodeCount);
    edges.push({
      id: 500 + e,
      source: 10 * s + 7,
      target: 10 * t + 7,
      roadClass: RANDOM_CLASSES[Math.floor(random() * RANDOM_CLASSES.length)],
      speedLimitKmh: random() < 0.3 ? 0 : 10 + Math.floor(random() * 100),
      setting: random() < 0.2 ? 'urban' : null,
      oneway: random() < 0.35,
      lengthM: Math.round(10 + random() * 490),
      coordinates: [positions[s], positions[t]],
    });
  }
  return edges;
}

/**
 * A square grid of streets, `side` nodes a side, 100 m apart (node ids 1 + row·side + column):
 * residential, every tenth line primary; a share of them one-way (seeded by the side).
 */
export function streetGrid(side: number, oneWayShare = 0): RoadEdgeInput[] {
  const random = seededRandom(side);
  const edges: RoadEdgeInput[] = [];
  const id = (c: number, r: number) => 1 + r * side + c;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      for (const [dc, dr] of [
        [1, 0],
        [0, 1],
      ]) {
        if (c + dc >= side || r + dr >= side) continue;
        edges.push({
          id: edges.length + 1,
          source: id(c, r),
          target: id(c + dc, r + dr),
          roadClass: (dr ? c : r) % 10 === 0 ? 'primary' : 'residential',
          speedLimitKmh: 0,
          oneway: random() < oneWayShare,
          lengthM: 100,
          coordinates: [at(100 * c, 100 * r), at(100 * (c + dc), 100 * (r + dr))],
        });
      }
    }
  }
  return edges;
}

/** `randomNetwork` spread over ~3 km (around the same origin), so that bands have room to differ. */
export function spreadRandomNetwork(random: () => number, maxNodes = 30): RoadEdgeInput[] {
  return randomNetwork(random, maxNodes).map((e) => ({
    ...e,
    coordinates: e.coordinates.map(
      ([lon, lat]) =>
        [ORIGIN_LON + (lon - ORIGIN_LON) * 3, ORIGIN_LAT + (lat - ORIGIN_LAT) * 3] as [
          number,
          number,
        ],
    ),
  }));
}
