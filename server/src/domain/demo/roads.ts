/**
 * The main roads of a département: between neighbouring communes' chefs-lieux, in three
 * classes (streets and the roads to hamlets are streets.ts's).
 *
 * - communales: the minimum spanning tree of the commune adjacency graph (every commune is
 *   reached, the graph is connected) plus 30% of the remaining Gabriel links (the segment
 *   between two chefs-lieux stays inside their two communes), for loops: villages link to
 *   their nearest neighbours.
 * - nationales: the shortest path from the prefecture to each town;
 * - départementales: shortest paths between each hub (prefecture, towns, bourgs) and its two
 *   nearest hubs.
 * Paths follow the adjacency graph (through the villages on the way, as French roads do) and
 * prefer roads already built, so trunks form instead of parallel roads.
 *
 * Speeds (km/h, free-flow averages rather than limits, stored on each edge): nationale 80,
 * départementale 70, communale 50 (narrow roads between villages, through their centres);
 * inside towns the loader's builder caps them at the urban 50 (see streets.ts); streets 30,
 * roads to hamlets 40. No one-way edges: between villages every road goes both ways.
 * Geometry: a jittered point every ~500 m with a gentle bend (3% of the length for
 * nationales, 5% for départementales, 8% for communales), so roads do not look like spokes.
 */
import { polylineLengthM, type LocalFrame, type PointKm } from './frame';
import { PriorityQueue } from './priority-queue';
import type { Random } from './random';
import type { RoadBuilder } from './road-builder';
import type { CommuneLayout, SettlementRole } from './settlements';
import type { DemoRoad, Position, RoadClass } from './types';

export const ROAD_SPEED_KMH: Readonly<Record<RoadClass, number>> = Object.freeze({
  nationale: 80,
  departementale: 70,
  communale: 50,
  locale: 40,
  rue: 30,
});
const BEND: Record<RoadClass, number> = {
  nationale: 0.03,
  departementale: 0.05,
  communale: 0.08,
  locale: 0.1,
  rue: 0.04,
};
/** A non-Gabriel link crosses a third commune: take it only when nothing better exists. */
const NON_GABRIEL_PENALTY = 1.6;
const EXTRA_COMMUNALE_SHARE = 0.3;
/** Cost factor of a link by the class already built on it: paths reuse the bigger roads. */
const REUSE_FACTOR = [1, 0.9, 0.75, 0.6];
type MainClass = 'nationale' | 'departementale' | 'communale';
const CLASS_RANK: Record<MainClass, number> = { communale: 1, departementale: 2, nationale: 3 };
const CLASSES: MainClass[] = ['communale', 'communale', 'departementale', 'nationale'];

/** Two neighbouring communes, `a < b`. */
export interface CommuneLink {
  a: number;
  b: number;
  gabriel: boolean;
}

export type RoadDraft = Omit<DemoRoad, 'id'>;

/**
 * Adds the main roads to `builder`, whose vertices 0..n-1 are the chefs-lieux (layout order);
 * returns the indices of their ways.
 */
