/**
 * Floating-catchment accessibility: places within reach per child, where children live.
 * Pure: no I/O, no environment, no clock. See docs/accessibility.md for the methods, a worked
 * example and the leakage definitions.
 *
 * With supply S_j (places at site j), demand P_i (children at location i), cost d_ij and a
 * weight W(d) that is 0 beyond the catchment:
 *   R_j = S_j / Σ_i P_i w_ij      (places per child competing for site j)
 *   A_i = Σ_j w_ij R_j            (places per child within reach of location i)
 * with w_ij = W(d_ij) (2SFCA, E2SFCA, gravity) or G_ij W(d_ij), G_ij = W_ij / Σ_k W_ik (3SFCA).
 *
 * Flow: `buildCatchment(demand, siteCount, pairs, options)` once → `accessibility(catchment,
 * supply)` per supply column → `zoneFlows(catchment, supply, zones)` per zone level. Inputs are
 * dense indices and plain or typed arrays; the caller keeps its ids beside them.
 */
export { accessibility, floatingCatchment, type Accessibility } from './access';
export { buildCatchment, type Catchment, type CostPairs } from './catchment';
export { zoneFlows, type ZoneAssignment, type ZoneFlows } from './flows';
export {
  ACCESS_METHODS,
  resolveAccessOptions,
  type AccessMethod,
  type AccessOptions,
  type ResolvedAccessOptions,
} from './methods';
export {
  DEFAULT_GRAVITY,
  DEFAULT_STEPS,
  WEIGHT_KINDS,
  assertValidWeights,
  formatWeights,
  pairWeights,
  parseWeights,
  weightAt,
  type WeightKind,
  type WeightSpec,
  type WeightStep,
} from './weights';
