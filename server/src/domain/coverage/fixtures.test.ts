import { describe, expect, it } from 'vitest';
import {
  coverage,
  coverageClass,
  sumInputs,
  type CoverageInput,
  type CoverageOptions,
  type GapClassOptions,
} from './index';

/**
 * One case per file in test/fixtures (Turf style): `input` (one territory) or `inputs` (summed
 * first, as for an EPCI), `options`, `gapClassOptions`, `referenceRate`, and the `expected`
 * fields to check (any subset). A new case, or a bug, is a new file named after it.
 */
interface Fixture {
  description: string;
  input?: CoverageInput;
  inputs?: CoverageInput[];
  options?: CoverageOptions;
  gapClassOptions?: GapClassOptions;
  referenceRate: number | null;
  expected: {
    childrenUnder3?: number | null;
    partsWithoutPopulation?: number;
    places?: Record<string, number>;
    rate?: number | null;
    rateByMode?: Record<string, number | null>;
    smallPopulation?: boolean;
    class?: string;
  };
}

const fixtures = import.meta.glob<Fixture>('./test/fixtures/*.json', {
  eager: true,
  import: 'default',
});

function expectNumber(actual: number | null | undefined, expected: number | null, what: string) {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 9);
}

describe('coverage fixtures', () => {
  it('finds the fixture files', () => {
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(8);
  });

  for (const [path, f] of Object.entries(fixtures)) {
    const name = path.replace('./test/fixtures/', '').replace('.json', '');
    it(`${name}: ${f.description}`, () => {
      const aggregated = f.inputs ? sumInputs(f.inputs) : undefined;
      const c = coverage(aggregated ?? f.input!, f.options);
      const e = f.expected;
      if ('childrenUnder3' in e) expect(c.childrenUnder3).toBe(e.childrenUnder3);
      if (e.partsWithoutPopulation !== undefined)
        expect(aggregated?.partsWithoutPopulation).toBe(e.partsWithoutPopulation);
      for (const [mode, v] of Object.entries(e.places ?? {}))
        expectNumber(c.places[mode as keyof typeof c.places], v, `places.${mode}`);
      if ('rate' in e) expectNumber(c.rate, e.rate!, 'rate');
      for (const [mode, v] of Object.entries(e.rateByMode ?? {}))
        expectNumber(c.rateByMode[mode as keyof typeof c.rateByMode], v, `rateByMode.${mode}`);
      if (e.smallPopulation !== undefined) expect(c.smallPopulation).toBe(e.smallPopulation);
      if (e.class !== undefined)
        expect(coverageClass(c, f.referenceRate, f.gapClassOptions)).toBe(e.class);
    });
  }
});
