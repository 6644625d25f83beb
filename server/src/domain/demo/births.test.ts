import { describe, expect, it } from 'vitest';
import { BIRTH_YEARS } from './births';
import { generateTerritory } from './index';

const territory = generateTerritory();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('demo births and childminder ages', () => {
  it('gives every commune its births of 2016-2024', () => {
    for (const c of territory.communes) expect(c.births.map((b) => b.year)).toEqual(BIRTH_YEARS);
  });

  it('makes children under 3 about the births of the three previous years', () => {
    const births = (year: number) =>
      sum(territory.communes.map((c) => c.births.find((b) => b.year === year)!.births));
    for (const [y, year] of territory.years.entries()) {
      const children = sum(territory.communes.map((c) => c.population[y].childrenUnder3));
      const ratio = children / (births(year - 1) + births(year - 2) + births(year - 3));
      expect(ratio).toBeGreaterThan(0.93);
      expect(ratio).toBeLessThan(1.07);
    }
    // Births fall as French births did.
    expect(births(2024)).toBeLessThan(0.9 * births(2016));
  });

  it('gives childminders the ages of the profession, none starting before 21', () => {
    const activeIn2024 = territory.childminders.filter(
      (a) => a.active && a.startedYear <= 2024 && a.endedYear === null,
    );
    const ages = activeIn2024.map((a) => 2024 - a.birthYear);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(21);
    expect(Math.max(...ages)).toBeLessThanOrEqual(67);
    const fiftyOrMore = ages.filter((age) => age >= 50).length / ages.length;
    expect(fiftyOrMore).toBeGreaterThan(0.35);
    expect(fiftyOrMore).toBeLessThan(0.55);
    for (const a of territory.childminders)
      expect(a.startedYear - a.birthYear).toBeGreaterThanOrEqual(21);
  });
});
