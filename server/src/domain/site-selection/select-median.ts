/**
 * p-median, from the reduced rows to an Outcome.
 *
 * Without capacities: greedy + swap, then the Lagrangian bound. When the bound meets the
 * heuristic's cost the answer is proven optimal as it stands. Otherwise the bound's reduced
 * costs rule candidates out or force them open (fixing.ts), and the radius formulation is
 * solved on what is left, from the heuristic's sites; the better of both is the answer. When
 * even that model is too large, the heuristic's answer is given with the Lagrangian bound.
 *
 * With capacities: the assignment formulation, solved within the time limit.
 */
import { SolveContext, openFromValues, startFromOpen, type Outcome } from './context';
import { evaluateOpen, evaluateShares, type Share } from './evaluate';
import { FORCED_OPEN, countFixes, fixWithCardinality } from './fixing';
import { candidatesOf, listIds, restrictInstance, type Instance } from './instance';
import { medianRows, type MedianRows } from './median';
import { medianLagrangian } from './median-bounds';
import { medianGreedySwap } from './median-heuristic';
import { capacitatedMedianMip, radiusMip } from './median-models';
import type { MipSolver } from './mip';
import { SiteSelectionError } from './types';

export interface MedianQuestion {
  p: number;
  maxCost: number | undefined;
  unservedCost: number | undefined;
}

/** method 'heuristic': the Lagrangian bound stops once within this of the answer (relative). */
export const HEURISTIC_BOUND_GAP = 0.005;

const infeasible = () =>
  new SiteSelectionError(
    'infeasible',
    'no choice of p new sites can serve every demand point: raise p, or allow unserved demand (an unserved cost)',
  );

export async function selectMedian(
  inst: Instance,
  question: MedianQuestion,
  ctx: SolveContext,
  solver: MipSolver,
): Promise<Outcome> {
  const { p, maxCost, unservedCost } = question;
  const rows = medianRows(inst, maxCost, unservedCost);
  if (rows.unreachable.length > 0) {
    const ids = rows.unreachable.map((i) => inst.demandIds[i]);
    throw new SiteSelectionError(
      'unreachable_demand',
      `no site can serve demand point(s) ${listIds(ids)}` +
        (maxCost !== undefined ? ` within ${maxCost}` : '') +
        ': give them cost pairs, or allow unserved demand (an unserved cost)',
      { demand: ids },
    );
  }
  if (rows.site.length < inst.pairSite.length)
    ctx.notes.push(
      `${inst.pairSite.length - rows.site.length} of ${inst.pairSite.length} pairs set aside: costlier than the point’s nearest fixed site or its unserved cost, or above maxCost`,
    );
  if (inst.capacitated) return capacitated(inst, rows, question, ctx, solver);

  const options = { model: 'pmedian' as const, maxCost, unservedCost };
  const m = inst.siteIds.length;
  const candidates = candidatesOf(inst);
  ctx.progress('heuristic', null, null);
  let heuristic = medianGreedySwap(inst.weight, rows, m, candidates, p, ctx.keepGoing);
  ctx.checkpoint();
  ctx.progress('heuristic', Number.isFinite(heuristic.cost) ? heuristic.cost : null, null);
  const lagrangian = Number.isFinite(heuristic.cost)
    ? medianLagrangian(inst.weight, rows, m, candidates, p, heuristic.cost, heuristic.pointCost, {
        keepGoing: ctx.keepGoing,
        // Asked for the heuristic only, the bound just measures its answer: close enough is enough.
        relativeGap:
          ctx.method === 'heuristic'
            ? Math.max(ctx.relativeGap, HEURISTIC_BOUND_GAP)
            : ctx.relativeGap,
      })
    : null;
  ctx.checkpoint();
  // The relaxation's own choices, priced and improved by swaps, often beat the greedy's.
  if (lagrangian?.pick && lagrangian.pick.value < heuristic.cost) {
    const swapped = medianGreedySwap(
      inst.weight,
      rows,
      m,
      candidates,
      p,
      ctx.keepGoing,
      lagrangian.pick.sites,
    );
    if (swapped.cost < heuristic.cost) heuristic = swapped;
  }
  const upper = heuristic.cost;
  const served = Number.isFinite(upper);
  const heuristicAnswer = (bound: number, optimal: boolean, stoppedBy: Outcome['stoppedBy']) => ({
    method: 'heuristic' as const,
    optimal,
    stoppedBy,
    bound,
    evaluation: evaluateOpen(inst, heuristic.open, options),
    coveredByFixed: null,
    mipRows: 0,
    mipCols: 0,
  });

  const tolerance = ctx.relativeGap * Math.max(1e-9, Math.abs(upper));
  if (lagrangian) {
    ctx.progress('bound', upper, lagrangian.bound);
    if (upper - lagrangian.bound <= tolerance) {
      ctx.notes.push('the Lagrangian bound meets the heuristic’s cost: optimal without the MIP');
      return heuristicAnswer(lagrangian.bound, true, null);
    }
  }
  const fix = lagrangian
    ? fixWithCardinality(
        { sense: 'min', ...lagrangian, candidates, threshold: upper - tolerance },
        p,
      )
    : new Int8Array(m);
  const { ruledOut, forced } = countFixes(fix);
  const reduced = restrictInstance(inst, fix);
  const reducedRows = medianRows(reduced, maxCost, unservedCost);
  const entries = radiusEntries(reducedRows, reduced.candidateCount, p - forced);
  if (!ctx.wantsExact(entries)) {
    if (!lagrangian) throw infeasible();
    return heuristicAnswer(lagrangian.bound, false, ctx.method === 'heuristic' ? null : 'size');
  }
  if (ruledOut + forced > 0)
    ctx.notes.push(
      `Lagrangian reduced costs ruled out ${ruledOut} candidates and forced ${forced} open, exactly; the MIP decides among the other ${reduced.candidateCount}`,
    );
  const model = radiusMip(reduced, reducedRows, p - forced);
  const solution = await solver.solve(
    model.mip,
    ctx.mipOptions(startFromOpen(heuristic.open, model.yCol)),
  );
  if (solution.status === 'infeasible') {
    if (served) return heuristicAnswer(upper, true, null);
    throw infeasible();
  }
  let answer = served ? evaluateOpen(inst, heuristic.open, options) : null;
  let fromSolver = false;
  if (solution.values) {
    const open = openFromValues(solution.values, model.yCol);
    for (let j = 0; j < m; j++) if (fix[j] === FORCED_OPEN) open[j] = 1;
    const mipAnswer = evaluateOpen(inst, open, options);
    if (!answer || mipAnswer.objective < answer.objective) {
      answer = mipAnswer;
      fromSolver = true;
    }
  }
  if (!answer)
    throw new SiteSelectionError(
      'no_solution',
      `no solution found within the time limit (${ctx.timeLimitSec} s)`,
    );
  // Solutions the fixing set aside cost at least upper − tolerance.
  let bound = solution.bound ?? -Infinity;
  if (served) bound = Math.min(bound, upper - tolerance);
  if (lagrangian) bound = Math.max(bound, lagrangian.bound);
  const optimal = solution.status === 'optimal';
  if (!optimal) ctx.timeLimitNote(solution, fromSolver ? 'solver' : 'heuristic');
  return {
    method: optimal || fromSolver ? 'exact' : 'heuristic',
    optimal,
    stoppedBy: optimal ? null : 'time_limit',
    bound: Number.isFinite(bound) ? bound : answer.objective,
    evaluation: answer,
    coveredByFixed: null,
    mipRows: model.mip.rowLower.length,
    mipCols: model.mip.colCost.length,
  };
}

