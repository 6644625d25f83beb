import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateTerritory } from './index';
import { coverageRate, formalPlaces } from './test/territory-facts';

const territory = generateTerritory();
const allCodes = territory.communes.map((c) => c.code);
const byCode = new Map(territory.communes.map((c) => [c.code, c]));
const inside = (code: string, position: [number, number]) =>
  turf.booleanPointInPolygon(position, turf.multiPolygon(byCode.get(code)!.geometry.coordinates));

describe('coverage contrasts in 2024 (official rate computed here from the raw rows)', () => {
  const places = formalPlaces(territory, 2024);
  const rates = territory.epcis.map((e) =>
    coverageRate(
      territory,
      territory.communes.filter((c) => c.epciCode === e.code).map((c) => c.code),
      2024,
      places,
    ),
  );

  it('puts the département between 55 and 80 places per 100 children', () => {
    const rate = coverageRate(territory, allCodes, 2024, places);
    expect(rate).toBeGreaterThan(55);
    expect(rate).toBeLessThan(80);
  });

  it('has EPCI above 70 and EPCI below 40', () => {
    expect(Math.max(...rates)).toBeGreaterThan(70);
    expect(Math.min(...rates)).toBeLessThan(40);
  });

  it('has communes with no formal supply at all', () => {
    const withSupply = new Set([
      ...territory.eaje.map((e) => e.communeCode),
      ...territory.mams.map((m) => m.communeCode),
      ...territory.childminders.map((a) => a.communeCode),
      ...territory.supplyCounts.map((s) => s.communeCode),
    ]);
    const deserts = allCodes.filter((code) => !withSupply.has(code));
    expect(deserts.length).toBeGreaterThanOrEqual(5);
    expect(deserts.length).toBeLessThan(allCodes.length / 3);
  });

  it('moves between 2019 and 2024: fewer AM places, some crèches opened or closed', () => {
    expect(coverageRate(territory, allCodes, 2019)).not.toBeCloseTo(
      coverageRate(territory, allCodes, 2024),
      0,
    );
    expect(territory.eaje.some((e) => e.openedYear >= 2020 && e.openedYear <= 2024)).toBe(true);
    expect(territory.eaje.some((e) => e.closedYear !== null && e.closedYear <= 2024)).toBe(true);
    expect(territory.mams.some((m) => m.openedYear >= 2020)).toBe(true);
    expect(territory.childminders.some((a) => a.endedYear !== null)).toBe(true);
  });
});

describe('crèches (EAJE)', () => {
  it('keeps micro-crèches at 12 places or fewer and multi-accueil at 20-60', () => {
    const micro = territory.eaje.filter((e) => e.kind === 'micro_creche');
    const multi = territory.eaje.filter((e) => e.kind === 'multi_accueil');
    expect(micro.length).toBeGreaterThan(5);
    expect(multi.length).toBeGreaterThan(5);
    expect(Math.max(...micro.map((e) => e.places))).toBeLessThanOrEqual(12);
    expect(Math.min(...multi.map((e) => e.places))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...multi.map((e) => e.places))).toBeLessThanOrEqual(60);
  });

  it('mixes PSU and hors-PSU micro-crèches, PSU for the others', () => {
    const micro = territory.eaje.filter((e) => e.kind === 'micro_creche');
    expect(new Set(micro.map((e) => e.financing))).toEqual(new Set(['psu', 'hors_psu']));
    expect(
      territory.eaje.filter((e) => e.kind !== 'micro_creche').every((e) => e.financing === 'psu'),
    ).toBe(true);
    expect(new Set(territory.eaje.map((e) => e.managerKind))).toEqual(
      new Set(['public', 'associatif', 'prive']),
    );
  });

  it('sits mostly in the prefecture and towns, inside its commune', () => {
    const big = territory.eaje.filter(
      (e) => byCode.get(e.communeCode)!.population[5].total >= 5_000,
    );
    expect(big.length / territory.eaje.length).toBeGreaterThan(0.6);
    for (const e of territory.eaje) expect(inside(e.communeCode, e.position)).toBe(true);
    for (const e of territory.eaje)
      expect(e.closedYear === null || e.closedYear > e.openedYear).toBe(true);
  });
});

describe('childminders (AM) and MAM', () => {
  const active = territory.childminders.filter((a) => a.active);

  it('has 1,960 active AM with 1 to 4 places each, plus some inactive ones', () => {
    expect(active).toHaveLength(1960);
    const inactive = territory.childminders.filter((a) => !a.active);
    expect(inactive.length).toBeGreaterThan(50);
    expect(inactive.every((a) => a.mamId === null)).toBe(true);
    expect(
      territory.childminders.every((a) => a.agreementPlaces >= 1 && a.agreementPlaces <= 4),
    ).toBe(true);
    expect(
      territory.childminders.every((a) => a.endedYear === null || a.endedYear > a.startedYear),
    ).toBe(true);
  });

  it('places every AM inside its commune polygon', () => {
    const outside = territory.childminders.filter((a) => !inside(a.communeCode, a.position));
    expect(outside).toEqual([]);
  });

  it('has 30 to 60 MAM of 2 to 6 AM (the rule since 2021), whose places and count are their members’', () => {
    expect(territory.mams.length).toBeGreaterThanOrEqual(30);
    expect(territory.mams.length).toBeLessThanOrEqual(60);
    // MAM of 5 and 6 AM exist, as the law now allows, and never hold more than 20 children.
    expect(territory.mams.filter((m) => m.childminderCount === 5).length).toBeGreaterThan(0);
    expect(territory.mams.filter((m) => m.childminderCount === 6).length).toBeGreaterThan(0);
    for (const m of territory.mams) {
      const members = territory.childminders.filter((a) => a.mamId === m.id);
      expect(members.length).toBe(m.childminderCount);
      expect(m.childminderCount).toBeGreaterThanOrEqual(2);
      expect(m.childminderCount).toBeLessThanOrEqual(6);
      expect(m.places).toBe(members.reduce((s, a) => s + a.agreementPlaces, 0));
      expect(m.places).toBeLessThanOrEqual(20);
      for (const a of members) expect(a.agreementPlaces).toBeGreaterThanOrEqual(3);
      for (const a of members) {
        expect(a.position).toEqual(m.position);
        expect(a.communeCode).toBe(m.communeCode);
        expect(a.active).toBe(true);
        expect([a.startedYear, a.endedYear]).toEqual([m.openedYear, m.closedYear]);
      }
    }
    const mamIds = new Set(territory.mams.map((m) => m.id));
    expect(territory.childminders.every((a) => a.mamId === null || mamIds.has(a.mamId))).toBe(true);
  });
});

describe('home care and preschool counts', () => {
  it('are small positive numbers, mostly in towns, for 2019-2024', () => {
    expect(territory.supplyCounts.length).toBeGreaterThan(50);
    for (const s of territory.supplyCounts) {
      expect(s.places).toBeGreaterThan(0);
      expect(s.places).toBeLessThan(200);
      expect(s.year >= 2019 && s.year <= 2024).toBe(true);
      expect(byCode.has(s.communeCode)).toBe(true);
    }
    const modes = new Set(territory.supplyCounts.map((s) => s.mode));
    expect(modes).toEqual(new Set(['garde_domicile', 'prescolarisation']));
    const inTowns = territory.supplyCounts
      .filter((s) => byCode.get(s.communeCode)!.population[5].total >= 5_000)
      .reduce((sum, s) => sum + s.places, 0);
    const all = territory.supplyCounts.reduce((sum, s) => sum + s.places, 0);
    expect(inTowns / all).toBeGreaterThan(0.5);
  });
});
