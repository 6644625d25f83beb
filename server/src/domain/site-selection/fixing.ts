/**
 * Lagrangian reduced-cost fixing: the exact-preserving reduction that makes the MIPs small.
 *
 * A Lagrangian relaxation chooses its p sites by a score (mclp: the p largest s_j; pmedian: the
 * p most negative ρ_j), and its value L bounds every solution. Forcing a site in or out changes
 * that choice by one site, so L_j = L − (p-th chosen score) + score_j bounds every solution that
 * opens j, and L − score_j + ((p+1)-th score) every solution that leaves a chosen j closed.
 * When such a bound cannot beat the incumbent by more than the tolerance (by one whole unit when
 * the objective only takes whole values), no better solution opens j (j is ruled out) or leaves
 * it closed (j is forced open). The MIP then only decides the rest; the incumbent is kept as
 * the answer if nothing better exists, so optimality over the whole problem is preserved.
 */
export const FREE = 0;
export const RULED_OUT = -1;
export const FORCED_OPEN = 1;

export interface FixingQuestion {
  sense: 'max' | 'min';
  bound: number;
  score: Float64Array;
  candidates: Int32Array;
  /** A solution better than the incumbent must be beyond this value (above for max). */
  threshold: number;
}

/** mclp (sense max, larger scores chosen) and pmedian (sense min, smaller scores chosen). */
export function fixWithCardinality(q: FixingQuestion, p: number): Int8Array {
  const { sense, bound, score, candidates, threshold } = q;
  const fix = new Int8Array(score.length);
  if (p === 0 || p >= candidates.length) return fix;
  const order = Array.from(candidates).sort((a, b) =>
    sense === 'max' ? score[b] - score[a] || a - b : score[a] - score[b] || a - b,
  );
  const last = score[order[p - 1]];
  const next = score[order[p]];
  const hopeless = (L: number) => (sense === 'max' ? L < threshold : L > threshold);
  for (let t = 0; t < order.length; t++) {
    const j = order[t];
    if (t < p) {
      if (hopeless(bound - score[j] + next)) fix[j] = FORCED_OPEN;
    } else if (hopeless(bound - last + score[j])) fix[j] = RULED_OUT;
  }
  return fix;
}

export function countFixes(fix: Int8Array): { ruledOut: number; forced: number } {
  let ruledOut = 0;
  let forced = 0;
  for (const f of fix) {
    if (f === RULED_OUT) ruledOut++;
    else if (f === FORCED_OPEN) forced++;
  }
  return { ruledOut, forced };
}
