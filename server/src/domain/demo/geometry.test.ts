import * as turf from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generateTerritory } from './index';
import { adjacencyFromGeometry, isConnected } from './test/territory-facts';

const territory = generateTerritory();
const [departement] = territory.departements;
const areaM2 = (g: MultiPolygon) => turf.area(g);
const adjacency = adjacencyFromGeometry(territory.communes);

describe('geometries of the demo territory', () => {
  it('places the département at sea in the Bay of Biscay, around 45.8°N 5.0°W', () => {
    const [minLon, minLat, maxLon, maxLat] = turf.bbox(departement.geometry);
    expect(minLon).toBeGreaterThan(-6.3);
    expect(maxLon).toBeLessThan(-3.7);
    expect(minLat).toBeGreaterThan(45.0);
    expect(maxLat).toBeLessThan(46.6);
    // A rural département: 4,000 to 8,000 km², communes of ~20 km² on average.
    expect(areaM2(departement.geometry) / 1e6).toBeGreaterThan(4_000);
    expect(areaM2(departement.geometry) / 1e6).toBeLessThan(8_000);
  });

  it('draws every commune, EPCI and the département as one polygon without self-intersection', () => {
    for (const g of [...territory.communes, ...territory.epcis, departement].map(
      (x) => x.geometry,
    )) {
      expect(g.type).toBe('MultiPolygon');
      expect(g.coordinates).toHaveLength(1);
      expect(turf.kinks(turf.multiPolygon(g.coordinates)).features).toHaveLength(0);
    }
    // The département has no hole; communes are simple rings.
    expect(departement.geometry.coordinates[0]).toHaveLength(1);
    for (const c of territory.communes) expect(c.geometry.coordinates[0]).toHaveLength(1);
  });

  it('closes rings, winds outer rings counter-clockwise (RFC 7946) and rounds to 6 decimals', () => {
    for (const c of territory.communes) {
      const ring = c.geometry.coordinates[0][0];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      expect(turf.booleanClockwise(ring)).toBe(false);
    }
    const coordinates = territory.communes.flatMap((c) => c.geometry.coordinates.flat(2));
    expect(
      coordinates.filter(
        ([lon, lat]) => Math.round(lon * 1e6) / 1e6 !== lon || Math.round(lat * 1e6) / 1e6 !== lat,
      ),
    ).toEqual([]);
    expect(turf.booleanClockwise(departement.geometry.coordinates[0][0])).toBe(false);
  });

  it('tiles the département with communes, without gap or overlap (areas sum within 1%)', () => {
    const sum = territory.communes.reduce((s, c) => s + areaM2(c.geometry), 0);
    expect(Math.abs(sum / areaM2(departement.geometry) - 1)).toBeLessThan(0.01);
    const epciSum = territory.epcis.reduce((s, e) => s + areaM2(e.geometry), 0);
    expect(Math.abs(epciSum / areaM2(departement.geometry) - 1)).toBeLessThan(0.01);
  });

  it('lets neighbouring communes touch along a border without overlapping (sampled with turf)', () => {
    const byCode = new Map(territory.communes.map((c) => [c.code, c]));
    for (const c of territory.communes.slice(0, 20)) {
      for (const code of adjacency.get(c.code)!) {
        const other = byCode.get(code)!;
        expect(turf.booleanIntersects(c.geometry, other.geometry)).toBe(true);
        const overlap = turf.intersect(
          turf.featureCollection([turf.feature(c.geometry), turf.feature(other.geometry)]),
        );
        expect(overlap === null ? 0 : turf.area(overlap)).toBeLessThan(1);
      }
    }
  });

  it('varies commune sizes like a rural département (mean ~20 km², from a few to 50+)', () => {
    const sizes = territory.communes.map((c) => areaM2(c.geometry) / 1e6);
    const mean = sizes.reduce((s, v) => s + v, 0) / sizes.length;
    expect(mean).toBeGreaterThan(15);
    expect(mean).toBeLessThan(27);
    expect(Math.min(...sizes)).toBeLessThan(mean / 2);
    expect(Math.max(...sizes)).toBeGreaterThan(mean * 1.6);
  });
});

describe('contiguity, checked from the geometry alone', () => {
  it('gives every commune neighbours and keeps the département in one piece', () => {
    for (const c of territory.communes)
      expect(adjacency.get(c.code)!.size).toBeGreaterThanOrEqual(1);
    expect(
      isConnected(
        territory.communes.map((c) => c.code),
        adjacency,
      ),
    ).toBe(true);
  });

  it('makes each EPCI one connected set of communes', () => {
    for (const e of territory.epcis) {
      const members = territory.communes.filter((c) => c.epciCode === e.code).map((c) => c.code);
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(isConnected(members, adjacency)).toBe(true);
    }
  });

  it('draws each EPCI as the union of its communes (same area)', () => {
    for (const e of territory.epcis) {
      const members = territory.communes.filter((c) => c.epciCode === e.code);
      const sum = members.reduce((s, c) => s + areaM2(c.geometry), 0);
      expect(Math.abs(areaM2(e.geometry) / sum - 1)).toBeLessThan(1e-6);
    }
  });

  it('keeps the EPCI themselves contiguous: each borders another', () => {
    const epciOf = new Map(territory.communes.map((c) => [c.code, c.epciCode]));
    const epciAdjacency = new Map(territory.epcis.map((e) => [e.code, new Set<string>()]));
    for (const [code, neighbours] of adjacency) {
      for (const n of neighbours) {
        if (epciOf.get(n) !== epciOf.get(code))
          epciAdjacency.get(epciOf.get(code)!)!.add(epciOf.get(n)!);
      }
    }
    expect(
      isConnected(
        territory.epcis.map((e) => e.code),
        epciAdjacency,
      ),
    ).toBe(true);
  });
});
