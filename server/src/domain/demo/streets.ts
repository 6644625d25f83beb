/**
 * The roads inside communes, added to the main roads (roads.ts) in the builder:
 *
 * - bourgs, suburbs, towns and the prefecture get a street grid ('rue', 30 km/h) over their
 *   built-up area: a jittered lattice (250-320 m blocks) turned along the first main road,
 *   clipped to a wobbly disc and to the commune, a tenth of its links missing (kept connected
 *   to the centre); a junction wherever a main road crosses a street, and main roads inside
 *   the area driven at the urban 50 km/h at most (see `urbanSpeed`); the grid covers the
 *   densest 70% of the built-up radius, the rest being off-network legs of a few hundred metres;
 * - villages get one to three streets ('rue') from their centre, into the widest gaps
 *   between the roads already there;
 * - every hamlet is joined to the nearest point of the network by a local road ('locale',
 *   40 km/h), and a third of them to a second point too (loops, as farm roads make);
 * - land farther than 1.1 km from any road gets a farm and its lane ('locale'), so that no
 *   part of a commune is far from a road (as farm and forest roads make it in reality);
 * - the other scattered houses (écarts) are put within 250 m of a road vertex of their commune.
 */
import type { PointKm } from './frame';
import { builtRadiusKm, type CommunePlaces, type RingKm } from './places';
import type { Random } from './random';
import type { RoadBuilder, Way } from './road-builder';
import { ROAD_SPEED_KMH, bendPoints } from './roads';
import type { CommuneLayout, SettlementRole } from './settlements';

export interface ScatteredHouse {
  commune: number;
  x: number;
  y: number;
  population: number;
}

export interface UrbanArea {
  x: number;
  y: number;
  radiusKm: number;
  /** The commune it belongs to: the area stops at its border. */
  ring: RingKm;
}

const BLOCK_KM: Partial<Record<SettlementRole, number>> = {
  prefecture: 0.32,
  town: 0.28,
  suburb: 0.26,
  bourg: 0.25,
};
/** The street grid covers this share of the built-up radius (the denser core). */
const GRID_SHARE = 0.7;
/** Share of the street grid's links left out, so that it is not a perfect chessboard. */
const MISSING_LINKS = 0.1;
/** Speed limit inside a built-up area (agglomération), km/h. */
export const URBAN_SPEED_KMH = 50;
const MAIN_CLASSES = new Set(['nationale', 'departementale', 'communale']);

export function generateStreets(
  builder: RoadBuilder,
  layout: CommuneLayout,
  roles: readonly SettlementRole[],
  places: readonly CommunePlaces[],
  rings: readonly RingKm[],
  mainWays: readonly number[],
  random: Random,
): { urbanAreas: UrbanArea[]; houses: ScatteredHouse[] } {
  const n = roles.length;
  // Directions of the main roads leaving each chef-lieu (vertex i), radians.
  const directions: number[][] = Array.from({ length: n }, () => []);
  for (const w of mainWays) {
    const v = builder.ways[w].vertices;
    const [first, last] = [v[0], v[v.length - 1]];
    directions[first].push(
      Math.atan2(builder.y[v[1]] - builder.y[first], builder.x[v[1]] - builder.x[first]),
    );
    const before = v[v.length - 2];
    directions[last].push(
      Math.atan2(builder.y[before] - builder.y[last], builder.x[before] - builder.x[last]),
    );
  }

  const urbanAreas: UrbanArea[] = [];
  const gridRandom = random.fork('grids');
  const spurRandom = random.fork('spurs');
  for (let i = 0; i < n; i++) {
    const block = BLOCK_KM[roles[i]];
    const radiusKm = builtRadiusKm(places[i].centre) * GRID_SHARE;
    if (block !== undefined) {
      streetGrid(builder, i, block, radiusKm, directions[i][0] ?? 0, rings[i], gridRandom);
      urbanAreas.push({ x: layout.x[i], y: layout.y[i], radiusKm, ring: rings[i] });
    } else {
      villageStreets(builder, i, places[i], directions[i], rings[i], spurRandom);
    }
  }

  const hamletRandom = random.fork('hamlets');
  for (let i = 0; i < n; i++) {
    const hamlets = [...places[i].hamlets].sort(
      (a, b) =>
        Math.hypot(a.x - layout.x[i], a.y - layout.y[i]) -
        Math.hypot(b.x - layout.x[i], b.y - layout.y[i]),
    );
    for (const h of hamlets) hamletRoads(builder, h, hamletRandom);
  }

  const houseRandom = random.fork('houses');
  const houses: ScatteredHouse[] = [];
  for (let i = 0; i < n; i++) {
    const scattered = places[i].scattered;
    // Farms in the gaps: wherever the land is far from every road, a farm and its lane. They
    // take at most half of the scattered inhabitants, the other houses the rest.
    const gaps = gapPoints(builder, rings[i], houseRandom);
    const farms = gaps.map((p) => ({
      commune: i,
      ...p,
      population: Math.min(houseRandom.range(2, 8), scattered / (2 * gaps.length)),
    }));
    const farmTotal = farms.reduce((s, f) => s + f.population, 0);
    const rest = scattered - farmTotal;
    const count = Math.min(30, Math.round(rest / houseRandom.range(3, 6)));
    const spots: PointKm[] = [];
    for (let k = 0; k < count; k++) {
      const p = rings[i].sample(houseRandom, 10);
      if (!p) continue;
      const v = builder.nearestVertex(p.x, p.y, 1.5);
      if (v < 0) continue;
      const a = houseRandom.range(0, 2 * Math.PI);
      const r = houseRandom.range(0.04, 0.25);
      const x = builder.x[v] + r * Math.cos(a);
      const y = builder.y[v] + r * Math.sin(a);
      if (rings[i].contains(x, y)) spots.push({ x, y });
    }
    // The scattered inhabitants add up to the commune's share of them.
    if (spots.length === 0) for (const f of farms) f.population += rest / farms.length;
    houses.push(...farms);
    for (const s of spots) houses.push({ commune: i, ...s, population: rest / spots.length });
  }
  return { urbanAreas, houses };
}

