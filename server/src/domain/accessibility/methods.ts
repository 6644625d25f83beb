/**
 * The four floating-catchment methods, as the weights each allows and whether demand is split
 * between sites by selection weights. Pure.
 *
 * | method   | weights (default)                             | selection weights |
 * | -------- | --------------------------------------------- | ----------------- |
 * | `2sfca`  | uniform                                       | no                |
 * | `e2sfca` | steps (`10=1,20=0.68,30=0.22`)                | no                |
 * | `3sfca`  | any (steps `10=1,20=0.68,30=0.22`)            | yes               |
 * | `gravity`| gravity (`scale=1,alpha=-1,min=1`) or gaussian| no                |
 */
import {
  DEFAULT_GRAVITY,
  DEFAULT_STEPS,
  assertValidWeights,
  type WeightKind,
  type WeightSpec,
} from './weights';

export type AccessMethod = '2sfca' | 'e2sfca' | '3sfca' | 'gravity';
export const ACCESS_METHODS: readonly AccessMethod[] = ['2sfca', 'e2sfca', '3sfca', 'gravity'];

export interface AccessOptions {
  method: AccessMethod;
  /** The method's default when absent (table above). */
  weights?: WeightSpec;
  /** Pairs costing more than this get no weight (inclusive bound). Default: every pair given. */
  maxCost?: number;
}

/** Options with every default filled in and checked. */
export interface ResolvedAccessOptions {
  method: AccessMethod;
  weights: WeightSpec;
  maxCost: number;
  /** 3SFCA: each location's demand is shared between its sites in proportion to their weights. */
  selection: boolean;
}

const ALLOWED: Record<AccessMethod, readonly WeightKind[]> = {
  '2sfca': ['uniform'],
  e2sfca: ['steps'],
  '3sfca': ['uniform', 'steps', 'gravity', 'gaussian'],
  gravity: ['gravity', 'gaussian'],
};

const DEFAULTS: Record<AccessMethod, WeightSpec> = {
  '2sfca': { kind: 'uniform' },
  e2sfca: { kind: 'steps', steps: DEFAULT_STEPS },
  '3sfca': { kind: 'steps', steps: DEFAULT_STEPS },
  gravity: { kind: 'gravity', ...DEFAULT_GRAVITY },
};

/** Fill in the defaults and check: a RangeError names the option that is wrong. */
export function resolveAccessOptions(options: AccessOptions): ResolvedAccessOptions {
  const { method } = options;
  if (!ACCESS_METHODS.includes(method))
    throw new RangeError(`unknown method "${method}" (one of ${ACCESS_METHODS.join(', ')})`);
  const weights = options.weights ?? DEFAULTS[method];
  assertValidWeights(weights);
  if (!ALLOWED[method].includes(weights.kind))
    throw new RangeError(
      `method ${method} takes ${ALLOWED[method].join(' or ')} weights, not ${weights.kind}`,
    );
  const maxCost = options.maxCost ?? Infinity;
  if (typeof maxCost !== 'number' || Number.isNaN(maxCost))
    throw new TypeError(`maxCost must be a number (got ${String(options.maxCost)})`);
  if (maxCost < 0) throw new RangeError(`maxCost must be ≥ 0 (got ${maxCost})`);
  return { method, weights, maxCost, selection: method === '3sfca' };
}
