import realCommunes from '@etalab/decoupage-administratif/data/communes.json';
import realDepartements from '@etalab/decoupage-administratif/data/departements.json';
import realEpcis from '@etalab/decoupage-administratif/data/epci.json';
import { describe, expect, it } from 'vitest';
import { generateTerritory, resolveOptions } from './index';
import { populationIn } from './test/territory-facts';

const territory = generateTerritory();
const years = [2019, 2020, 2021, 2022, 2023, 2024];
const total = (year: number) =>
  territory.communes.reduce((s, c) => s + populationIn(c, year).total, 0);
const children = (year: number) =>
  territory.communes.reduce((s, c) => s + populationIn(c, year).childrenUnder3, 0);

describe('generateTerritory is deterministic', () => {
  it('gives deep-equal territories for the same seed', () => {
    expect(generateTerritory({ seed: 7 })).toEqual(generateTerritory({ seed: 7 }));
  });

  it('uses seed 42 by default', () => {
    expect(territory.seed).toBe(42);
    expect(generateTerritory({ seed: 42 }).communes.map((c) => c.name)).toEqual(
      territory.communes.map((c) => c.name),
    );
  });

  it('gives another territory for another seed', () => {
    const other = generateTerritory({ seed: 43 });
    expect(other.communes.map((c) => c.name)).not.toEqual(territory.communes.map((c) => c.name));
    expect(other.communes[0].geometry).not.toEqual(territory.communes[0].geometry);
    expect(other.roads.length).not.toBe(0);
  });
});

describe('the default demo territory (seed 42)', () => {
  it('is one département Z1 of 280 communes over 2019-2024', () => {
    expect(territory.years).toEqual(years);
    expect(territory.departements).toHaveLength(1);
    expect(territory.departements[0].code).toBe('Z1');
    expect(territory.communes).toHaveLength(280);
    for (const c of territory.communes) expect(c.population.map((p) => p.year)).toEqual(years);
  });

  it('has 12 to 18 EPCI, the prefecture in a CA, most others CC', () => {
    const { epcis } = territory;
    expect(epcis.length).toBeGreaterThanOrEqual(12);
    expect(epcis.length).toBeLessThanOrEqual(18);
    const prefecture = territory.communes.find(
      (c) => c.code === territory.departements[0].prefectureCode,
    )!;
    expect(epcis.find((e) => e.code === prefecture.epciCode)!.kind).toBe('CA');
    expect(epcis.filter((e) => e.kind === 'CC').length).toBeGreaterThanOrEqual(epcis.length - 2);
    // Every EPCI has communes, every commune an existing EPCI.
    const codes = new Set(epcis.map((e) => e.code));
    for (const c of territory.communes) expect(codes.has(c.epciCode)).toBe(true);
    for (const e of epcis) expect(territory.communes.some((c) => c.epciCode === e.code)).toBe(true);
  });

  it('holds about 300,000 inhabitants every year', () => {
    for (const year of years) {
      expect(total(year)).toBeGreaterThan(270_000);
      expect(total(year)).toBeLessThan(330_000);
    }
  });

  it('has a prefecture of 50-70k, a few towns of 5-20k and mostly villages of 100-1,500', () => {
    const prefecture = territory.communes.find(
      (c) => c.code === territory.departements[0].prefectureCode,
    )!;
    for (const year of years) {
      expect(populationIn(prefecture, year).total).toBeGreaterThanOrEqual(50_000);
      expect(populationIn(prefecture, year).total).toBeLessThanOrEqual(70_000);
    }
    const sizes = territory.communes.map((c) => populationIn(c, 2024).total);
    expect(Math.max(...sizes)).toBe(populationIn(prefecture, 2024).total);
    const towns = sizes.filter((p) => p >= 5_000 && p <= 20_000).length;
    expect(towns).toBeGreaterThanOrEqual(3);
    expect(towns).toBeLessThanOrEqual(12);
    expect(sizes.filter((p) => p >= 100 && p <= 1_500).length / sizes.length).toBeGreaterThan(0.7);
  });

  it('has about 2.7% of children under 3, varying from commune to commune', () => {
    for (const year of years) {
      expect(children(year) / total(year)).toBeGreaterThan(0.024);
      expect(children(year) / total(year)).toBeLessThan(0.03);
    }
    const shares = territory.communes
      .map((c) => populationIn(c, 2024))
      .filter((p) => p.total >= 1_000)
      .map((p) => p.childrenUnder3 / p.total);
    expect(Math.min(...shares)).toBeGreaterThan(0.017);
    expect(Math.max(...shares)).toBeLessThan(0.038);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.008);
  });

  it('moves over the years: fewer children, fluctuating villages, growing suburbs', () => {
    expect(children(2024)).toBeLessThan(children(2019) * 0.95);
    const change = territory.communes.map(
      (c) => populationIn(c, 2024).total / populationIn(c, 2019).total,
    );
    expect(change.filter((r) => r > 1.05).length).toBeGreaterThanOrEqual(3);
    expect(change.filter((r) => r < 0.97).length).toBeGreaterThanOrEqual(10);
    const villageSeries = territory.communes.find(
      (c) => populationIn(c, 2019).total < 500,
    )!.population;
    expect(new Set(villageSeries.map((p) => p.total)).size).toBeGreaterThan(1);
  });

  it('names communes uniquely, with French compounds, and EPCI after their kind', () => {
    const names = territory.communes.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => n.startsWith('Saint-') || n.startsWith('Sainte-'))).toBe(true);
    expect(names.some((n) => n.includes('-sur-'))).toBe(true);
    for (const e of territory.epcis) {
      expect(e.name).toMatch(e.kind === 'CA' ? /agglomération/i : /^Communauté de communes /);
    }
    expect(new Set(territory.epcis.map((e) => e.name)).size).toBe(territory.epcis.length);
  });

  it('numbers communes in alphabetical order, as INSEE did', () => {
    const key = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    const keys = territory.communes.map((c) => key(c.name));
    expect(keys).toEqual([...keys].sort());
    expect(territory.communes[0].code).toBe('Z1001');
    expect(territory.communes[279].code).toBe('Z1280');
  });
});