export function generateMainRoads(
  layout: CommuneLayout,
  links: readonly CommuneLink[],
  roles: readonly SettlementRole[],
  builder: RoadBuilder,
  random: Random,
): number[] {
  const n = roles.length;
  const length = links.map((l) =>
    Math.hypot(layout.x[l.a] - layout.x[l.b], layout.y[l.a] - layout.y[l.b]),
  );
  const weight = links.map((l, k) => length[k] * (l.gabriel ? 1 : NON_GABRIEL_PENALTY));
  const rank = new Uint8Array(links.length); // 0: no road; else CLASS_RANK
  const upgrade = (k: number, cls: MainClass) => (rank[k] = Math.max(rank[k], CLASS_RANK[cls]));

  // Communales: minimum spanning tree (Kruskal), then some extra Gabriel links.
  const parent = [...Array(n).keys()];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const k of [...links.keys()].sort((p, q) => weight[p] - weight[q])) {
    const [ra, rb] = [find(links[k].a), find(links[k].b)];
    if (ra !== rb) {
      parent[ra] = rb;
      upgrade(k, 'communale');
    }
  }
  links.forEach((l, k) => {
    if (rank[k] === 0 && l.gabriel && random.chance(EXTRA_COMMUNALE_SHARE)) upgrade(k, 'communale');
  });

  const adjacency: { to: number; link: number }[][] = Array.from({ length: n }, () => []);
  links.forEach((l, k) => {
    adjacency[l.a].push({ to: l.b, link: k });
    adjacency[l.b].push({ to: l.a, link: k });
  });
  const path = (from: number, to: number): number[] => {
    const cost = new Float64Array(n).fill(Infinity);
    const via = new Int32Array(n).fill(-1);
    const queue = new PriorityQueue();
    cost[from] = 0;
    queue.push(from, 0);
    while (queue.size > 0) {
      const { item, key } = queue.pop();
      if (item === to) break;
      if (key > cost[item]) continue;
      for (const { to: q, link } of adjacency[item]) {
        const c = key + weight[link] * REUSE_FACTOR[rank[link]];
        if (c < cost[q]) {
          cost[q] = c;
          via[q] = link;
          queue.push(q, c);
        }
      }
    }
    const result: number[] = [];
    for (let v = to; v !== from;) {
      const k = via[v];
      if (k < 0) throw new Error('generateRoads: the commune graph is not connected');
      result.push(k);
      v = links[k].a === v ? links[k].b : links[k].a;
    }
    return result;
  };

  const prefecture = roles.indexOf('prefecture');
  const towns = [...roles.keys()].filter((i) => roles[i] === 'town');
  for (const t of towns) for (const k of path(prefecture, t)) upgrade(k, 'nationale');
  const hubs = [...roles.keys()].filter(
    (i) => roles[i] === 'prefecture' || roles[i] === 'town' || roles[i] === 'bourg',
  );
  const hubDist = (a: number, b: number) =>
    Math.hypot(layout.x[a] - layout.x[b], layout.y[a] - layout.y[b]);
  const hubPairs = new Set<string>();
  for (const h of hubs) {
    const nearest = hubs
      .filter((o) => o !== h)
      .sort((p, q) => hubDist(h, p) - hubDist(h, q))
      .slice(0, 2);
    for (const o of nearest) hubPairs.add(h < o ? `${h},${o}` : `${o},${h}`);
  }
  for (const pair of [...hubPairs].sort()) {
    const [a, b] = pair.split(',').map(Number);
    for (const k of path(a, b)) upgrade(k, 'departementale');
  }

  const ways: number[] = [];
  links.forEach((l, k) => {
    if (rank[k] === 0) return;
    const roadClass = CLASSES[rank[k]];
    const a = { x: layout.x[l.a], y: layout.y[l.a] };
    const b = { x: layout.x[l.b], y: layout.y[l.b] };
    const inner = bendPoints(a, b, roadClass, random).map((p) => builder.vertex(p.x, p.y));
    ways.push(builder.way([l.a, ...inner, l.b], roadClass, ROAD_SPEED_KMH[roadClass]));
  });
  return ways;
}

/**
 * A road edge from `from` to `to` (WGS84 positions, kept exactly as the end nodes), drawn in
 * `frame` with a gentle bend and jitter.
 */
export function roadBetween(
  frame: LocalFrame,
  from: Position,
  to: Position,
  source: number,
  target: number,
  roadClass: RoadClass,
  random: Random,
): RoadDraft {
  const inner = bendPoints(frame.toKm(from), frame.toKm(to), roadClass, random);
  const coordinates: Position[] = [from, ...inner.map((p) => frame.toPosition(p.x, p.y)), to];
  return {
    source,
    target,
    roadClass,
    speedKmh: ROAD_SPEED_KMH[roadClass],
    oneway: false,
    lengthM: Math.round(polylineLengthM(coordinates) * 10) / 10,
    coordinates,
  };
}

/**
 * The inner points (km) of a road from `a` to `b`: one every ~500 m (2 to 10), on a gentle
 * wave of amplitude `BEND` × the length, with jitter.
 */
export function bendPoints(
  a: PointKm,
  b: PointKm,
  roadClass: RoadClass,
  random: Random,
): PointKm[] {
  const lengthKm = Math.hypot(b.x - a.x, b.y - a.y);
  const count = Math.min(10, Math.max(2, Math.round(lengthKm / 0.5)));
  const amp = lengthKm * BEND[roadClass] * random.range(0.5, 1);
  const frequency = random.range(0.5, 1.5);
  const phase = random.range(0, 2 * Math.PI);
  const dx = (b.x - a.x) / (lengthKm || 1);
  const dy = (b.y - a.y) / (lengthKm || 1);
  const points: PointKm[] = [];
  for (let i = 1; i <= count; i++) {
    const t = i / (count + 1);
    const wave = 0.75 * Math.sin(2 * Math.PI * frequency * t + phase) + 0.25 * random.range(-1, 1);
    const offset = amp * Math.sin(Math.PI * t) * wave;
    points.push({ x: a.x + (b.x - a.x) * t - dy * offset, y: a.y + (b.y - a.y) * t + dx * offset });
  }
  return points;
}
