/**
 * The site-selection contract: what a caller gives (demand, sites, sparse costs, options) and
 * what it gets back. Pure data; see README.md in this folder for the models.
 */

export const SITE_SELECTION_MODELS = ['mclp', 'pmedian', 'lscp'] as const;
/** mclp: maximal covering; pmedian: least total weighted cost; lscp: fewest sites covering all. */
export type SiteSelectionModel = (typeof SITE_SELECTION_MODELS)[number];

export const SOLVE_METHODS = ['auto', 'exact', 'heuristic'] as const;
export type SolveMethod = (typeof SOLVE_METHODS)[number];

/** A place where demand lives (a grid cell, a commune…) and how much of it (children, a ≥ 0 number). */
export interface DemandPoint {
  id: string;
  weight: number;
}

/**
 * A site: a candidate the optimiser may open, or an existing facility (`fixed`) that is open
 * whatever happens. `capacity` is in the unit of the demand weights (places for children);
 * null or absent: unlimited.
 */
export interface SiteInput {
  id: string;
  capacity?: number | null;
  fixed?: boolean;
}

/**
 * Sparse costs (minutes, metres…, one unit throughout): pair k links demand point
 * `demand[k]` to site `site[k]` (indices into the input arrays) at `cost[k]` ≥ 0. A pair that is
 * absent means the site cannot serve that demand point at all.
 */
export interface CostPairs {
  demand: ArrayLike<number>;
  site: ArrayLike<number>;
  cost: ArrayLike<number>;
}

export interface SiteSelectionInput {
  demand: readonly DemandPoint[];
  sites: readonly SiteInput[];
  costs: CostPairs;
}

export const SOLVE_PHASES = ['prepare', 'heuristic', 'bound', 'exact', 'done'] as const;
/** prepare: reading and reductions; bound: Lagrangian bound; exact: the MIP solve. */
export type SolvePhase = (typeof SOLVE_PHASES)[number];

export interface SiteSelectionProgress {
  phase: SolvePhase;
  /** Best objective found so far (null before the first). */
  incumbent: number | null;
  /** Best proven bound so far (upper for mclp, lower for pmedian and lscp). */
  bound: number | null;
  /** |incumbent − bound| / |incumbent| when both are known, else null. */
  gap: number | null;
  /** Milliseconds since the call began; null without a clock. */
  elapsedMs: number | null;
}

export interface SiteSelectionOptions {
  model: SiteSelectionModel;
  /** New sites to open (mclp, pmedian); fixed sites come on top of them. */
  p?: number;
  /** Coverage standard (mclp, lscp: required); pmedian: pairs above it are not allowed. */
  maxCost?: number;
  /**
   * pmedian only: a demand point may stay unserved at this cost per unit of weight (a matrix cut
   * at T minutes: give T or more). Without it every demand point must be served.
   */
  unservedCost?: number;
  /** 'auto' (default): exact when the model is small enough, else the heuristic. */
  method?: SolveMethod;
  /** Time for the whole answer (seconds, default 60); the exact solve stops there. */
  timeLimitSec?: number;
  /** Relative gap at which the exact solve counts as optimal (default 1e-6). */
  relativeGap?: number;
  /** 'auto' goes to the heuristic above this many MIP matrix entries (default 2,500,000). */
  maxExactNonzeros?: number;
  /** Checked between phases and inside the solver's callbacks (see README: cancelling). */
  signal?: AbortSignal;
  /**
   * Called at each phase and when the solve's incumbent or bound changes, at most every
   * PROGRESS_INTERVAL_MS within a phase when a clock is given; last with phase 'done'.
   */
  onProgress?: (progress: SiteSelectionProgress) => void;
  /** Milliseconds from any origin; without it only the exact solve is held to the time limit. */
  clock?: () => number;
}

export interface OpenSite {
  id: string;
  fixed: boolean;
  capacity: number | null;
  /** Demand weight this site serves (within the standard for mclp). */
  served: number;
  /** Demand points it serves (a point split between sites counts for each). */
  demandPoints: number;
}

/** Part (or all) of a demand point's weight and where it goes; site null: not served / not covered. */
export interface Assignment {
  demand: string;
  site: string | null;
  cost: number | null;
  weight: number;
  /** mclp, lscp: within maxCost of its site; pmedian: served (within maxCost when given). */
  covered: boolean;
}

export interface SiteSelectionResult {
  model: SiteSelectionModel;
  p: number | null;
  maxCost: number | null;
  capacitated: boolean;
  /**
   * Who produced or proved the sites: the solver ('exact': the MIP, or for mclp the LP
   * relaxation's bound meeting the answer) or greedy + swap ('heuristic').
   */
  method: 'exact' | 'heuristic';
  /** Proven optimal: the MIP closed the gap to `relativeGap`. */
  optimal: boolean;
  /** Why the exact solve stopped early, if it did. */
  stoppedBy: 'time_limit' | 'size' | null;
  /** mclp: weight covered by all open sites; pmedian: total weight × cost; lscp: new sites. */
  objective: number;
  /** Best proven bound (mclp: upper, others: lower). */
  bound: number;
  /** |objective − bound| / |objective| (0 when both are 0). */
  gap: number;
  /** Open sites: fixed ones first, then new ones, in input order. */
  sites: OpenSite[];
  assignments: Assignment[];
  totalWeight: number;
  coveredWeight: number;
  coveredShare: number;
  /** mclp, lscp uncapacitated: weight already covered by fixed sites alone. */
  coveredByFixed: number | null;
  /** Plain sentences: reductions made, fallbacks, limits met. */
  notes: string[];
  size: { demandPoints: number; sites: number; pairs: number; mipRows: number; mipCols: number };
}

export type SiteSelectionErrorCode =
  'invalid_input' | 'unreachable_demand' | 'p_too_large' | 'infeasible' | 'no_solution';

/** A problem with the question (not a bug): the message names the ids or the parameter. */
export class SiteSelectionError extends Error {
  constructor(
    readonly code: SiteSelectionErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SiteSelectionError';
  }
}
