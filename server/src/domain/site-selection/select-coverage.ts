/**
 * mclp and lscp, from the reduced groups to an Outcome.
 *
 * Without capacities: the heuristic first (it is cheap and gives the MIP its start). Then the
 * MIP when the size allows (with HiGHS's presolve off: on these models, already reduced here,
 * it cost several times the solve itself in bench:locate), else the heuristic's answer with
 * the Lagrangian bound (coverage-bounds.ts), whose own best choice of sites is tried too.
 *
 * With capacities: the assignment formulation, solved within the time limit.
 */
import { SolveContext, openFromValues, startFromOpen, type Outcome } from './context';
import { COVERED_BY_FIXED, coverageGroups, groupsBySite, type CoverageGroups } from './coverage';
import { lscpLagrangian, mclpLagrangian } from './coverage-bounds';
import { lscpGreedy, mclpGreedySwap, type CoverageSolution } from './coverage-heuristic';
import { capacitatedCoverageMip, lscpMip, mclpMip } from './coverage-models';
import { evaluateOpen, evaluateShares, type Evaluation, type Share } from './evaluate';
import { candidatesOf, listIds, type Instance } from './instance';
import type { MipSolver } from './mip';
import { SiteSelectionError } from './types';

export interface CoverageQuestion {
  /** null: lscp. */
  p: number | null;
  maxCost: number;
}

function describe(ctx: SolveContext, inst: Instance, groups: CoverageGroups): void {
  const n = inst.weight.length;
  const G = groups.weight.length;
  if (G < n)
    ctx.notes.push(
      `${n} demand points reduced to ${G} groups reached by the same sites` +
        (groups.fixedCoveredWeight > 0 ? ', fixed sites’ coverage set aside' : '') +
        (groups.unreachable.length > 0
          ? `, ${groups.unreachable.length} out of reach of every site left aside`
          : ''),
    );
}

function unreachableError(inst: Instance, groups: CoverageGroups, maxCost: number): never {
  const ids = groups.unreachable.map((i) => inst.demandIds[i]);
  throw new SiteSelectionError(
    'unreachable_demand',
    `no site is within ${maxCost} of demand point(s) ${listIds(ids)}: the set covering has no solution`,
    { demand: ids },
  );
}

export async function selectCoverage(
  inst: Instance,
  question: CoverageQuestion,
  ctx: SolveContext,
  solver: MipSolver,
): Promise<Outcome> {
  const { p, maxCost } = question;
  const isMclp = p !== null;
  const groups = coverageGroups(inst, maxCost);
  describe(ctx, inst, groups);
  if (!isMclp && groups.unreachable.length > 0) unreachableError(inst, groups, maxCost);
  if (inst.capacitated) return capacitated(inst, groups, question, ctx, solver);

  const options = {
    model: isMclp ? ('mclp' as const) : ('lscp' as const),
    maxCost,
    unservedCost: undefined,
  };
  const m = inst.siteIds.length;
  const candidates = candidatesOf(inst);
  const bySite = groupsBySite(groups, m);
  ctx.progress('heuristic', null, null);
  const heuristic: CoverageSolution = isMclp
    ? mclpGreedySwap(groups, bySite, candidates, p, ctx.keepGoing)
    : lscpGreedy(groups, bySite, candidates);
  ctx.checkpoint();
  let best: Evaluation = evaluateOpen(inst, heuristic.open, options);
  ctx.progress('heuristic', best.objective, null);
  const base = { coveredByFixed: groups.fixedCoveredWeight };
  // A better mclp answer covers one more whole unit when weights are whole.
  const whole = isMclp ? groups.weight.every(Number.isInteger) : true;
  const proven = (value: number, bound: number) =>
    isMclp
      ? bound - value <= (whole ? 1 - 1e-6 : ctx.relativeGap * Math.max(1e-9, value))
      : bound >= value;

  const entries = groups.site.length + (isMclp ? groups.weight.length + candidates.length : 0);
  if (!ctx.wantsExact(entries)) {
    ctx.progress('bound', best.objective, null);
    let bound: number;
    if (isMclp) {
      const lag = mclpLagrangian(groups, bySite, candidates, p, heuristic.covered, {
        keepGoing: ctx.keepGoing,
        relativeGap: ctx.relativeGap,
      });
      if (lag.pick && lag.pick.value > heuristic.covered) {
        const swapped = mclpGreedySwap(
          groups,
          bySite,
          candidates,
          p,
          ctx.keepGoing,
          lag.pick.sites,
        );
        if (swapped.covered > heuristic.covered) best = evaluateOpen(inst, swapped.open, options);
      }
      bound = groups.fixedCoveredWeight + lag.bound;
    } else {
      const lag = lscpLagrangian(groups, bySite, candidates, best.objective, {
        keepGoing: ctx.keepGoing,
        relativeGap: ctx.relativeGap,
      });
      bound = Math.ceil(lag.bound - 1e-6);
    }
    ctx.checkpoint();
    return {
      ...base,
      method: 'heuristic',
      optimal: proven(best.objective, bound),
      stoppedBy: ctx.method === 'heuristic' ? null : 'size',
      bound,
      evaluation: best,
      mipRows: 0,
      mipCols: 0,
    };
  }

  const model = isMclp ? mclpMip(inst, groups, p) : lscpMip(inst, groups);
  const solution = await solver.solve(model.mip, {
    ...ctx.mipOptions(startFromOpen(heuristic.open, model.yCol)),
    presolve: false,
  });
  if (solution.status === 'infeasible')
    throw new SiteSelectionError('infeasible', 'the MIP solver found no feasible choice of sites');
  let fromSolver = false;
  if (solution.values) {
    const mipEval = evaluateOpen(inst, openFromValues(solution.values, model.yCol), options);
    if (isMclp ? mipEval.objective > best.objective : mipEval.objective < best.objective) {
      best = mipEval;
      fromSolver = true;
    }
  }
  const optimal = solution.status === 'optimal';
  if (!optimal) ctx.timeLimitNote(solution, fromSolver ? 'solver' : 'heuristic');
  return {
    ...base,
    method: optimal || fromSolver ? 'exact' : 'heuristic',
    optimal,
    stoppedBy: optimal ? null : 'time_limit',
    bound: solution.bound ?? best.objective,
    evaluation: best,
    mipRows: model.mip.rowLower.length,
    mipCols: model.mip.colCost.length,
  };
}