/** Matrix entries of the radius model: about three per level, levels cut as radiusMip cuts them. */
function radiusEntries(rows: MedianRows, candidateCount: number, p: number): number {
  const guaranteed = p > 0 ? candidateCount - p + 1 : Infinity;
  let entries = candidateCount;
  for (let i = 0; i + 1 < rows.start.length; i++)
    entries += 3 * Math.min(rows.start[i + 1] - rows.start[i], guaranteed);
  return entries;
}

async function capacitated(
  inst: Instance,
  rows: MedianRows,
  question: MedianQuestion,
  ctx: SolveContext,
  solver: MipSolver,
): Promise<Outcome> {
  if (ctx.method === 'heuristic')
    ctx.notes.push(
      'with capacities there is no heuristic: the MIP solver runs within the time limit',
    );
  const model = capacitatedMedianMip(inst, rows, question.p);
  const solution = await solver.solve(model.mip, ctx.mipOptions());
  if (solution.status === 'infeasible')
    throw new SiteSelectionError(
      'infeasible',
      'the sites’ capacities cannot serve every demand point: raise p or the capacities, or allow unserved demand (an unserved cost)',
    );
  if (!solution.values)
    throw new SiteSelectionError(
      'no_solution',
      `no solution found within the time limit (${ctx.timeLimitSec} s)`,
    );
  const values = solution.values;
  const shares: Share[] = [];
  for (let i = 0; i < inst.weight.length; i++) {
    for (let k = rows.start[i]; k < rows.start[i + 1]; k++) {
      const share = values[model.xFirst + k];
      if (share > 1e-9) shares.push({ demand: i, site: rows.site[k], cost: rows.cost[k], share });
    }
    const u = model.uCol[i];
    if (u >= 0 && rows.tailSite[i] >= 0 && values[u] > 1e-9)
      shares.push({ demand: i, site: rows.tailSite[i], cost: rows.tail[i], share: values[u] });
  }
  const open = openFromValues(values, model.yCol);
  const optimal = solution.status === 'optimal';
  if (!optimal) ctx.timeLimitNote(solution, 'solver');
  const evaluation = evaluateShares(inst, open, shares, {
    model: 'pmedian',
    maxCost: question.maxCost,
    unservedCost: question.unservedCost,
  });
  return {
    method: 'exact',
    optimal,
    stoppedBy: optimal ? null : 'time_limit',
    bound: solution.bound ?? evaluation.objective,
    evaluation,
    coveredByFixed: null,
    mipRows: model.mip.rowLower.length,
    mipCols: model.mip.colCost.length,
  };
}
