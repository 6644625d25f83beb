import { describe, expect, it } from 'vitest';
import { normalQuantile, studentQuantile } from './quantiles';

describe('quantiles', () => {
  it('gives the normal quantiles of the printed tables', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815516, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('gives the Student quantiles of the printed tables', () => {
    // t tables (two-sided 80%, 95%, 90%): df 4, 1, 10, 30.
    expect(studentQuantile(0.9, 4)).toBeCloseTo(1.533206, 6);
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.706205, 5);
    expect(studentQuantile(0.95, 10)).toBeCloseTo(1.812461, 6);
    expect(studentQuantile(0.99, 30)).toBeCloseTo(2.457262, 6);
    expect(studentQuantile(0.1, 4)).toBeCloseTo(-1.533206, 6);
  });

  it('takes fractional degrees of freedom (Welch–Satterthwaite) and tends to the normal', () => {
    // scipy.stats.t.ppf(0.6, 2.5) and t.ppf(0.9, 0.5)
    expect(studentQuantile(0.6, 2.5)).toBeCloseTo(0.2814595, 6);
    expect(studentQuantile(0.9, 0.5)).toBeCloseTo(10.270324, 5);
    expect(studentQuantile(0.9, Infinity)).toBe(normalQuantile(0.9));
    expect(studentQuantile(0.9, 1e5)).toBeCloseTo(normalQuantile(0.9), 4);
  });

  it('refuses probabilities outside (0, 1) and degrees of freedom ≤ 0', () => {
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\)/);
    expect(() => studentQuantile(0.9, 0)).toThrow(/df must be > 0/);
  });
});
