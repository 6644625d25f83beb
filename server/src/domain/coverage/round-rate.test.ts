import { describe, expect, it } from 'vitest';
import { roundRate } from './index';

describe('rounding a rate for display', () => {
  it('rounds to one decimal by default, as CNAF publishes', () => {
    expect(roundRate(69.89999999999999)).toBe(69.9);
    expect(roundRate(100 / 3)).toBe(33.3);
    expect(roundRate(23.02)).toBe(23);
    expect(roundRate(121.60000000000001)).toBe(121.6);
  });

  it('rounds halves away from zero, in decimal, not in binary (0.15 → 0.2, 1.005 → 1.01)', () => {
    expect(roundRate(0.15)).toBe(0.2);
    expect(roundRate(0.05)).toBe(0.1);
    expect(roundRate(36.45)).toBe(36.5);
    expect(roundRate(1.005, 2)).toBe(1.01);
    expect(roundRate(2.5, 0)).toBe(3);
    expect(roundRate(-2.5, 0)).toBe(-3);
  });

  it('takes the number of decimals', () => {
    expect(roundRate(25.923456, 2)).toBe(25.92);
    expect(roundRate(25.925, 2)).toBe(25.93);
    expect(roundRate(69.9, 0)).toBe(70);
    expect(roundRate(1234.5678, 3)).toBe(1234.568);
  });

  it('keeps null as null, and never returns -0', () => {
    expect(roundRate(null)).toBeNull();
    expect(Object.is(roundRate(-0.04), 0)).toBe(true);
    expect(roundRate(1e-7)).toBe(0);
  });

  it('refuses bad digits and non-finite numbers', () => {
    expect(() => roundRate(1, -1)).toThrow('digits must be an integer from 0 to 10');
    expect(() => roundRate(1, 1.5)).toThrow(RangeError);
    expect(() => roundRate(NaN)).toThrow('expected a finite number');
  });
});
