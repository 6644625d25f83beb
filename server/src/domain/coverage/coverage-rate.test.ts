import { describe, expect, it } from 'vitest';
import { coverage, DEFAULT_AM_UNDER3_SHARE, type CoverageInput } from './index';

const none: Omit<CoverageInput, 'childrenUnder3'> = {
  placesEajePsu: 0,
  placesEajeHorsPsu: 0,
  placesAmHome: 0,
  placesAmMam: 0,
  placesHomeCare: 0,
  placesPreschool: 0,
};

/** 40 children; 10 + 2 EAJE, 12 AM at home, 4 AM in a MAM, 1 home care, 2 preschool. */
const commune: CoverageInput = {
  childrenUnder3: 40,
  placesEajePsu: 10,
  placesEajeHorsPsu: 2,
  placesAmHome: 12,
  placesAmMam: 4,
  placesHomeCare: 1,
  placesPreschool: 2,
};

describe('the official coverage rate of one territory', () => {
  it('counts AM places at 81% and the other modes in full (hand-checked: 27.96 places, 69.9 per 100)', () => {
    const c = coverage(commune);
    // AM home 12 × 0.81 = 9.72; AM in MAM 4 × 0.81 = 3.24
    // total = 10 + 2 + 9.72 + 3.24 + 1 + 2 = 27.96; rate = 100 × 27.96 / 40 = 69.9
    expect(c.places.eajePsu).toBe(10);
    expect(c.places.eajeHorsPsu).toBe(2);
    expect(c.places.amHome).toBeCloseTo(9.72, 12);
    expect(c.places.amMam).toBeCloseTo(3.24, 12);
    expect(c.places.homeCare).toBe(1);
    expect(c.places.preschool).toBe(2);
    expect(c.places.total).toBeCloseTo(27.96, 12);
    expect(c.rate).toBeCloseTo(69.9, 12);
    expect(c.childrenUnder3).toBe(40);
    expect(c.smallPopulation).toBe(false);
  });

  it('gives the rate of each mode, which add up to the total rate', () => {
    const { rateByMode } = coverage(commune);
    // 10/40, 2/40, 9.72/40, 3.24/40, 1/40, 2/40, per 100
    const expected = {
      eajePsu: 25,
      eajeHorsPsu: 5,
      amHome: 24.3,
      amMam: 8.1,
      homeCare: 2.5,
      preschool: 5,
      total: 69.9,
    };
    for (const [mode, value] of Object.entries(expected)) {
      expect(rateByMode[mode as keyof typeof expected], mode).toBeCloseTo(value, 12);
    }
  });

  it('does not round: 1 place for 3 children is 33.333…, not 33.3', () => {
    const c = coverage({ ...none, childrenUnder3: 3, placesEajePsu: 1 });
    expect(c.rate).toBe(100 / 3);
  });

  it('counts MAM places once, as AM places, with the same under-3 share', () => {
    // A MAM of 4 AM with 4 agreement places each = 16 AM places, nothing else.
    const c = coverage({ ...none, childrenUnder3: 50, placesAmMam: 16 });
    expect(c.places.amMam).toBeCloseTo(12.96, 12);
    expect(c.places.total).toBeCloseTo(12.96, 12);
    expect(c.rate).toBeCloseTo(25.92, 12);
  });

  it('uses a custom AM under-3 share when given (0.6 instead of 0.81)', () => {
    const input = { ...none, childrenUnder3: 100, placesAmHome: 50 };
    expect(DEFAULT_AM_UNDER3_SHARE).toBe(0.81);
    expect(coverage(input).rate).toBeCloseTo(40.5, 12); // 50 × 0.81
    expect(coverage(input, { amUnder3Share: 0.6 }).rate).toBeCloseTo(30, 12); // 50 × 0.6
    expect(coverage(input, { amUnder3Share: 1 }).rate).toBe(50);
  });

  it('can exceed 100: places are not children', () => {
    // 30 EAJE + 8 AM × 0.81 = 36.48 places for 30 children
    expect(
      coverage({ ...none, childrenUnder3: 30, placesEajePsu: 30, placesAmHome: 8 }).rate,
    ).toBeCloseTo(121.6, 12);
  });

  it('when a commune has no children under 3, its rate is null (not 0) and it is flagged', () => {
    const c = coverage({ ...commune, childrenUnder3: 0 });
    expect(c.rate).toBeNull();
    expect(Object.values(c.rateByMode).every((r) => r === null)).toBe(true);
    expect(c.smallPopulation).toBe(true);
    expect(c.places.total).toBeCloseTo(27.96, 12); // its places are still reported
  });

  it('when the population is unknown, the rate is null and the territory is not called small', () => {
    const c = coverage({ ...commune, childrenUnder3: null });
    expect(c.rate).toBeNull();
    expect(c.childrenUnder3).toBeNull();
    expect(c.smallPopulation).toBe(false);
  });

  it('a commune with children and no place at all has a real rate of 0', () => {
    const c = coverage({ ...none, childrenUnder3: 45 });
    expect(c.rate).toBe(0);
    expect(c.rateByMode.amHome).toBe(0);
  });

  it('flags fewer than 20 children as a small population (15 yes, 19.5 yes, 20 no)', () => {
    expect(coverage({ ...commune, childrenUnder3: 15 }).smallPopulation).toBe(true);
    expect(coverage({ ...commune, childrenUnder3: 19.5 }).smallPopulation).toBe(true);
    expect(coverage({ ...commune, childrenUnder3: 20 }).smallPopulation).toBe(false);
    // the rate is still computed: 27.96 / 15 per 100
    expect(coverage({ ...commune, childrenUnder3: 15 }).rate).toBeCloseTo(186.4, 12);
  });

  it('takes a custom small-population threshold', () => {
    expect(
      coverage({ ...commune, childrenUnder3: 40 }, { smallPopulationThreshold: 50 })
        .smallPopulation,
    ).toBe(true);
    expect(
      coverage({ ...commune, childrenUnder3: 15 }, { smallPopulationThreshold: 10 })
        .smallPopulation,
    ).toBe(false);
  });

  it('accepts fractional (weighted INSEE) populations', () => {
    expect(coverage({ ...none, childrenUnder3: 62.5, placesEajePsu: 25 }).rate).toBe(40);
  });

  it('refuses negative, NaN or infinite counts, naming the fields', () => {
    expect(() => coverage({ ...commune, placesAmHome: -1 })).toThrow(RangeError);
    expect(() => coverage({ ...commune, placesAmHome: -1, childrenUnder3: NaN })).toThrow(
      'Invalid coverage input: placesAmHome must be a finite number >= 0 (got -1); childrenUnder3 must be null or a finite number >= 0 (got NaN)',
    );
    expect(() => coverage({ ...commune, placesPreschool: Infinity })).toThrow('placesPreschool');
  });

  it('refuses an AM share outside 0..1 and a negative threshold', () => {
    expect(() => coverage(commune, { amUnder3Share: 81 })).toThrow(
      'amUnder3Share must be a number from 0 to 1 (got 81)',
    );
    expect(() => coverage(commune, { amUnder3Share: NaN })).toThrow(RangeError);
    expect(() => coverage(commune, { smallPopulationThreshold: -5 })).toThrow(
      'smallPopulationThreshold',
    );
  });
});
