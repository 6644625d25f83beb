import { describe, expect, it } from 'vitest';
import { coverage, sumInputs, type CoverageInput } from './index';

const none: Omit<CoverageInput, 'childrenUnder3'> = {
  placesEajePsu: 0,
  placesEajeHorsPsu: 0,
  placesAmHome: 0,
  placesAmMam: 0,
  placesHomeCare: 0,
  placesPreschool: 0,
};
// A village: 25 children, 20 places → 80. A town: 475 children, 95 places → 20.
const village: CoverageInput = { ...none, childrenUnder3: 25, placesEajePsu: 20 };
const town: CoverageInput = { ...none, childrenUnder3: 475, placesEajePsu: 95 };

describe('aggregating communes into an EPCI or a département', () => {
  it('sums places mode by mode and children', () => {
    const sum = sumInputs([
      {
        childrenUnder3: 40,
        placesEajePsu: 10,
        placesEajeHorsPsu: 2,
        placesAmHome: 12,
        placesAmMam: 4,
        placesHomeCare: 1,
        placesPreschool: 2,
      },
      {
        childrenUnder3: 60,
        placesEajePsu: 5,
        placesEajeHorsPsu: 0,
        placesAmHome: 20,
        placesAmMam: 8,
        placesHomeCare: 0,
        placesPreschool: 3,
      },
    ]);
    expect(sum).toEqual({
      childrenUnder3: 100,
      placesEajePsu: 15,
      placesEajeHorsPsu: 2,
      placesAmHome: 32,
      placesAmMam: 12,
      placesHomeCare: 1,
      placesPreschool: 5,
      parts: 2,
      partsWithoutPopulation: 0,
    });
    // 15 + 2 + (32 + 12) × 0.81 + 1 + 5 = 58.64 places for 100 children
    expect(coverage(sum).rate).toBeCloseTo(58.64, 12);
  });

  it('weighs every child the same: a village at 80 and a town at 20 make 23, not the average 50', () => {
    const v = coverage(village).rate!;
    const t = coverage(town).rate!;
    expect(v).toBe(80); // 100 × 20 / 25
    expect(t).toBe(20); // 100 × 95 / 475
    const epci = coverage(sumInputs([village, town]));
    expect(epci.rate).toBe(23); // 100 × (20 + 95) / (25 + 475) = 100 × 115 / 500
    expect((v + t) / 2).toBe(50); // what averaging the rates would wrongly say
  });

  it('keeps children null only when every part is null', () => {
    const a = sumInputs([
      { ...town, childrenUnder3: null },
      { ...village, childrenUnder3: null },
    ]);
    expect(a.childrenUnder3).toBeNull();
    expect(a.partsWithoutPopulation).toBe(2);
    expect(coverage(a).rate).toBeNull();
    expect(a.placesEajePsu).toBe(115); // places are still summed
  });

  it('sums the known children and counts the parts without population (the rate is then overstated)', () => {
    const a = sumInputs([town, { ...village, childrenUnder3: null }]);
    expect(a.childrenUnder3).toBe(475);
    expect(a).toMatchObject({ parts: 2, partsWithoutPopulation: 1 });
  });

  it('sums zero children to 0, not null', () => {
    expect(
      sumInputs([
        { ...none, childrenUnder3: 0 },
        { ...none, childrenUnder3: null },
      ]).childrenUnder3,
    ).toBe(0);
  });

  it('an empty list sums to no place and unknown children', () => {
    expect(sumInputs([])).toEqual({
      ...none,
      childrenUnder3: null,
      parts: 0,
      partsWithoutPopulation: 0,
    });
  });

  it('refuses an invalid part, saying which one', () => {
    expect(() => sumInputs([town, { ...village, placesAmMam: -2 }])).toThrow(
      'Invalid input #1: placesAmMam',
    );
  });
});
