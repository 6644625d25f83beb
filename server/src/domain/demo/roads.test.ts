import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateTerritory } from './index';
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

  it('has a hierarchy: a few nationales, more départementales, mostly communales, with their speeds', () => {
    const byClass = (cls: string) => territory.roads.filter((r) => r.roadClass === cls);
    const [n, d, c] = [byClass('nationale'), byClass('departementale'), byClass('communale')];
    expect(n.length).toBeGreaterThan(10);
    expect(d.length).toBeGreaterThan(n.length);
    expect(c.length).toBeGreaterThan(d.length);
    expect(n.length + d.length + c.length).toBe(territory.roads.length);
    expect(new Set(n.map((r) => r.speedKmh))).toEqual(new Set([80]));
    expect(new Set(d.map((r) => r.speedKmh))).toEqual(new Set([70]));
    expect(new Set(c.map((r) => r.speedKmh))).toEqual(new Set([50]));
    expect(territory.roads.every((r) => r.oneway === false)).toBe(true);
  });

  it('connects the prefecture to the towns by nationales', () => {
    const prefectureNode = inCommune.get(territory.departements[0].prefectureCode)![0];
    const nationales = territory.roads.filter((r) => r.roadClass === 'nationale');
    expect(nationales.some((r) => r.source === prefectureNode || r.target === prefectureNode)).toBe(
      true,
    );
    // The nationales alone form one network around the prefecture.
    const reached = reachable(nationales, prefectureNode);
    const nationalNodes = new Set(nationales.flatMap((r) => [r.source, r.target]));
    expect(reached.size).toBe(nationalNodes.size);
  });

  it('gives each edge its geodesic length (turf length, within 0.1 m) and ids from 1', () => {
    expect(territory.roads.map((r) => r.id)).toEqual(territory.roads.map((_, i) => i + 1));
    for (const r of territory.roads) {
      expect(
        Math.abs(turf.length(turf.lineString(r.coordinates), { units: 'meters' }) - r.lengthM),
      ).toBeLessThan(0.1);
    }
    const lengthsKm = territory.roads.map((r) => r.lengthM / 1000);
    // Neighbouring villages are a few kilometres apart.
    const mean = lengthsKm.reduce((s, v) => s + v, 0) / lengthsKm.length;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(8);
  });

  it('draws roads with bends, not straight spokes', () => {
    for (const r of territory.roads) expect(r.coordinates.length).toBeGreaterThanOrEqual(4);
    const sinuosity = territory.roads.map((r) => {
      const chord = turf.distance(r.coordinates[0], r.coordinates[r.coordinates.length - 1], {
        units: 'meters',
      });
      return r.lengthM / chord;
    });
    expect(sinuosity.every((s) => s >= 1 && s < 1.2)).toBe(true);
    expect(sinuosity.filter((s) => s > 1.002).length / sinuosity.length).toBeGreaterThan(0.9);
  });

  it('shares nodes where edges meet (a node has on average 2 to 4 edges)', () => {
    const degree = new Map<number, number>();
    for (const r of territory.roads) {
      degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
      degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
    }
    const mean = [...degree.values()].reduce((s, v) => s + v, 0) / degree.size;
    expect(degree.size).toBe(territory.communes.length);
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(4);
  });
});
