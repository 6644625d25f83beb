import { describe, expect, it } from 'vitest';
import { Random, WeightedSampler } from './random';

describe('the seeded random generator', () => {
  it('gives the same sequence for the same seed and another one for another seed', () => {
    const draws = (r: Random) => Array.from({ length: 8 }, () => r.nextUint32());
    const reference = draws(new Random(42));
    expect(draws(new Random(42))).toEqual(reference);
    expect(draws(new Random(43))).not.toEqual(reference);
  });

  it('pins the first draws of seed 42 (sfc32 seeded by splitmix32): changing them is deliberate', () => {
    const r = new Random(42);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([
      3825871779, 1851418855, 1383259262,
    ]);
  });

  it('forks streams that depend on the seed and the label, not on draws made before', () => {
    const a = new Random(7);
    const b = new Random(7);
    a.float();
    a.float();
    expect(a.fork('roads').float()).toBe(b.fork('roads').float());
    expect(a.fork('roads').float()).not.toBe(a.fork('names').float());
  });

  it('keeps draws in their ranges', () => {
    const r = new Random(1);
    const floats = Array.from({ length: 10_000 }, () => r.float());
    const ints = Array.from({ length: 10_000 }, () => r.int(1, 4));
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    expect([...new Set(ints)].sort()).toEqual([1, 2, 3, 4]);
  });

  it('draws normal values with the asked mean and spread (10,000 draws)', () => {
    const r = new Random(3);
    const values = Array.from({ length: 10_000 }, () => r.normal(10, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('never draws an index of zero weight, and draws the others in proportion', () => {
    const r = new Random(5);
    const sampler = new WeightedSampler([0, 1, 0, 3]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 8_000; i++) counts[sampler.draw(r)] += 1;
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[3] / counts[1]).toBeGreaterThan(2.7);
    expect(counts[3] / counts[1]).toBeLessThan(3.3);
    expect(() => new WeightedSampler([0, 0])).toThrow(RangeError);
  });
});
