import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import { describe, expect, it } from 'vitest';
import { demandCells, generateTerritory } from './index';
import type { DemoRoad, DemoTerritory, Position } from './types';

const territory = generateTerritory();

/** Node positions read from the edges' ends; throws if two edges disagree on a node. */
function nodePositions(roads: readonly DemoRoad[]): Map<number, Position> {
  const nodes = new Map<number, Position>();
  const put = (id: number, p: Position) => {
    const known = nodes.get(id);
    if (known && (known[0] !== p[0] || known[1] !== p[1]))
      throw new Error(`node ${id} has two positions`);
    nodes.set(id, p);
  };
  for (const r of roads) {
    put(r.source, r.coordinates[0]);
    put(r.target, r.coordinates[r.coordinates.length - 1]);
  }
  return nodes;
}

/** Nodes reachable from `start` (both directions unless one-way). */
function reachable(roads: readonly DemoRoad[], start: number): Set<number> {
  const next = new Map<number, number[]>();
  const link = (a: number, b: number) => next.set(a, [...(next.get(a) ?? []), b]);
  for (const r of roads) {
    link(r.source, r.target);
    if (!r.oneway) link(r.target, r.source);
  }
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

function nodesByCommune(t: DemoTerritory, nodes: Map<number, Position>): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const c of t.communes) {
    const polygon = turf.multiPolygon(c.geometry.coordinates);
    const [minX, minY, maxX, maxY] = turf.bbox(polygon);
    result.set(
      c.code,
      [...nodes]
        .filter(([, p]) => p[0] >= minX && p[0] <= maxX && p[1] >= minY && p[1] <= maxY)
        .filter(([, p]) => turf.booleanPointInPolygon(p, polygon))
        .map(([id]) => id),
    );
  }
  return result;
}