describe('fictional codes', () => {
  it('follow the fictional patterns: Z1 + 3 digits, SIREN 000001 + 3 digits, stable ids', () => {
    for (const c of territory.communes) expect(c.code).toMatch(/^Z1\d{3}$/);
    for (const e of territory.epcis) expect(e.code).toMatch(/^000001\d{3}$/);
    expect(territory.epcis[0].code).toBe('000001001');
    expect(territory.eaje[0].id).toBe('Z1-EAJE-0001');
    expect(territory.mams[0].id).toBe('Z1-MAM-0001');
    expect(territory.childminders[0].id).toBe('Z1-AM-0001');
    for (const list of [territory.eaje, territory.mams, territory.childminders]) {
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
    }
  });

  it('never collide with a real commune, EPCI or département code (COG, @etalab/decoupage-administratif)', () => {
    const real = new Set(
      [...realCommunes, ...realEpcis, ...realDepartements].map((x: { code: string }) => x.code),
    );
    expect(real.size).toBeGreaterThan(30_000);
    for (const c of territory.communes) expect(real.has(c.code)).toBe(false);
    for (const e of territory.epcis) expect(real.has(e.code)).toBe(false);
    expect(real.has('Z1')).toBe(false);
  });
});

describe('options', () => {
  it('default to seed 42, 280 communes and 7 active childminders per commune', () => {
    expect(resolveOptions()).toEqual({ seed: 42, communes: 280, childminders: 1960 });
    expect(resolveOptions({ communes: 100 })).toEqual({
      seed: 42,
      communes: 100,
      childminders: 700,
    });
  });

  it('reject what cannot be generated, naming the option', () => {
    expect(() => generateTerritory({ communes: 0 })).toThrow(/Invalid option communes/);
    expect(() => generateTerritory({ communes: 12.5 })).toThrow(/Invalid option communes/);
    expect(() => generateTerritory({ communes: 200_000 })).toThrow(/Invalid option communes/);
    expect(() => generateTerritory({ childminders: -1 })).toThrow(/Invalid option childminders/);
    expect(() => generateTerritory({ seed: Number.NaN })).toThrow(/Invalid option seed/);
  });

  it('still builds a tiny territory (12 communes) with a prefecture, an EPCI and roads', () => {
    const tiny = generateTerritory({ communes: 12, childminders: 30, seed: 3 });
    expect(tiny.communes).toHaveLength(12);
    expect(tiny.epcis.length).toBeGreaterThanOrEqual(1);
    expect(tiny.childminders.filter((a) => a.active)).toHaveLength(30);
    expect(tiny.roads.length).toBeGreaterThanOrEqual(11);
  });
});
