import { studentQuantile } from './quantiles';

/**
 * The two-sided interval at `level` (0.8: 10% below, 10% above) around `mean` with the given
 * variance, the Student quantile of `degreesOfFreedom` (Infinity: normal), clamped at 0
 * (children and births are never negative).
 */
export function intervalAround(
  mean: number,
  variance: number,
  degreesOfFreedom: number,
  level: number,
): { central: number; low: number; high: number } {
  const sd = Math.sqrt(Math.max(0, variance));
  const q = sd > 0 ? studentQuantile((1 + level) / 2, degreesOfFreedom) : 0;
  return {
    central: Math.max(0, mean),
    low: Math.max(0, mean - q * sd),
    high: Math.max(0, mean + q * sd),
  };
}

/**
 * Degrees of freedom of a sum of independent variance estimates (Welch–Satterthwaite):
 * (Σ v_i)² / Σ (v_i² / df_i); a component with df = Infinity (a stated, normal range) adds none
 * to the denominator. Infinity when every component is normal or the sum is 0.
 */
export function combinedDegreesOfFreedom(
  parts: readonly { variance: number; degreesOfFreedom: number }[],
): number {
  let total = 0;
  let denominator = 0;
  for (const { variance, degreesOfFreedom } of parts) {
    total += variance;
    if (variance > 0 && Number.isFinite(degreesOfFreedom))
      denominator += (variance * variance) / degreesOfFreedom;
  }
  return denominator > 0 ? (total * total) / denominator : Infinity;
}
