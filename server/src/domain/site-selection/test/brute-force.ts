/**
 * Test oracle: the optimum of a small site-selection question by enumerating every choice of
 * new sites. For each choice the allocation is computed independently of the models under test:
 * nearest open site without capacities, a min-cost flow with them (children may be split
 * between sites, as in the models).
 */
import type { SiteSelectionInput, SiteSelectionOptions } from '../types';

interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

/** Successive shortest paths (Bellman-Ford): max flow from s to t at least cost. */
function minCostMaxFlow(
  nodes: number,
  arcs: [number, number, number, number][],
  s: number,
  t: number,
) {
  const graph: Edge[][] = Array.from({ length: nodes }, () => []);
  for (const [u, v, cap, cost] of arcs) {
    graph[u].push({ to: v, cap, cost, rev: graph[v].length });
    graph[v].push({ to: u, cap: 0, cost: -cost, rev: graph[u].length - 1 });
  }
  let flow = 0;
  let cost = 0;
  for (;;) {
    const dist = new Array(nodes).fill(Infinity);
    const prev: [number, number][] = new Array(nodes);
    dist[s] = 0;
    for (let round = 0; round < nodes; round++) {
      let changed = false;
      for (let u = 0; u < nodes; u++) {
        if (dist[u] === Infinity) continue;
        graph[u].forEach((e, k) => {
          if (e.cap > 1e-12 && dist[u] + e.cost < dist[e.to] - 1e-12) {
            dist[e.to] = dist[u] + e.cost;
            prev[e.to] = [u, k];
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[t] === Infinity) return { flow, cost };
    let push = Infinity;
    for (let v = t; v !== s; v = prev[v][0])
      push = Math.min(push, graph[prev[v][0]][prev[v][1]].cap);
    for (let v = t; v !== s; v = prev[v][0]) {
      const e = graph[prev[v][0]][prev[v][1]];
      e.cap -= push;
      graph[v][e.rev].cap += push;
    }
    flow += push;
    cost += push * dist[t];
  }
}

export interface BruteForceAnswer {
  /** Best objective; null when no choice is feasible. */
  objective: number | null;
  /** Every choice of new sites (ids, sorted) reaching that objective. */
  optimalChoices: string[][];
}

/** Value of one choice of new sites, or null when infeasible. */
function valueOf(
  input: SiteSelectionInput,
  options: SiteSelectionOptions,
  open: boolean[],
): number | null {
  const { demand, sites, costs } = input;
  const { model, maxCost, unservedCost } = options;
  const isOpen = (j: number) => open[j] || sites[j].fixed === true;
  const capacitated = sites.some((s) => s.capacity !== null && s.capacity !== undefined);
  const allowed = (k: number) => {
    const c = costs.cost[k];
    return model === 'pmedian' ? maxCost === undefined || c <= maxCost : c <= (maxCost as number);
  };
  const n = demand.length;
  const total = demand.reduce((a, d) => a + d.weight, 0);
  if (!capacitated) {
    let covered = 0;
    let cost = 0;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let k = 0; k < costs.cost.length; k++)
        if (costs.demand[k] === i && isOpen(costs.site[k]) && allowed(k))
          best = Math.min(best, costs.cost[k]);
      if (unservedCost !== undefined) best = Math.min(best, unservedCost);
      if (best < Infinity) covered += demand[i].weight;
      else if (demand[i].weight > 0 && model !== 'mclp') return null;
      if (demand[i].weight > 0) cost += demand[i].weight * best;
    }
    if (model === 'mclp') return covered;
    if (model === 'pmedian') return cost;
    return covered === total ? open.filter(Boolean).length : null;
  }
  // Nodes: source 0, demand 1..n, sites n+1..n+m, sink n+m+1.
  const m = sites.length;
  const sink = n + m + 1;
  const arcs: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    arcs.push([0, 1 + i, demand[i].weight, 0]);
    if (unservedCost !== undefined) arcs.push([1 + i, sink, Infinity, unservedCost]);
  }
  for (let k = 0; k < costs.cost.length; k++)
    if (isOpen(costs.site[k]) && allowed(k))
      arcs.push([
        1 + costs.demand[k],
        1 + n + costs.site[k],
        Infinity,
        model === 'pmedian' ? costs.cost[k] : 0,
      ]);
  for (let j = 0; j < m; j++)
    if (isOpen(j)) arcs.push([1 + n + j, sink, sites[j].capacity ?? Infinity, 0]);
  const { flow, cost } = minCostMaxFlow(sink + 1, arcs, 0, sink);
  if (model === 'mclp') return flow;
  if (flow < total - 1e-9) return null;
  return model === 'pmedian' ? cost : open.filter(Boolean).length;
}

/** Enumerates every set of new sites (size p, or any size for lscp). */
export function bruteForce(
  input: SiteSelectionInput,
  options: SiteSelectionOptions,
): BruteForceAnswer {
  const candidates = input.sites.map((s, j) => (s.fixed ? -1 : j)).filter((j) => j >= 0);
  const sense = options.model === 'mclp' ? 1 : -1;
  let objective: number | null = null;
  let optimalChoices: string[][] = [];
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const chosen = candidates.filter((_, t) => mask & (1 << t));
    if (options.model !== 'lscp' && chosen.length !== options.p) continue;
    const open = input.sites.map((_, j) => chosen.includes(j));
    const value = valueOf(input, options, open);
    if (value === null) continue;
    const ids = chosen.map((j) => input.sites[j].id).sort();
    if (objective === null || sense * (value - objective) > 1e-9) {
      objective = value;
      optimalChoices = [ids];
    } else if (Math.abs(value - objective) <= 1e-9) optimalChoices.push(ids);
  }
  return { objective, optimalChoices };
}