async function capacitated(
  inst: Instance,
  groups: CoverageGroups,
  question: CoverageQuestion,
  ctx: SolveContext,
  solver: MipSolver,
): Promise<Outcome> {
  const { p, maxCost } = question;
  if (ctx.method === 'heuristic')
    ctx.notes.push(
      'with capacities there is no heuristic: the MIP solver runs within the time limit',
    );
  const model = capacitatedCoverageMip(inst, groups, p);
  const solution = await solver.solve(model.mip, ctx.mipOptions());
  if (solution.status === 'infeasible')
    throw new SiteSelectionError(
      'infeasible',
      `the sites’ capacities cannot serve all the demand within ${maxCost}, even with every candidate open`,
    );
  if (!solution.values)
    throw new SiteSelectionError(
      'no_solution',
      `no solution found within the time limit (${ctx.timeLimitSec} s)`,
    );
  const values = solution.values;
  const open = openFromValues(values, model.yCol);
  const members: number[][] = Array.from({ length: groups.weight.length }, () => []);
  const shares: Share[] = [];
  for (let i = 0; i < inst.weight.length; i++) {
    const g = groups.groupOf[i];
    if (g >= 0) members[g].push(i);
    else if (g === COVERED_BY_FIXED) shares.push(nearestFreeFixed(inst, i));
  }
  for (let t = 0; t < model.xGroup.length; t++) {
    const share = values[model.xFirst + t];
    if (share <= 1e-9) continue;
    const j = model.xSite[t];
    for (const i of members[model.xGroup[t]])
      shares.push({ demand: i, site: j, cost: pairCost(inst, i, j), share });
  }
  const evaluation = evaluateShares(inst, open, shares, {
    model: p === null ? 'lscp' : 'mclp',
    maxCost,
    unservedCost: undefined,
  });
  const optimal = solution.status === 'optimal';
  if (!optimal) ctx.timeLimitNote(solution, 'solver');
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

function pairCost(inst: Instance, i: number, j: number): number {
  for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++)
    if (inst.pairSite[k] === j) return inst.pairCost[k];
  return NaN;
}

/** A point covered by an uncapacitated fixed site goes to the nearest such site. */
function nearestFreeFixed(inst: Instance, i: number): Share {
  for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++) {
    const j = inst.pairSite[k];
    if (inst.fixed[j] && inst.capacity[j] === Infinity)
      return { demand: i, site: j, cost: inst.pairCost[k], share: 1 };
  }
  return { demand: i, site: -1, cost: null, share: 0 };
}
