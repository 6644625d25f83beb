/**
 * `selectSites(input, options, solver)`: the one entry point. Checks the question, dispatches to
 * the model's flow, and shapes the answer (SiteSelectionResult). Pure apart from the solver the
 * caller passes in; never reads a clock unless given one.
 */
import { SolveContext, type Outcome } from './context';
import { buildInstance } from './instance';
import type { MipSolver } from './mip';
import { selectCoverage } from './select-coverage';
import { selectMedian } from './select-median';
import {
  SITE_SELECTION_MODELS,
  SOLVE_METHODS,
  SiteSelectionError,
  type SiteSelectionInput,
  type SiteSelectionOptions,
  type SiteSelectionResult,
} from './types';

function invalid(message: string): never {
  throw new SiteSelectionError('invalid_input', message);
}

function checkOptions(options: SiteSelectionOptions): void {
  const { model, p, maxCost, unservedCost, timeLimitSec, relativeGap, method } = options;
  if (!SITE_SELECTION_MODELS.includes(model))
    invalid(`model must be ${SITE_SELECTION_MODELS.join(', ')} (got "${model}")`);
  if (method !== undefined && !SOLVE_METHODS.includes(method))
    invalid(`method must be ${SOLVE_METHODS.join(', ')} (got "${method}")`);
  if (model !== 'lscp' && (p === undefined || !Number.isInteger(p) || p < 0))
    invalid(`${model} needs p, a whole number of new sites ≥ 0 (got ${p})`);
  if (model !== 'pmedian' && maxCost === undefined)
    invalid(`${model} needs maxCost, the coverage standard`);
  if (maxCost !== undefined && !(Number.isFinite(maxCost) && maxCost >= 0))
    invalid(`maxCost must be a finite number ≥ 0 (got ${maxCost})`);
  if (unservedCost !== undefined) {
    if (model !== 'pmedian') invalid('unservedCost applies to pmedian only');
    if (!(Number.isFinite(unservedCost) && unservedCost >= 0))
      invalid(`unservedCost must be a finite number ≥ 0 (got ${unservedCost})`);
  }
  if (timeLimitSec !== undefined && !(timeLimitSec > 0))
    invalid(`timeLimitSec must be above 0 (got ${timeLimitSec})`);
  if (relativeGap !== undefined && !(relativeGap >= 0 && relativeGap < 1))
    invalid(`relativeGap must be in [0, 1) (got ${relativeGap})`);
}

export async function selectSites(
  input: SiteSelectionInput,
  options: SiteSelectionOptions,
  solver: MipSolver,
): Promise<SiteSelectionResult> {
  checkOptions(options);
  const ctx = new SolveContext(options);
  ctx.checkpoint();
  ctx.progress('prepare', null, null);
  const inst = buildInstance(input);
  const { model, maxCost, unservedCost } = options;
  const p = model === 'lscp' ? null : (options.p as number);
  if (model === 'lscp' && options.p !== undefined)
    ctx.notes.push('p is not used by lscp: it finds the fewest new sites itself');
  if (p !== null && p > inst.candidateCount)
    throw new SiteSelectionError(
      'p_too_large',
      `p = ${p} new sites asked for, but there are only ${inst.candidateCount} candidate sites (fixed sites do not count)`,
      { p, candidates: inst.candidateCount },
    );

  let outcome: Outcome;
  if (model === 'pmedian')
    outcome = await selectMedian(inst, { p: p as number, maxCost, unservedCost }, ctx, solver);
  else outcome = await selectCoverage(inst, { p, maxCost: maxCost as number }, ctx, solver);
  ctx.checkpoint();

  const { evaluation } = outcome;
  const objective = evaluation.objective;
  // The bound cannot be on the wrong side of a solution that exists; solver tolerances can put it there.
  const bound =
    model === 'mclp' ? Math.max(outcome.bound, objective) : Math.min(outcome.bound, objective);
  const gap =
    objective === bound ? 0 : Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-12);
  let totalWeight = 0;
  for (const w of inst.weight) totalWeight += w;
  ctx.progress('done', objective, bound);
  return {
    model,
    p,
    maxCost: maxCost ?? null,
    capacitated: inst.capacitated,
    method: outcome.method,
    optimal: outcome.optimal,
    stoppedBy: outcome.stoppedBy,
    objective,
    bound,
    gap,
    sites: evaluation.sites,
    assignments: evaluation.assignments,
    totalWeight,
    coveredWeight: evaluation.coveredWeight,
    coveredShare: totalWeight > 0 ? evaluation.coveredWeight / totalWeight : 1,
    coveredByFixed: outcome.coveredByFixed,
    notes: ctx.notes,
    size: {
      demandPoints: inst.weight.length,
      sites: inst.siteIds.length,
      pairs: inst.pairSite.length,
      mipRows: outcome.mipRows,
      mipCols: outcome.mipCols,
    },
  };
}
