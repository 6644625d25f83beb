import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateTerritory } from './index';
import {
  adjacencyFromGeometry,
  coverageRate,
  formalPlaces,
  isConnected,
} from './test/territory-facts';

// The demo's promises must not depend on seed 42 being lucky.
describe.each([1, 2, 3, 13, 29, 1234])('with seed %i', (seed) => {
  const t = generateTerritory({ seed });

  it('keeps counts and totals in range', () => {
    expect(t.communes).toHaveLength(280);
    expect(t.epcis.length).toBeGreaterThanOrEqual(12);
    expect(t.epcis.length).toBeLessThanOrEqual(18);
    const population = t.communes.reduce((s, c) => s + c.population[5].total, 0);
    expect(population).toBeGreaterThan(270_000);
    expect(population).toBeLessThan(330_000);
    expect(t.mams.length).toBeGreaterThanOrEqual(30);
    expect(t.mams.length).toBeLessThanOrEqual(60);
    expect(t.childminders.filter((a) => a.active)).toHaveLength(1960);
  });

  it('shows coverage contrasts: an EPCI above 70, one below 40, the département in 55-80', () => {
    const places = formalPlaces(t, 2024);
    const rates = t.epcis.map((e) =>
      coverageRate(
        t,
        t.communes.filter((c) => c.epciCode === e.code).map((c) => c.code),
        2024,
        places,
      ),
    );
    expect(Math.max(...rates)).toBeGreaterThan(70);
    expect(Math.min(...rates)).toBeLessThan(40);
    const all = coverageRate(
      t,
      t.communes.map((c) => c.code),
      2024,
      places,
    );
    expect(all).toBeGreaterThan(55);
    expect(all).toBeLessThan(80);
  });

  it('keeps geometries valid and EPCI contiguous', () => {
    for (const g of [...t.communes, ...t.epcis, ...t.departements].map((x) => x.geometry)) {
      expect(g.coordinates).toHaveLength(1);
      expect(turf.kinks(turf.multiPolygon(g.coordinates)).features).toHaveLength(0);
    }
    const sum = t.communes.reduce((s, c) => s + turf.area(c.geometry), 0);
    expect(Math.abs(sum / turf.area(t.departements[0].geometry) - 1)).toBeLessThan(0.01);
    const adjacency = adjacencyFromGeometry(t.communes);
    for (const e of t.epcis) {
      const members = t.communes.filter((c) => c.epciCode === e.code).map((c) => c.code);
      expect(isConnected(members, adjacency)).toBe(true);
    }
  });
});