/** Farther than this from every road vertex, a piece of land gets a farm and its lane (km). */
const GAP_KM = 1.1;
const GAP_STEP_KM = 1.1;

/**
 * Points of the commune farther than `GAP_KM` from the network, on a jittered lattice, each
 * joined to the nearest vertex by a lane ('locale') as soon as found, so the next ones see it.
 */
function gapPoints(builder: RoadBuilder, ring: RingKm, random: Random): PointKm[] {
  const points: PointKm[] = [];
  const x0 = ring.minX + random.range(0, GAP_STEP_KM);
  const y0 = ring.minY + random.range(0, GAP_STEP_KM);
  for (let x = x0; x < ring.maxX; x += GAP_STEP_KM) {
    for (let y = y0; y < ring.maxY; y += GAP_STEP_KM) {
      const p = {
        x: x + random.range(-0.3, 0.3) * GAP_STEP_KM,
        y: y + random.range(-0.3, 0.3) * GAP_STEP_KM,
      };
      if (!ring.contains(p.x, p.y) || builder.hasVertexWithin(p.x, p.y, GAP_KM)) continue;
      const target = builder.nearestVertex(p.x, p.y, 8);
      if (target < 0) continue;
      const to = { x: builder.x[target], y: builder.y[target] };
      const inner = bendPoints(p, to, 'locale', random).map((q) => builder.vertex(q.x, q.y));
      builder.way([builder.vertex(p.x, p.y), ...inner, target], 'locale', ROAD_SPEED_KMH.locale);
      points.push(p);
    }
  }
  return points;
}

/**
 * The speed of an edge from vertex `from` to `to`: main roads inside a built-up area (the
 * middle of the edge within one) at most the urban limit; every other edge its way's speed.
 */
export function urbanSpeed(
  builder: RoadBuilder,
  areas: readonly UrbanArea[],
): (way: Way, from: number, to: number) => number {
  return (way, from, to) => {
    if (!MAIN_CLASSES.has(way.roadClass)) return way.speedKmh;
    const x = (builder.x[from] + builder.x[to]) / 2;
    const y = (builder.y[from] + builder.y[to]) / 2;
    const inside = areas.some(
      (a) => (x - a.x) ** 2 + (y - a.y) ** 2 <= a.radiusKm ** 2 && a.ring.contains(x, y),
    );
    return inside ? Math.min(way.speedKmh, URBAN_SPEED_KMH) : way.speedKmh;
  };
}

