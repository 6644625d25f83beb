import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateTerritory } from './index';
import { OCEAN_BBOX } from './layout';
import { METROPOLITAN_FRANCE_OUTLINE } from './test/france-outline';
import { adjacencyFromGeometry, isConnected } from './test/territory-facts';

describe('a large benchmark territory (3,000 communes, 20,000 AM)', () => {
  const started = performance.now();
  const territory = generateTerritory({ communes: 3_000, childminders: 20_000, seed: 9 });
  const elapsedMs = performance.now() - started;

  it('is generated in a few seconds', () => {
    // ~2 s on a laptop; generous for slow CI machines.
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('splits into 4 départements Z1-Z4 of at most 999 communes, with unique codes', () => {
    expect(territory.departements.map((d) => d.code)).toEqual(['Z1', 'Z2', 'Z3', 'Z4']);
    expect(territory.communes).toHaveLength(3_000);
    for (const d of territory.departements) {
      const communes = territory.communes.filter((c) => c.departementCode === d.code);
      expect(communes.length).toBe(750);
      for (const c of communes) expect(c.code.startsWith(d.code)).toBe(true);
      expect(communes.some((c) => c.code === d.prefectureCode)).toBe(true);
    }
    expect(new Set(territory.departements.map((d) => d.name)).size).toBe(4);
    for (const list of [
      territory.communes.map((c) => c.code),
      territory.epcis.map((e) => e.code),
    ]) {
      expect(new Set(list).size).toBe(list.length);
    }
    for (const e of territory.epcis) expect(e.code).toMatch(/^000(00[1-4])\d{3}$/);
  });

  it('places exactly 20,000 active AM and gives every facility a unique id', () => {
    expect(territory.childminders.filter((a) => a.active)).toHaveLength(20_000);
    for (const list of [territory.eaje, territory.mams, territory.childminders]) {
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
    }
    expect(territory.childminders.map((a) => a.id)).toContain('Z4-AM-0001');
  });

  it('keeps départements apart in the ocean west of France, each in one piece', () => {
    const boxes = territory.departements.map((d) => turf.bbox(d.geometry));
    for (const [w, s, e, n] of boxes) {
      expect(w).toBeGreaterThan(OCEAN_BBOX.west);
      expect(e).toBeLessThan(OCEAN_BBOX.east);
      expect(s).toBeGreaterThan(OCEAN_BBOX.south);
      expect(n).toBeLessThan(OCEAN_BBOX.north);
    }
    const france = turf.polygon(METROPOLITAN_FRANCE_OUTLINE.coordinates);
    for (const d of territory.departements) {
      expect(turf.booleanIntersects(d.geometry, france)).toBe(false);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(
          turf.booleanIntersects(
            territory.departements[i].geometry,
            territory.departements[j].geometry,
          ),
        ).toBe(false);
      }
    }
    const adjacency = adjacencyFromGeometry(territory.communes);
    for (const d of territory.departements) {
      const codes = territory.communes
        .filter((c) => c.departementCode === d.code)
        .map((c) => c.code);
      expect(isConnected(codes, adjacency)).toBe(true);
    }
  });

  it('links the départements into one road graph, a node id never used at two places', () => {
    const next = new Map<number, number[]>();
    const position = new Map<number, string>();
    const at = (id: number, p: number[]) => {
      const key = p.join(',');
      expect(position.get(id) ?? key).toBe(key);
      position.set(id, key);
    };
    for (const r of territory.roads) {
      at(r.source, r.coordinates[0]);
      at(r.target, r.coordinates[r.coordinates.length - 1]);
      if (!next.has(r.source)) next.set(r.source, []);
      if (!next.has(r.target)) next.set(r.target, []);
      next.get(r.source)!.push(r.target);
      next.get(r.target)!.push(r.source);
    }
    const seen = new Set([territory.roads[0].source]);
    const stack = [territory.roads[0].source];
    while (stack.length > 0) {
      for (const n of next.get(stack.pop()!)!) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    expect(seen.size).toBe(next.size);
    // Each département's chefs-lieux and streets: many more nodes than communes.
    expect(next.size).toBeGreaterThan(10 * 3_000);
  });
});
