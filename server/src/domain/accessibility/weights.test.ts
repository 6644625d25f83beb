import { describe, expect, it } from 'vitest';
import {
  formatWeights,
  parseWeights,
  resolveAccessOptions,
  weightAt,
  type WeightSpec,
} from './index';

describe('weights', () => {
  it('default E2SFCA steps: bounds inclusive, 0 beyond the last', () => {
    const steps = parseWeights('steps:10=1,20=0.68,30=0.22');
    expect([0, 10, 10.01, 20, 25, 30, 30.01].map((d) => weightAt(steps, d))).toEqual([
      1, 1, 0.68, 0.68, 0.22, 0.22, 0,
    ]);
  });

  it('reads steps written bound:weight as well', () => {
    expect(parseWeights('10:1,20:0.68,30:0.22')).toEqual(
      parseWeights('steps:10=1,20=0.68,30=0.22'),
    );
  });

  it('gravity: (max(d, min)/scale)^alpha, alpha written with its sign', () => {
    const g = parseWeights('gravity:scale=10,alpha=-2,min=1');
    expect(weightAt(g, 0)).toBeCloseTo(100, 12);
    expect(weightAt(g, 1)).toBe(weightAt(g, 0));
    expect(weightAt(g, 20)).toBeCloseTo(0.25, 15);
    expect(parseWeights('gravity:alpha=-2')).toEqual({
      kind: 'gravity',
      scale: 1,
      alpha: -2,
      min: 1,
    });
  });

  it('gaussian: exp(-d²/(2σ²)), 1 at 0 and e^-1/2 at σ', () => {
    const g = parseWeights('gaussian:sigma=20');
    expect(weightAt(g, 0)).toBe(1);
    expect(weightAt(g, 20)).toBeCloseTo(0.6065306597126334, 15);
    expect(weightAt(g, 40)).toBeCloseTo(0.1353352832366127, 15);
  });

  it('the maximum cost is an inclusive bound for every kind', () => {
    const specs: WeightSpec[] = [
      { kind: 'uniform' },
      parseWeights('gravity:min=1'),
      parseWeights('gaussian:sigma=10'),
      parseWeights('steps:60=1'),
    ];
    for (const s of specs) {
      expect(weightAt(s, 15, 15), s.kind).toBeGreaterThan(0);
      expect(weightAt(s, 15.001, 15), s.kind).toBe(0);
    }
  });

  it('writes a spec back as it reads it', () => {
    for (const text of [
      'uniform',
      'steps:10=1,20=0.68,30=0.22',
      'gravity:scale=1,alpha=-1,min=1',
      'gaussian:sigma=15',
    ])
      expect(formatWeights(parseWeights(text))).toBe(text);
  });

  it.each([
    ['steps:', /give at least one step/],
    ['steps:10=1,5=0.5', /bounds must increase \(5 comes after 10\)/],
    ['steps:10=0.5,20=1', /weights must not grow with cost/],
    ['steps:10=-1', /a weight must be ≥ 0/],
    ['steps:10=0', /every weight is 0/],
    ['steps:10=1,20', /"20" is not bound=weight/],
    ['steps:10=1,20=0,68', /"68" is not bound=weight/],
    ['steps:ten=1', /step bound "ten" is not a number/],
    ['gravity:alpha=1', /alpha must be ≤ 0/],
    ['gravity:scale=1,alpha=-1,min=0', /min must be > 0 when alpha < 0/],
    ['gravity:scale=0', /scale must be > 0/],
    ['gravity:beta=2', /unknown key "beta" \(scale, alpha, min\)/],
    ['gravity:alpha=-1,alpha=-2', /"alpha" is given twice/],
    ['gaussian:', /give sigma/],
    ['gaussian:sigma=0', /sigma must be > 0/],
    ['cosine:1', /cannot read "cosine:1"/],
  ])('refuses %s with a message naming the problem', (text, message) => {
    expect(() => parseWeights(text)).toThrow(RangeError);
    expect(() => parseWeights(text)).toThrow(message);
  });

  it('refuses weights that are not numbers with a TypeError', () => {
    expect(() =>
      resolveAccessOptions({ method: 'gravity', weights: { kind: 'gaussian', sigma: NaN } }),
    ).toThrow(TypeError);
    expect(() =>
      resolveAccessOptions({
        method: 'e2sfca',
        weights: { kind: 'steps', steps: [{ upTo: 10, weight: Number('x') }] },
      }),
    ).toThrow(/bound and weight must be finite numbers/);
  });
});

describe('methods', () => {
  it('fill in each method’s default weights', () => {
    expect(resolveAccessOptions({ method: '2sfca' }).weights).toEqual({ kind: 'uniform' });
    expect(formatWeights(resolveAccessOptions({ method: 'e2sfca' }).weights)).toBe(
      'steps:10=1,20=0.68,30=0.22',
    );
    expect(resolveAccessOptions({ method: '3sfca' }).selection).toBe(true);
    expect(resolveAccessOptions({ method: 'e2sfca' }).selection).toBe(false);
    expect(formatWeights(resolveAccessOptions({ method: 'gravity' }).weights)).toBe(
      'gravity:scale=1,alpha=-1,min=1',
    );
    expect(resolveAccessOptions({ method: '2sfca' }).maxCost).toBe(Infinity);
  });

  it.each([
    [{ method: '2sfca', weights: parseWeights('steps:10=1') }, /2sfca takes uniform weights/],
    [{ method: 'e2sfca', weights: parseWeights('gaussian:sigma=5') }, /e2sfca takes steps/],
    [{ method: 'gravity', weights: { kind: 'uniform' } }, /gravity takes gravity or gaussian/],
    [{ method: '4sfca' }, /unknown method "4sfca"/],
    [{ method: '2sfca', maxCost: -1 }, /maxCost must be ≥ 0/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveAccessOptions(options as never)).toThrow(RangeError);
    expect(() => resolveAccessOptions(options as never)).toThrow(message);
  });
});
