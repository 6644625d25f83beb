import { describe, expect, it } from 'vitest';
import {
  COVERAGE_COLORS,
  coverageClasses,
  coverageClassIndex,
  coverageColor,
  coverageFillExpression,
  hexToRgb,
  legendPosition,
  NO_DATA_COLOR,
  INCOMPLETE_COLOR,
  SECRET_COLOR,
  SMALL_POPULATION_COLOR,
} from './coverage-scale';

describe('coverage rate classes', () => {
  it('puts each bound in the class above it', () => {
    expect(coverageClassIndex(39.9)).toBe(0);
    expect(coverageClassIndex(40)).toBe(1);
    expect(coverageClassIndex(54.99)).toBe(1);
    expect(coverageClassIndex(55)).toBe(2);
    expect(coverageClassIndex(60.9)).toBe(2);
    expect(coverageClassIndex(85)).toBe(4);
    expect(coverageClassIndex(140)).toBe(4);
    expect(coverageClassIndex(0)).toBe(0);
  });

  it('has no class for a missing rate', () => {
    expect(coverageClassIndex(null)).toBeNull();
    expect(coverageColor({ coverage_rate: null })).toBe(NO_DATA_COLOR);
  });

  it('never colours an incomplete figure as a shortage', () => {
    expect(coverageColor({ coverage_rate: 12, coverage_class: 'incomplete' })).toBe(
      INCOMPLETE_COLOR,
    );
    expect(coverageColor({ coverage_rate: 12, coverage_class: 'well_below' })).toBe(
      COVERAGE_COLORS[0],
    );
  });

  it('never colours a small population as an extreme', () => {
    expect(coverageColor({ coverage_rate: 250, small_population: true })).toBe(
      SMALL_POPULATION_COLOR,
    );
    expect(coverageColor({ coverage_rate: 20, small_population: false })).toBe(COVERAGE_COLORS[0]);
  });

  it('colours a rate withheld by statistical secrecy apart from "no data"', () => {
    expect(coverageColor({ coverage_rate: null, childminders_secret: true })).toBe(SECRET_COLOR);
    expect(SECRET_COLOR).not.toBe(NO_DATA_COLOR);
  });

  it('labels the legend in French, lowest class first', () => {
    expect(coverageClasses().map((c) => c.label)).toEqual([
      'moins de 40',
      '40 à moins de 55',
      '55 à moins de 70',
      '70 à moins de 85',
      '85 et plus',
    ]);
  });

  it('places the 2023 national reference (60,9) inside the neutral middle box', () => {
    const x = legendPosition(60.9);
    expect(x).toBeGreaterThan(2 / 5);
    expect(x).toBeLessThan(3 / 5);
    expect(x).toBeCloseTo((2 + 5.9 / 15) / 5, 6);
    expect(legendPosition(10)).toBe(0);
    expect(legendPosition(300)).toBe(1);
  });

  it('builds the same scale as a MapLibre expression', () => {
    const expr = coverageFillExpression();
    expect(expr[0]).toBe('case');
    // An incomplete figure first (a lower bound, never an extreme), then small population,
    // then a rate withheld by statistical secrecy, then the rate.
    expect(expr[1]).toEqual(['==', ['get', 'coverage_class'], 'incomplete']);
    expect(expr[2]).toBe(INCOMPLETE_COLOR);
    expect(expr[3]).toEqual(['==', ['get', 'small_population'], true]);
    expect(expr[5]).toEqual(['==', ['get', 'childminders_secret'], true]);
    expect(expr[6]).toBe(SECRET_COLOR);
    const step = expr[8] as unknown[];
    expect(step.slice(2)).toEqual([
      COVERAGE_COLORS[0],
      40,
      COVERAGE_COLORS[1],
      55,
      COVERAGE_COLORS[2],
      70,
      COVERAGE_COLORS[3],
      85,
      COVERAGE_COLORS[4],
    ]);
  });

  it('converts hex colours for deck.gl', () => {
    expect(hexToRgb('#e66101')).toEqual([230, 97, 1]);
    expect(() => hexToRgb('red')).toThrow(RangeError);
  });
});