describe('the road network of the demo territory', () => {
  const nodes = nodePositions(territory.roads);
  const inCommune = nodesByCommune(territory, nodes);

  it('has a road node inside every commune', () => {
    const without = territory.communes
      .filter((c) => inCommune.get(c.code)!.length === 0)
      .map((c) => c.code);
    expect(without).toEqual([]);
  });

  it('reaches every commune from the prefecture', () => {
    const prefectureNodes = inCommune.get(territory.departements[0].prefectureCode)!;
    expect(prefectureNodes.length).toBeGreaterThanOrEqual(1);
    const reached = reachable(territory.roads, prefectureNodes[0]);
    const unreached = territory.communes.filter(
      (c) => !inCommune.get(c.code)!.some((n) => reached.has(n)),
    );
    expect(unreached.map((c) => c.code)).toEqual([]);
    expect(reached.size).toBe(nodes.size);
  });

  it('has a hierarchy: a few nationales, more départementales and communales between places, local roads and streets', () => {
    const byClass = (cls: string) => territory.roads.filter((r) => r.roadClass === cls);
    const [n, d, c, l, s] = ['nationale', 'departementale', 'communale', 'locale', 'rue'].map(
      byClass,
    );
    expect(n.length).toBeGreaterThan(10);
    expect(d.length).toBeGreaterThan(n.length);
    expect(c.length).toBeGreaterThan(d.length);
    expect(l.length).toBeGreaterThan(500);
    expect(s.length).toBeGreaterThan(2_000);
    expect(n.length + d.length + c.length + l.length + s.length).toBe(territory.roads.length);
    // Thousands of edges, not one node per commune.
    expect(territory.roads.length).toBeGreaterThan(4_000);
    // Speeds: through towns, main roads are driven at the urban 50 km/h.
    expect(new Set(n.map((r) => r.speedKmh))).toEqual(new Set([80, 50]));
    expect(new Set(d.map((r) => r.speedKmh))).toEqual(new Set([70, 50]));
    expect(new Set(c.map((r) => r.speedKmh))).toEqual(new Set([50]));
    expect(new Set(l.map((r) => r.speedKmh))).toEqual(new Set([40]));
    expect(new Set(s.map((r) => r.speedKmh))).toEqual(new Set([30]));
    expect(territory.roads.every((r) => r.oneway === false)).toBe(true);
  });

  it('slows main roads to 50 km/h only inside towns (communes of 1,500 inhabitants or more)', () => {
    const towns = territory.communes
      .filter((c) => c.population[5].total >= 1_500)
      .map((c) => turf.multiPolygon(c.geometry.coordinates));
    const slowed = territory.roads.filter(
      (r) => (r.roadClass === 'nationale' || r.roadClass === 'departementale') && r.speedKmh === 50,
    );
    expect(slowed.length).toBeGreaterThan(20);
    for (const r of slowed) {
      const middle = turf.midpoint(r.coordinates[0], r.coordinates[r.coordinates.length - 1]);
      expect(towns.some((t) => turf.booleanPointInPolygon(middle, t))).toBe(true);
    }
  });

  it('connects the prefecture to the towns by nationales', () => {
    const prefectureNode = inCommune.get(territory.departements[0].prefectureCode)![0];
    const nationales = territory.roads.filter((r) => r.roadClass === 'nationale');
    const nationalNodes = new Set(nationales.flatMap((r) => [r.source, r.target]));
    expect(
      inCommune.get(territory.departements[0].prefectureCode)!.some((n) => nationalNodes.has(n)),
    ).toBe(true);
    expect(prefectureNode).toBeDefined();
    // The nationales alone form one network around the prefecture.
    const reached = reachable(nationales, nationales[0].source);
    expect(reached.size).toBe(nationalNodes.size);
  });

  it('gives each edge its geodesic length (turf length, within 0.1 m) and ids from 1', () => {
    expect(territory.roads.map((r) => r.id)).toEqual(territory.roads.map((_, i) => i + 1));
    for (const r of territory.roads) {
      expect(
        Math.abs(turf.length(turf.lineString(r.coordinates), { units: 'meters' }) - r.lengthM),
      ).toBeLessThan(0.1);
      expect(r.lengthM).toBeGreaterThan(0);
    }
    // Streets run between crossroads a block apart (250-320 m, jittered).
    const streets = territory.roads
      .filter((r) => r.roadClass === 'rue')
      .map((r) => r.lengthM)
      .sort((a, b) => a - b);
    const median = streets[Math.floor(streets.length / 2)];
    expect(median).toBeGreaterThan(150);
    expect(median).toBeLessThan(350);
  });

  it('draws roads between places with bends, not straight spokes', () => {
    const long = territory.roads.filter(
      (r) => r.roadClass !== 'rue' && r.lengthM > 1_500 && r.coordinates.length >= 3,
    );
    expect(long.length).toBeGreaterThan(300);
    for (const r of territory.roads) {
      const chord = turf.distance(r.coordinates[0], r.coordinates[r.coordinates.length - 1], {
        units: 'meters',
      });
      // Lengths are rounded to 0.1 m.
      expect(r.lengthM).toBeGreaterThanOrEqual(chord - 0.1);
      expect(r.lengthM).toBeLessThan(1.3 * chord + 0.1);
    }
    const bent = long.filter((r) => {
      const chord = turf.distance(r.coordinates[0], r.coordinates[r.coordinates.length - 1], {
        units: 'meters',
      });
      return r.lengthM / chord > 1.002;
    });
    expect(bent.length / long.length).toBeGreaterThan(0.8);
  });

  it('shares nodes where edges meet, and roads meet only at nodes (every crossing is a crossroads)', () => {
    const degree = new Map<number, number>();
    for (const r of territory.roads) {
      degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
      degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
    }
    const mean = [...degree.values()].reduce((s, v) => s + v, 0) / degree.size;
    expect(degree.size).toBeGreaterThan(10 * territory.communes.length);
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(4);
    expect(properCrossings(territory.roads)).toEqual([]);
  });

  it('reaches where people live: every populated cell within 1 km of a road, most within 500 m', () => {
    const distances = demandCells(territory)
      .map((c) => distanceToRoadsM(territory.roads, c.centroid))
      .sort((a, b) => a - b);
    expect(distances[distances.length - 1]).toBeLessThan(1_000);
    expect(distances[Math.floor(distances.length * 0.98)]).toBeLessThan(500);
  });

  it('leaves no land farther than 2 km from a road (the off-network reach of travel times)', () => {
    // Points every ~700 m over the département.
    const departement = turf.multiPolygon(territory.departements[0].geometry.coordinates);
    const [w, s, e, n] = turf.bbox(departement);
    const far: number[][] = [];
    for (let x = w; x < e; x += 0.009) {
      for (let y = s; y < n; y += 0.0063) {
        if (!turf.booleanPointInPolygon([x, y], departement)) continue;
        if (distanceToRoadsM(territory.roads, [x, y]) > 2_000) far.push([x, y]);
      }
    }
    expect(far).toEqual([]);
  });
});

