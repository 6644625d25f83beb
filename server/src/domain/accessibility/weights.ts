/**
 * Weight functions of travel cost for floating catchments: how much a pair (a demand location
 * and a site) counts, from 1 (close) down to 0 (out of the catchment). Costs are in the caller's
 * unit (minutes in Berceau); a spec never mixes units. Pure.
 *
 * - `uniform`: 1 for every pair within the maximum cost.
 * - `steps`: the weight of the first step whose bound is at or above the cost (bounds
 *   inclusive), 0 beyond the last bound: `10=1,20=0.68,30=0.22` gives 1 at 10, 0.68 at 10.5 and
 *   at 20, 0.22 at 30, 0 at 30.1 (the E2SFCA default of Luo & Qi).
 * - `gravity`: (max(cost, min) / scale)^alpha, with the exponent written with its sign as in
 *   PySAL `access` (alpha = -1 is 1/cost). `min` caps the weight of short trips: it must be
 *   above 0 when alpha < 0, or a self-pair (cost 0) would weigh infinitely.
 * - `gaussian`: exp(-cost² / (2 sigma²)): 1 at cost 0, 0.607 at sigma, 0.135 at 2 sigma, 0.011
 *   at 3 sigma; never 0, so give a maximum cost to close the catchment.
 *
 * Multiplying every weight by the same factor divides R_j (places per weighted child) by it and
 * leaves A_i unchanged, so `scale` and the Gaussian's lack of normalisation do not change
 * accessibility.
 */

export interface WeightStep {
  /** Upper bound of the step (inclusive), in cost units. */
  upTo: number;
  weight: number;
}

export type WeightSpec =
  | { kind: 'uniform' }
  | { kind: 'steps'; steps: readonly WeightStep[] }
  | { kind: 'gravity'; scale: number; alpha: number; min: number }
  | { kind: 'gaussian'; sigma: number };

export type WeightKind = WeightSpec['kind'];
export const WEIGHT_KINDS: readonly WeightKind[] = ['uniform', 'steps', 'gravity', 'gaussian'];

/** The E2SFCA steps most studies use (minutes): ≤10: 1, ≤20: 0.68, ≤30: 0.22. */
export const DEFAULT_STEPS: readonly WeightStep[] = [
  { upTo: 10, weight: 1 },
  { upTo: 20, weight: 0.68 },
  { upTo: 30, weight: 0.22 },
];

/** Gravity defaults: 1/cost, capped at 1 for trips of a minute or less. */
export const DEFAULT_GRAVITY = { scale: 1, alpha: -1, min: 1 } as const;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Throws a RangeError (TypeError for a non-number) naming what is wrong with `spec`. */
export function assertValidWeights(spec: WeightSpec): void {
  const bad = (message: string) => new RangeError(`weights ${spec.kind}: ${message}`);
  switch (spec.kind) {
    case 'uniform':
      return;
    case 'steps': {
      if (!Array.isArray(spec.steps) || spec.steps.length === 0)
        throw bad('give at least one step (bound=weight)');
      let previous: WeightStep | null = null;
      for (const s of spec.steps) {
        if (!finite(s.upTo) || !finite(s.weight))
          throw new TypeError(
            `weights steps: bound and weight must be finite numbers (got ${s.upTo}=${s.weight})`,
          );
        if (s.upTo < 0) throw bad(`a bound must be ≥ 0 (got ${s.upTo})`);
        if (s.weight < 0) throw bad(`a weight must be ≥ 0 (got ${s.weight} up to ${s.upTo})`);
        if (previous && s.upTo <= previous.upTo)
          throw bad(`bounds must increase (${s.upTo} comes after ${previous.upTo})`);
        if (previous && s.weight > previous.weight)
          throw bad(
            `weights must not grow with cost (${s.weight} up to ${s.upTo} after ${previous.weight} up to ${previous.upTo})`,
          );
        previous = s;
      }
      if (spec.steps[0].weight === 0) throw bad('every weight is 0: nothing would be in reach');
      return;
    }
    case 'gravity': {
      const { scale, alpha, min } = spec;
      if (!finite(scale) || !finite(alpha) || !finite(min))
        throw new TypeError(
          `weights gravity: scale, alpha and min must be finite numbers (got scale=${scale}, alpha=${alpha}, min=${min})`,
        );
      if (!(scale > 0)) throw bad(`scale must be > 0 (got ${scale})`);
      if (alpha > 0)
        throw bad(
          `alpha must be ≤ 0: the weight (max(cost, min)/scale)^alpha must not grow with cost (got ${alpha}; alpha=-1 is 1/cost)`,
        );
      if (min < 0) throw bad(`min must be ≥ 0 (got ${min})`);
      if (alpha < 0 && min === 0)
        throw bad(
          'min must be > 0 when alpha < 0: at cost 0 (a self-pair) the weight would be infinite (e.g. min=1)',
        );
      return;
    }
    case 'gaussian': {
      if (!finite(spec.sigma))
        throw new TypeError(`weights gaussian: sigma must be a finite number (got ${spec.sigma})`);
      if (!(spec.sigma > 0)) throw bad(`sigma must be > 0 (got ${spec.sigma})`);
      return;
    }
    default:
      throw new TypeError(
        `unknown weights kind "${(spec as { kind: unknown }).kind}" (one of ${WEIGHT_KINDS.join(', ')})`,
      );
  }
}

/** The weight at one cost (≥ 0), 0 beyond `maxCost` (inclusive). For docs and tests; loops use `pairWeights`. */
export function weightAt(spec: WeightSpec, cost: number, maxCost = Infinity): number {
  const out = new Float64Array(1);
  pairWeights(spec, [cost], maxCost, out);
  return out[0];
}