/** A street grid around chef-lieu `centre` (a vertex); returns the ways of its streets. */
function streetGrid(
  builder: RoadBuilder,
  centre: number,
  blockKm: number,
  radiusKm: number,
  angle: number,
  ring: RingKm,
  random: Random,
): number[] {
  const cx = builder.x[centre];
  const cy = builder.y[centre];
  const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
  const half = Math.ceil(radiusKm / blockKm) + 1;
  const side = 2 * half + 1;
  const lobes = random.range(0, 2 * Math.PI);
  const at = new Int32Array(side * side).fill(-1);
  const points: PointKm[] = new Array(side * side);
  for (let i = -half; i <= half; i++) {
    for (let j = -half; j <= half; j++) {
      const k = (i + half) * side + (j + half);
      const jitter = i === 0 && j === 0 ? 0 : 0.12 * blockKm;
      const x = cx + (i * ux - j * uy) * blockKm + random.range(-jitter, jitter);
      const y = cy + (i * uy + j * ux) * blockKm + random.range(-jitter, jitter);
      points[k] = { x, y };
      const phi = Math.atan2(y - cy, x - cx);
      const reach = radiusKm * (1 + 0.15 * Math.sin(3 * phi + lobes));
      if ((i === 0 && j === 0) || (Math.hypot(x - cx, y - cy) <= reach && ring.contains(x, y)))
        at[k] = i === 0 && j === 0 ? centre : -2; // -2: kept, vertex not made yet
    }
  }
  // Links between lattice neighbours, both kept and the middle inside the commune.
  const links: [number, number][] = [];
  for (let k = 0; k < side * side; k++) {
    if (at[k] === -1) continue;
    const i = Math.floor(k / side);
    const j = k % side;
    for (const q of [i + 1 < side ? k + side : -1, j + 1 < side ? k + 1 : -1]) {
      if (q < 0 || at[q] === -1) continue;
      const mx = (points[k].x + points[q].x) / 2;
      const my = (points[k].y + points[q].y) / 2;
      if (ring.contains(mx, my)) links.push([k, q]);
    }
  }
  const centreKey = half * side + half;
  const kept = links.map(
    (l) => l[0] === centreKey || l[1] === centreKey || !random.chance(MISSING_LINKS),
  );
  // Keep what the centre reaches; bring back a missing link until nothing more is reached.
  const reached = new Uint8Array(side * side);
  const around: number[][] = Array.from({ length: side * side }, () => []);
  links.forEach(([p, q], l) => {
    around[p].push(l);
    around[q].push(l);
  });
  const spread = (from: number) => {
    const stack = [from];
    reached[from] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const l of around[u]) {
        const v = links[l][0] === u ? links[l][1] : links[l][0];
        if (kept[l] && !reached[v]) {
          reached[v] = 1;
          stack.push(v);
        }
      }
    }
  };
  spread(centreKey);
  for (let l = 0; l < links.length; l++) {
    // A missing link between the reached part and the rest comes back; links before it are
    // checked again, as the part grew.
    const [p, q] = links[l];
    if (!kept[l] && reached[p] !== reached[q]) {
      kept[l] = true;
      spread(reached[p] ? q : p);
      l = -1;
    }
  }
  const vertexOf = (k: number) => {
    if (at[k] < 0) at[k] = builder.vertex(points[k].x, points[k].y);
    return at[k];
  };
  const ways: number[] = [];
  links.forEach(([p, q], l) => {
    if (kept[l] && reached[p] && reached[q])
      ways.push(builder.way([vertexOf(p), vertexOf(q)], 'rue', ROAD_SPEED_KMH.rue));
  });
  return ways;
}

/** One to three streets from a village's centre into the widest gaps between its roads. */
function villageStreets(
  builder: RoadBuilder,
  centre: number,
  places: CommunePlaces,
  directions: number[],
  ring: RingKm,
  random: Random,
): void {
  const population = places.centre.population;
  const count = population < 120 ? 1 : population < 400 ? 2 : 3;
  const taken = [...directions];
  const cx = builder.x[centre];
  const cy = builder.y[centre];
  for (let s = 0; s < count; s++) {
    const angle = widestGap(taken, random);
    taken.push(angle);
    let lengthKm = Math.max(0.15, builtRadiusKm(places.centre) * random.range(0.6, 0.9));
    let end: PointKm | null = null;
    for (let k = 0; k < 3 && !end; k++, lengthKm /= 2) {
      const p = { x: cx + lengthKm * Math.cos(angle), y: cy + lengthKm * Math.sin(angle) };
      if (ring.contains(p.x, p.y)) end = p;
    }
    if (!end) continue;
    const inner = bendPoints({ x: cx, y: cy }, end, 'rue', random).map((p) =>
      builder.vertex(p.x, p.y),
    );
    builder.way([centre, ...inner, builder.vertex(end.x, end.y)], 'rue', ROAD_SPEED_KMH.rue);
  }
}

/** The middle of the widest angular gap between `angles` (a random direction when none). */
function widestGap(angles: readonly number[], random: Random): number {
  if (angles.length === 0) return random.range(0, 2 * Math.PI);
  const sorted = angles.map((a) => (a + 2 * Math.PI) % (2 * Math.PI)).sort((a, b) => a - b);
  let best = 0;
  let bestGap = -1;
  for (let k = 0; k < sorted.length; k++) {
    const next = k + 1 < sorted.length ? sorted[k + 1] : sorted[0] + 2 * Math.PI;
    if (next - sorted[k] > bestGap) [best, bestGap] = [sorted[k], next - sorted[k]];
  }
  return best + bestGap / 2 + random.range(-0.15, 0.15) * bestGap;
}

/** A hamlet's local road to the nearest vertex of the network, and sometimes a second one. */
function hamletRoads(builder: RoadBuilder, hamlet: PointKm, random: Random): void {
  const h = builder.vertex(hamlet.x, hamlet.y);
  const first = builder.nearestVertex(hamlet.x, hamlet.y, 6, (v) => v !== h);
  if (first < 0) return;
  const join = (target: number) => {
    const to = { x: builder.x[target], y: builder.y[target] };
    const inner = bendPoints(hamlet, to, 'locale', random).map((p) => builder.vertex(p.x, p.y));
    builder.way([h, ...inner, target], 'locale', ROAD_SPEED_KMH.locale);
    return inner;
  };
  const own = new Set(join(first));
  if (!random.chance(0.33)) return;
  const [fx, fy] = [builder.x[first], builder.y[first]];
  const second = builder.nearestVertex(
    hamlet.x,
    hamlet.y,
    2.5,
    (v) => v !== h && !own.has(v) && Math.hypot(builder.x[v] - fx, builder.y[v] - fy) > 0.8,
  );
  if (second >= 0) join(second);
}
