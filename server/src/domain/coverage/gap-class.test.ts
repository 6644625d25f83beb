import { describe, expect, it } from 'vitest';
import { coverage, coverageClass, DEFAULT_GAP_CLASS_OPTIONS, type CoverageInput } from './index';

const none: Omit<CoverageInput, 'childrenUnder3'> = {
  placesEajePsu: 0,
  placesEajeHorsPsu: 0,
  placesAmHome: 0,
  placesAmMam: 0,
  placesHomeCare: 0,
  placesPreschool: 0,
};
/** 100 children and `places` EAJE places: the rate is exactly `places`. */
const withRate = (places: number) =>
  coverage({ ...none, childrenUnder3: 100, placesEajePsu: places });

describe('gap classes against a reference rate', () => {
  it('defaults to 0.6 / 0.9 / 1.1 times the reference', () => {
    expect(DEFAULT_GAP_CLASS_OPTIONS).toEqual({
      wellBelowRatio: 0.6,
      belowRatio: 0.9,
      nearRatio: 1.1,
    });
  });

  it('puts each boundary in the class above it (reference 50: 30, 45 and 55 are the bounds)', () => {
    const cases: [number, string][] = [
      [0.5, 'well_below'],
      [29.99, 'well_below'],
      [30, 'below'], // exactly 0.6 × 50
      [44.99, 'below'],
      [45, 'near'], // exactly 0.9 × 50
      [50, 'near'],
      [54.99, 'near'],
      [55, 'above'], // exactly 1.1 × 50 (where 1.1 * 50 in floating point would be 55.00000000000001)
      [140, 'above'],
    ];
    for (const [rate, expected] of cases)
      expect(coverageClass(withRate(rate), 50), `rate ${rate}`).toBe(expected);
  });

  it('against the 2023 national 60.9: well below under 36.54, near from 54.81 to under 66.99', () => {
    expect(coverageClass(withRate(36.5), 60.9)).toBe('well_below'); // 36.5 / 60.9 = 0.5993
    expect(coverageClass(withRate(36.6), 60.9)).toBe('below'); // 0.6010
    expect(coverageClass(withRate(54.8), 60.9)).toBe('below'); // 0.8998
    expect(coverageClass(withRate(54.9), 60.9)).toBe('near'); // 0.9015
    expect(coverageClass(withRate(66.9), 60.9)).toBe('near'); // 1.0985
    expect(coverageClass(withRate(67), 60.9)).toBe('above'); // 1.1002
  });

  it('takes custom ratios', () => {
    const opts = { wellBelowRatio: 0.5, belowRatio: 0.8, nearRatio: 1.2 };
    expect(coverageClass(withRate(24), 50, opts)).toBe('well_below'); // 0.48 < 0.5
    expect(coverageClass(withRate(26), 50)).toBe('well_below'); // 0.52 < 0.6 by default
    expect(coverageClass(withRate(26), 50, opts)).toBe('below'); // 0.52 >= 0.5
    expect(coverageClass(withRate(42), 50, opts)).toBe('near'); // 0.84 >= 0.8
    expect(coverageClass(withRate(58), 50, opts)).toBe('near'); // 1.16 < 1.2
    expect(coverageClass(withRate(58), 50)).toBe('above'); // 1.16 >= 1.1 by default
    expect(coverageClass(withRate(26), 50, { wellBelowRatio: 0.5 })).toBe('below'); // other ratios default
  });

  it('classes a territory with children and no formal place as a zone blanche, whatever the reference', () => {
    expect(coverageClass(coverage({ ...none, childrenUnder3: 45 }), 60.9)).toBe('zone_blanche');
    expect(coverageClass(coverage({ ...none, childrenUnder3: 45 }), null)).toBe('zone_blanche');
  });

  it('still calls it a zone blanche when only garde à domicile and préscolarisation exist (not formal modes)', () => {
    const c = coverage({ ...none, childrenUnder3: 30, placesHomeCare: 1, placesPreschool: 2 });
    expect(c.rate).toBe(10);
    expect(coverageClass(c, 60.9)).toBe('zone_blanche');
  });

  it('one childminder or one MAM place is enough not to be a zone blanche', () => {
    expect(coverageClass(coverage({ ...none, childrenUnder3: 45, placesAmHome: 1 }), 60.9)).toBe(
      'well_below',
    );
    expect(coverageClass(coverage({ ...none, childrenUnder3: 45, placesAmMam: 4 }), 60.9)).toBe(
      'well_below',
    );
  });

  it('reports a zone blanche even with a small population (a count, not an unstable ratio)', () => {
    const c = coverage({ ...none, childrenUnder3: 5 });
    expect(c.smallPopulation).toBe(true);
    expect(coverageClass(c, 60.9)).toBe('zone_blanche');
  });

  it('does not colour a small population as extreme: 15 children with a rate of 162 is small_population', () => {
    const c = coverage({ ...none, childrenUnder3: 15, placesAmHome: 30 }); // 30 × 0.81 / 15 × 100 = 162
    expect(c.rate).toBeCloseTo(162, 12);
    expect(coverageClass(c, 60.9)).toBe('small_population');
  });

  it('no children under 3 at all (0) is small_population, not zone blanche', () => {
    expect(coverageClass(coverage({ ...none, childrenUnder3: 0 }), 60.9)).toBe('small_population');
    expect(coverageClass(coverage({ ...none, childrenUnder3: 0, placesEajePsu: 10 }), 60.9)).toBe(
      'small_population',
    );
  });

  it('unknown population is no_data, even with places', () => {
    expect(
      coverageClass(coverage({ ...none, childrenUnder3: null, placesEajePsu: 10 }), 60.9),
    ).toBe('no_data');
    expect(coverageClass(coverage({ ...none, childrenUnder3: null }), 60.9)).toBe('no_data');
  });

  it('without a usable reference (null, NaN) a rate cannot be placed: no_data', () => {
    expect(coverageClass(withRate(40), null)).toBe('no_data');
    expect(coverageClass(withRate(40), NaN)).toBe('no_data');
  });

  it('refuses a reference <= 0 and ratios out of order', () => {
    expect(() => coverageClass(withRate(40), 0)).toThrow(
      'Invalid reference rate: must be > 0 places per 100 children (got 0)',
    );
    expect(() => coverageClass(withRate(40), -3)).toThrow(RangeError);
    expect(() => coverageClass(withRate(40), 50, { belowRatio: 0.5 })).toThrow(
      'need 0 <= wellBelowRatio <= belowRatio <= nearRatio (got 0.6, 0.5, 1.1)',
    );
    expect(() => coverageClass(withRate(40), 50, { nearRatio: NaN })).toThrow(RangeError);
  });
});