/**
 * The weight of every pair into `out` (same length as `cost`): 0 for a cost above `maxCost`.
 * Costs must already be checked (finite, ≥ 0). One loop per kind, no call per pair.
 */
export function pairWeights(
  spec: WeightSpec,
  cost: ArrayLike<number>,
  maxCost: number,
  out: Float64Array,
): void {
  const n = cost.length;
  switch (spec.kind) {
    case 'uniform':
      for (let k = 0; k < n; k++) out[k] = cost[k] <= maxCost ? 1 : 0;
      return;
    case 'steps': {
      const bounds = Float64Array.from(spec.steps, (s) => s.upTo);
      const weights = Float64Array.from(spec.steps, (s) => s.weight);
      const last = Math.min(maxCost, bounds[bounds.length - 1]);
      for (let k = 0; k < n; k++) {
        const c = cost[k];
        if (c > last) {
          out[k] = 0;
          continue;
        }
        let s = 0;
        while (c > bounds[s]) s++;
        out[k] = weights[s];
      }
      return;
    }
    case 'gravity': {
      const { scale, alpha, min } = spec;
      for (let k = 0; k < n; k++) {
        const c = cost[k];
        out[k] = c <= maxCost ? Math.pow((c > min ? c : min) / scale, alpha) : 0;
      }
      return;
    }
    case 'gaussian': {
      const f = -1 / (2 * spec.sigma * spec.sigma);
      for (let k = 0; k < n; k++) {
        const c = cost[k];
        out[k] = c <= maxCost ? Math.exp(c * c * f) : 0;
      }
      return;
    }
  }
}

/**
 * A weights spec as written on the command line or in a request:
 * `uniform`; `steps:10=1,20=0.68,30=0.22` (or `10:1,20:0.68,30:0.22`);
 * `gravity:scale=1,alpha=-1,min=1` (any key omitted takes its default);
 * `gaussian:sigma=15`. Decimal points only (a comma separates steps). Throws a RangeError
 * naming the part it cannot read; the spec is then checked by `assertValidWeights`.
 */
export function parseWeights(text: string): WeightSpec {
  const raw = text.trim();
  const colon = raw.indexOf(':');
  const head = colon < 0 ? raw : raw.slice(0, colon);
  const body = colon < 0 ? '' : raw.slice(colon + 1);
  let spec: WeightSpec;
  if (head === 'uniform' && body === '') spec = { kind: 'uniform' };
  else if (head === 'steps') spec = { kind: 'steps', steps: parseSteps(body, '=') };
  else if (/^\s*[\d.]+\s*$/.test(head)) spec = { kind: 'steps', steps: parseSteps(raw, ':') };
  else if (head === 'gravity') {
    const p = parseKeys(body, 'gravity', ['scale', 'alpha', 'min']);
    spec = {
      kind: 'gravity',
      scale: p.scale ?? DEFAULT_GRAVITY.scale,
      alpha: p.alpha ?? DEFAULT_GRAVITY.alpha,
      min: p.min ?? DEFAULT_GRAVITY.min,
    };
  } else if (head === 'gaussian') {
    const p = parseKeys(body, 'gaussian', ['sigma']);
    if (p.sigma === undefined) throw new RangeError('weights gaussian: give sigma, e.g. sigma=15');
    spec = { kind: 'gaussian', sigma: p.sigma };
  } else
    throw new RangeError(
      `weights: cannot read "${text}" (uniform, steps:10=1,20=0.68,30=0.22, gravity:scale=1,alpha=-1,min=1 or gaussian:sigma=15)`,
    );
  assertValidWeights(spec);
  return spec;
}

function parseNumber(s: string, what: string): number {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t))
    throw new RangeError(`weights: ${what} "${s}" is not a number`);
  return Number(t);
}

function parseSteps(body: string, separator: '=' | ':'): WeightStep[] {
  if (body.trim() === '') throw new RangeError('weights steps: give at least one step, e.g. 10=1');
  return body.split(',').map((part) => {
    const pieces = part.split(separator);
    if (pieces.length !== 2)
      throw new RangeError(`weights steps: "${part}" is not bound${separator}weight`);
    return {
      upTo: parseNumber(pieces[0], 'step bound'),
      weight: parseNumber(pieces[1], 'step weight'),
    };
  });
}

function parseKeys(
  body: string,
  kind: string,
  keys: readonly string[],
): Partial<Record<string, number>> {
  const out: Partial<Record<string, number>> = {};
  if (body.trim() === '') return out;
  for (const part of body.split(',')) {
    const [key, value, extra] = part.split('=');
    const k = key.trim();
    if (value === undefined || extra !== undefined)
      throw new RangeError(`weights ${kind}: "${part}" is not key=value`);
    if (!keys.includes(k))
      throw new RangeError(`weights ${kind}: unknown key "${k}" (${keys.join(', ')})`);
    if (k in out) throw new RangeError(`weights ${kind}: "${k}" is given twice`);
    out[k] = parseNumber(value, `${kind} ${k}`);
  }
  return out;
}

/** The spec as `parseWeights` reads it back. */
export function formatWeights(spec: WeightSpec): string {
  switch (spec.kind) {
    case 'uniform':
      return 'uniform';
    case 'steps':
      return `steps:${spec.steps.map((s) => `${s.upTo}=${s.weight}`).join(',')}`;
    case 'gravity':
      return `gravity:scale=${spec.scale},alpha=${spec.alpha},min=${spec.min}`;
    case 'gaussian':
      return `gaussian:sigma=${spec.sigma}`;
  }
}
