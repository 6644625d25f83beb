import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { demandCellId, demandCells, generateTerritory } from './index';
import { fromLambert93 } from './lambert93';

const territory = generateTerritory();
const cells = demandCells(territory);
const byCommune = new Map<string, typeof cells>();
for (const c of cells) {
  const list = byCommune.get(c.communeCode) ?? [];
  list.push(c);
  byCommune.set(c.communeCode, list);
}

describe('the demand grid of the demo (where its children live)', () => {
  it('gives every commune cells whose shares add up to 1, weights to its inhabitants', () => {
    expect(byCommune.size).toBe(territory.communes.length);
    for (const commune of territory.communes) {
      const own = byCommune.get(commune.code)!;
      expect(Math.abs(own.reduce((s, c) => s + c.share, 0) - 1)).toBeLessThan(1e-9);
      for (const c of own)
        expect(c.share).toBeCloseTo(c.weight / own.reduce((s, x) => s + x.weight, 0), 12);
      // Weights are the commune's inhabitants (latest year), rounded cell by cell.
      const total = commune.population[commune.population.length - 1].total;
      expect(Math.abs(own.reduce((s, c) => s + c.weight, 0) / total - 1)).toBeLessThan(0.02);
    }
  });

  it('is not uniform: people live in a few places of each commune', () => {
    // About a tenth of the land holds people (10,000 to 20,000 cells of 4 ha over ~6,000 km²).
    expect(cells.length).toBeGreaterThan(10_000);
    expect(cells.length).toBeLessThan(20_000);
    const topFifth: number[] = [];
    for (const commune of territory.communes) {
      const own = byCommune
        .get(commune.code)!
        .map((c) => c.share)
        .sort((a, b) => b - a);
      const areaCells = turf.area(commune.geometry) / 40_000;
      expect(own.length).toBeLessThan(areaCells);
      topFifth.push(own.slice(0, Math.ceil(own.length / 5)).reduce((s, v) => s + v, 0));
    }
    // The densest fifth of a commune's cells hold half of its people or more (uniform: a fifth).
    topFifth.sort((a, b) => a - b);
    expect(topFifth[Math.floor(topFifth.length / 2)]).toBeGreaterThan(0.5);
    expect(topFifth[0]).toBeGreaterThan(0.3);
  });

  it('puts cells in their commune (the centre of nearly all inside it, every one touching it)', () => {
    const polygons = new Map(
      territory.communes.map((c) => [c.code, turf.multiPolygon(c.geometry.coordinates)]),
    );
    let centreOutside = 0;
    for (const c of cells) {
      const commune = polygons.get(c.communeCode)!;
      if (!turf.booleanPointInPolygon(c.centroid, commune)) centreOutside++;
      expect(turf.booleanIntersects(turf.polygon([c.ring]), commune)).toBe(true);
    }
    expect(centreOutside / cells.length).toBeLessThan(0.01);
  });

  it('lays 200 m squares of Lambert-93, named as INSEE names its cells', () => {
    expect(territory.demand.srid).toBe(2154);
    for (const c of cells.slice(0, 500)) {
      const m = c.cellId.match(/^CRS2154RES200mN(-?\d{7})E(-?\d{7})$/)!;
      expect(m).not.toBeNull();
      const [n, e] = [Number(m[1]), Number(m[2])];
      expect(n % 200).toBe(0);
      expect(e % 200).toBe(0);
      const corners = [
        [e, n],
        [e + 200, n],
        [e + 200, n + 200],
        [e, n + 200],
        [e, n],
      ].map(([x, y]) => fromLambert93(x, y));
      c.ring.forEach((p, k) => {
        expect(p[0]).toBeCloseTo(corners[k][0], 6);
        expect(p[1]).toBeCloseTo(corners[k][1], 6);
      });
      // About 4 ha each (Lambert-93's scale is within 0.1% of true here).
      expect(Math.abs(turf.area(turf.polygon([c.ring])) / 40_000 - 1)).toBeLessThan(0.005);
    }
    expect(demandCellId(123, 32_000)).toBe('CRS2154RES200mN6400000E0024600');
    expect(demandCellId(-5, 34_000)).toBe('CRS2154RES200mN6800000E-0001000');
    expect(new Set(cells.map((c) => `${c.cellId}/${c.communeCode}`)).size).toBe(cells.length);
  });
});
