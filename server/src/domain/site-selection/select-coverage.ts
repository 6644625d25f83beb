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
import {
  COVERED_BY_FIXED,
  coverageGroups,
  dominatedCandidates,
  groupsBySite,
  type CoverageGroups,
} from './coverage';
import { lscpLagrangian, mclpLagrangian } from './coverage-bounds';
import {
  lscpGreedy,
  mclpGreedySwap,
  type CoverageSolution,
  type SiteView,
} from './coverage-heuristic';
import { capacitatedCoverageMip, lscpMip, mclpMip } from './coverage-models';
import { evaluateOpen, evaluateShares, type Evaluation, type Share } from './evaluate';
import { FORCED_OPEN, RULED_OUT, countFixes, fixWithCardinality } from './fixing';
import { candidatesOf, listIds, restrictInstance, type Instance } from './instance';
import type { MipModel, MipSolution, MipSolver } from './mip';
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

  if (isMclp)
    return mclpExact(inst, groups, bySite, candidates, p, heuristic, best, ctx, solver, maxCost);
  const model = lscpMip(inst, groups);
  const solution = await solver.solve(model.mip, {
    ...ctx.mipOptions(startFromOpen(heuristic.open, model.yCol)),
    presolve: false,
  });
  if (solution.status === 'infeasible')
    throw new SiteSelectionError('infeasible', 'the MIP solver found no feasible choice of sites');
  let fromSolver = false;
  if (solution.values) {
    const mipEval = evaluateOpen(inst, openFromValues(solution.values, model.yCol), options);
    if (mipEval.objective < best.objective) {
      best = mipEval;
      fromSolver = true;
    }
  }
  return mipOutcome(
    ctx,
    base,
    solution,
    model.mip,
    solution.bound ?? best.objective,
    best,
    fromSolver,
  );
}

/**
 * The answer of an exact solve: the solver's status says whether it is optimal, and the sites
 * are the solver's when its solution beat the heuristic's (`fromSolver`).
 */
function mipOutcome(
  ctx: SolveContext,
  base: { coveredByFixed: number },
  solution: MipSolution,
  mip: MipModel,
  bound: number,
  evaluation: Evaluation,
  fromSolver: boolean,
): Outcome {
  const optimal = solution.status === 'optimal';
  if (!optimal) ctx.timeLimitNote(solution, fromSolver ? 'solver' : 'heuristic');
  return {
    ...base,
    method: optimal || fromSolver ? 'exact' : 'heuristic',
    optimal,
    stoppedBy: optimal ? null : 'time_limit',
    bound,
    evaluation,
    mipRows: mip.rowLower.length,
    mipCols: mip.colCost.length,
  };
}

/**
 * Exact mclp without capacities. The LP relaxation's row duals are Lagrangian multipliers at
 * the LP bound (recomputed here, so that the bound holds whatever the solver's tolerances);
 * the LP's and the relaxation's choices of sites, improved by swaps, raise the incumbent; when
 * the bound and the incumbent meet, no MIP is needed. Otherwise the reduced costs rule
 * candidates out or force them open (fixing.ts), the groups are formed again on what is left
 * (fewer sites, more points reached by the same ones) and the MIP decides among the rest.
 */
