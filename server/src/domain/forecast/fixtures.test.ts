import { describe, expect, it } from 'vitest';
import {
  projectChildrenUnder3,
  type ChildrenForecastInput,
  type ChildrenForecastOptions,
  type ProjectedValue,
} from './index';

/**
 * One case per file in test/children (Turf style): `input`, `options`, and the `expected`
 * fields to check (any subset). `warnings` is the exact list of warning codes, in order.
 * Trend expectations were computed apart with numpy and scipy (see each description).
 */
interface Fixture {
  description: string;
  input: ChildrenForecastInput;
  options?: ChildrenForecastOptions;
  expected: {
    method?: string;
    parameters?: Record<string, unknown>;
    seriesYears?: number[];
    points?: ProjectedValue[];
    warnings?: string[];
    breakYears?: number[];
    methodText?: string;
  };
}

const fixtures = import.meta.glob<Fixture>('./test/children/*.json', {
  eager: true,
  import: 'default',
});

describe('children under 3 projection fixtures', () => {
  it('finds the fixture files', () => {
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(9);
  });

  for (const [path, f] of Object.entries(fixtures)) {
    const name = path.replace('./test/children/', '').replace('.json', '');
    it(`${name}: ${f.description}`, () => {
      const p = projectChildrenUnder3(f.input, f.options);
      const e = f.expected;
      expect(p.kind).toBe('projection');
      if (e.method) expect(p.method.name).toBe(e.method);
      for (const [key, value] of Object.entries(e.parameters ?? {})) {
        const actual = (p.method.parameters as unknown as Record<string, unknown>)[key];
        if (typeof value === 'number') expect(actual, key).toBeCloseTo(value, 6);
        else expect(actual, key).toEqual(value);
      }
      if (e.seriesYears) expect(p.seriesYears).toEqual(e.seriesYears);
      if (e.points) {
        expect(p.points.map((x) => [x.year, x.horizonYears])).toEqual(
          e.points.map((x) => [x.year, x.horizonYears]),
        );
        e.points.forEach((x, i) => {
          expect(p.points[i].central, `${x.year} central`).toBeCloseTo(x.central, 6);
          expect(p.points[i].low, `${x.year} low`).toBeCloseTo(x.low, 6);
          expect(p.points[i].high, `${x.year} high`).toBeCloseTo(x.high, 6);
        });
      }
      if (e.warnings) expect(p.warnings.map((w) => w.code)).toEqual(e.warnings);
      if (e.breakYears)
        expect(p.warnings.find((w) => w.code === 'break')?.years).toEqual(e.breakYears);
      if (e.methodText) expect(p.methodText).toBe(e.methodText);
    });
  }
});