/** Segments of the roads, in a spatial index (degrees). */
function segmentIndex(roads: readonly DemoRoad[]) {
  const segments: { edge: number; a: Position; b: Position }[] = [];
  roads.forEach((r, edge) => {
    for (let i = 0; i + 1 < r.coordinates.length; i++)
      segments.push({ edge, a: r.coordinates[i], b: r.coordinates[i + 1] });
  });
  const index = new Flatbush(segments.length);
  for (const { a, b } of segments)
    index.add(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    );
  index.finish();
  return { segments, index };
}

const indexes = new WeakMap<readonly DemoRoad[], ReturnType<typeof segmentIndex>>();
function indexOf(roads: readonly DemoRoad[]) {
  let i = indexes.get(roads);
  if (!i) indexes.set(roads, (i = segmentIndex(roads)));
  return i;
}

/**
 * Distance in metres from `p` to the nearest road, on a plane tangent at `p` (equirectangular:
 * within 0.1% over a few kilometres).
 */
function distanceToRoadsM(roads: readonly DemoRoad[], p: Position): number {
  const { segments, index } = indexOf(roads);
  const mx = 111_195 * Math.cos((p[1] * Math.PI) / 180);
  const my = 111_195;
  let best = Infinity;
  // The 8 segments nearest by bounding box, and all within ~3 km.
  const near = new Set([
    ...index.neighbors(p[0], p[1], 8),
    ...index.search(p[0] - 0.04, p[1] - 0.03, p[0] + 0.04, p[1] + 0.03),
  ]);
  for (const k of near) {
    const { a, b } = segments[k];
    const [ax, ay] = [(a[0] - p[0]) * mx, (a[1] - p[1]) * my];
    const [bx, by] = [(b[0] - p[0]) * mx, (b[1] - p[1]) * my];
    const [dx, dy] = [bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/** Pairs of edges whose segments cross at a point that is not a shared node. */
function properCrossings(roads: readonly DemoRoad[]): [number, number][] {
  const { segments, index } = indexOf(roads);
  const found: [number, number][] = [];
  segments.forEach((s, i) => {
    const hits = index.search(
      Math.min(s.a[0], s.b[0]),
      Math.min(s.a[1], s.b[1]),
      Math.max(s.a[0], s.b[0]),
      Math.max(s.a[1], s.b[1]),
    );
    for (const j of hits) {
      const o = segments[j];
      if (j <= i || o.edge === s.edge) continue;
      const d = (s.b[0] - s.a[0]) * (o.b[1] - o.a[1]) - (s.b[1] - s.a[1]) * (o.b[0] - o.a[0]);
      if (d === 0) continue;
      const t = ((o.a[0] - s.a[0]) * (o.b[1] - o.a[1]) - (o.a[1] - s.a[1]) * (o.b[0] - o.a[0])) / d;
      const u = ((o.a[0] - s.a[0]) * (s.b[1] - s.a[1]) - (o.a[1] - s.a[1]) * (s.b[0] - s.a[0])) / d;
      if (t > 1e-9 && t < 1 - 1e-9 && u > 1e-9 && u < 1 - 1e-9) found.push([s.edge, o.edge]);
    }
  });
  return found;
}