async function mclpExact(
  inst: Instance,
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
  p: number,
  heuristic: CoverageSolution,
  heuristicEval: Evaluation,
  ctx: SolveContext,
  solver: MipSolver,
  maxCost: number,
): Promise<Outcome> {
  const options = { model: 'mclp' as const, maxCost, unservedCost: undefined };
  const original = inst;
  const dominated = dominatedCandidates(groups, bySite, candidates, p);
  const { ruledOut: dominatedCount } = countFixes(dominated);
  if (dominatedCount > 0) {
    inst = restrictInstance(inst, dominated);
    groups = coverageGroups(inst, maxCost);
    bySite = groupsBySite(groups, inst.siteIds.length);
    candidates = candidatesOf(inst);
    heuristic = mclpGreedySwap(groups, bySite, candidates, p, ctx.keepGoing);
    heuristicEval = evaluateOpen(original, heuristic.open, options);
    ctx.notes.push(
      `${dominatedCount} candidates set aside: another reaches every group they reach (${groups.weight.length} groups left)`,
    );
  }
  const G = groups.weight.length;
  const full = mclpMip(inst, groups, p);
  const lp = await solver.solve(
    { ...full.mip, integer: new Uint8Array(full.mip.integer.length) },
    { ...ctx.mipOptions(undefined, 'bound'), lpMethod: 'interior-point' },
  );
  ctx.checkpoint();
  let initial: Float64Array | undefined;
  if (lp.rowDual) {
    initial = new Float64Array(G);
    for (let g = 0; g < G; g++) initial[g] = Math.abs(lp.rowDual[g + 1]);
  }
  let incumbent = heuristic;
  ctx.progress('bound', heuristicEval.objective, null);
  const lag = mclpLagrangian(groups, bySite, candidates, p, incumbent.covered, {
    keepGoing: ctx.keepGoing,
    relativeGap: ctx.relativeGap,
    initial,
    // From the LP's (optimal) duals the bound cannot rise, but the steps' own choices of sites
    // vary and start the swaps below from new places.
    iterations: initial ? 100 : 1000,
  });
  ctx.checkpoint();
  const starts: number[][] = [];
  if (lp.values) {
    const y = lp.values;
    const byValue = Array.from(candidates).sort(
      (a, b) => y[full.yCol[b]] - y[full.yCol[a]] || a - b,
    );
    starts.push(byValue.slice(0, p));
  }
  if (lag.pick) starts.push(lag.pick.sites);
  for (const start of starts) {
    const swapped = mclpGreedySwap(groups, bySite, candidates, p, ctx.keepGoing, start);
    if (swapped.covered > incumbent.covered) incumbent = swapped;
  }
  const whole = groups.weight.every(Number.isInteger);
  // A better answer than `covered` covers more than this (a whole unit more for whole weights).
  const beyond = (covered: number) =>
    whole
      ? covered + 1 - 1e-6 * Math.max(1, covered)
      : covered + ctx.relativeGap * Math.max(1e-9, covered);
  // The MIP restricted to the sites the LP uses (and the incumbent's): small, and often optimal.
  if (lp.values && lag.bound >= beyond(incumbent.covered)) {
    const y = lp.values;
    const fix = new Int8Array(inst.siteIds.length);
    let kept = 0;
    for (const c of candidates) {
      if (y[full.yCol[c]] > 1e-6 || incumbent.open[c]) kept++;
      else fix[c] = RULED_OUT;
    }
    if (kept > p && kept < candidates.length) {
      const sub = restrictInstance(inst, fix);
      const subModel = mclpMip(sub, coverageGroups(sub, maxCost), p);
      const solved = await solver.solve(subModel.mip, {
        ...ctx.mipOptions(startFromOpen(incumbent.open, subModel.yCol), 'bound'),
        timeLimitSec: ctx.remainingSec() / 5,
        presolve: false,
      });
      ctx.checkpoint();
      if (solved.values) {
        const open = openFromValues(solved.values, subModel.yCol);
        const covered = coveredWeight(groups, bySite, candidates, open);
        if (covered > incumbent.covered) incumbent = { open, covered };
      }
    }
  }
  const best =
    incumbent === heuristic ? heuristicEval : evaluateOpen(original, incumbent.open, options);
  const base = { coveredByFixed: groups.fixedCoveredWeight };
  const threshold = beyond(incumbent.covered);
  ctx.progress('bound', best.objective, groups.fixedCoveredWeight + lag.bound);
  if (lag.bound < threshold) {
    // The solver's LP relaxation proves the answer: exact, though no MIP was needed.
    ctx.notes.push('the LP relaxation’s bound meets the coverage found: optimal without the MIP');
    return {
      ...base,
      method: lp.rowDual ? 'exact' : 'heuristic',
      optimal: true,
      stoppedBy: null,
      bound: groups.fixedCoveredWeight + lag.bound,
      evaluation: best,
      mipRows: 0,
      mipCols: 0,
    };
  }
  const fix = fixWithCardinality(
    { sense: 'max', bound: lag.bound, score: lag.score, candidates, threshold },
    p,
  );
  const { ruledOut, forced } = countFixes(fix);
  const reduced = restrictInstance(inst, fix);
  const reducedGroups = ruledOut + forced > 0 ? coverageGroups(reduced, maxCost) : groups;
  if (ruledOut + forced > 0)
    ctx.notes.push(
      `Lagrangian reduced costs ruled out ${ruledOut} candidates and forced ${forced} open, exactly; the MIP decides among the other ${reduced.candidateCount} (${reducedGroups.weight.length} groups)`,
    );
  const model = mclpMip(reduced, reducedGroups, p - forced);
  const solution = await solver.solve(model.mip, {
    ...ctx.mipOptions(startFromOpen(incumbent.open, model.yCol)),
    presolve: false,
  });
  if (solution.status === 'infeasible')
    return {
      ...base,
      method: 'heuristic',
      optimal: true,
      stoppedBy: null,
      bound: best.objective,
      evaluation: best,
      mipRows: 0,
      mipCols: 0,
    };
  let answer = best;
  let fromSolver = false;
  if (solution.values) {
    const open = openFromValues(solution.values, model.yCol);
    for (let j = 0; j < fix.length; j++) if (fix[j] === FORCED_OPEN) open[j] = 1;
    const mipEval = evaluateOpen(original, open, options);
    if (mipEval.objective > answer.objective) {
      answer = mipEval;
      fromSolver = true;
    }
  }
  // Solutions the fixing set aside cover less than the threshold: with whole weights, no more
  // than the incumbent.
  let bound = solution.bound ?? Infinity;
  bound = Math.max(bound, groups.fixedCoveredWeight + (whole ? incumbent.covered : threshold));
  bound = Math.min(bound, groups.fixedCoveredWeight + lag.bound);
  return mipOutcome(ctx, base, solution, model.mip, bound, answer, fromSolver);
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

/** Weight of the groups the open candidates cover. */
function coveredWeight(
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
  open: Uint8Array,
): number {
  const seen = new Uint8Array(groups.weight.length);
  let value = 0;
  for (const c of candidates) {
    if (!open[c]) continue;
    for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) {
      const g = bySite.group[k];
      if (!seen[g]) value += groups.weight[g];
      seen[g] = 1;
    }
  }
  return value;
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
