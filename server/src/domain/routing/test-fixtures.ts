/**
 * Small road networks for the routing tests, built in code so that each stays readable.
 * Distances are chosen for easy arithmetic: a 36 km/h road covers 10 m/s, a 72 km/h one 20 m/s,
 * and walking (5 km/h) covers 200 m in 144 s.
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
 * is a 'communale' at 36 km/h (20 s a block by car) except the middle row and column, a
 * 'departementale' at 72 km/h (10 s a block). Edge ids: 1000 + n in creation order.
 */
export function gridCity(): RoadEdgeInput[] {
  const edges: RoadEdgeInput[] = [];
  const add = (c0: number, r0: number, c1: number, r1: number, main: boolean) =>
    edges.push({
      id: 1000 + edges.length,
      source: gridNode(c0, r0),
      target: gridNode(c1, r1),
      roadClass: main ? 'departementale' : 'communale',
      speedKmh: main ? 72 : 36,
      oneway: false,
      lengthM: 200,
      coordinates: [at(200 * c0, 200 * r0), at(200 * c1, 200 * r1)],
    });
  for (let r = 0; r < 5; r++) for (let c = 0; c < 4; c++) add(c, r, c + 1, r, r === 2);
  for (let c = 0; c < 5; c++) for (let r = 0; r < 4; r++) add(c, r, c, r + 1, c === 2);
  return edges;
}

/**
 * A one-way ring of four 100 m 'communale' streets at 36 km/h, anticlockwise:
 * 1 (0,0) → 2 (100,0) → 3 (100,100) → 4 (0,100) → 1. By car each street takes 10 s and only
 * goes one way; on foot each takes 72 s both ways.
 */
export function oneWayRing(): RoadEdgeInput[] {
  const corners: [number, number][] = [at(0, 0), at(100, 0), at(100, 100), at(0, 100)];
  return corners.map((start, k) => ({
    id: 1 + k,
    source: 1 + k,
    target: 1 + ((k + 1) % 4),
    roadClass: 'communale',
    speedKmh: 36,
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

/** Classes drawn for random graphs: drivable or not, walkable or not, with or without a speed. */
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
 * edges and self-loops included), a third of them one-way, some without a speed (class default).
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
      speedKmh: random() < 0.3 ? 0 : 10 + Math.floor(random() * 100),
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
          speedKmh: 0,
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
