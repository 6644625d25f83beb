/**
 * The optimiser on the stored data: the demand grid's children (per cell) as demand, candidates
 * from the grid (one per block, domain `gridCandidates`) or given points, existing EAJE and MAM
 * as fixed sites, car times from the routing core, solved by the pure module
 * (server/src/domain/site-selection) with HiGHS or greedy + swap, within a time limit.
 */
import type { z } from 'zod';
import {
  SITE_SELECTION_TIME_LIMIT_S,
  type SiteSelectionAnswer,
  type SiteSelectionProgress,
  type siteSelectionBody,
} from '../../../../contract';
import { InvalidInput } from '../../domain/errors';
import { EXACT_EVERYWHERE } from '../../domain/accounts';
import { travelTimeMatrix } from '../../domain/routing';
import {
  SiteSelectionError,
  gridCandidates,
  type DemandPoint,
  type SiteInput,
} from '../../domain/site-selection';
import { solveInThread, type SolveSites } from './optimiser-pool';
import { siteMetadata, type SiteCardService } from './site-card';

export type SiteSelectionQuery = z.output<typeof siteSelectionBody>;

/** Grid candidates: one per block of this side, doubled until at most MAX_GRID_CANDIDATES. */
const CANDIDATE_BLOCK_M = 1_000;
const MAX_GRID_CANDIDATES = 600;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function optimiseSites(
  cards: SiteCardService,
  q: SiteSelectionQuery,
  signal?: AbortSignal,
  /** Where the selection runs: worker threads (optimiser-pool.ts) or this thread. */
  solve: SolveSites = solveInThread,
  /** Where the run is: reading first, then the optimiser's phases (the stream's lines). */
  onProgress?: (progress: SiteSelectionProgress) => void,
): Promise<SiteSelectionAnswer> {
  // Elapsed time on this thread's clock: the worker's starts later, after any queue.
  const startedMs = performance.now();
  const report = (
    phase: SiteSelectionProgress['phase'],
    objective: number | null = null,
    bound: number | null = null,
    gap: number | null = null,
  ) =>
    onProgress?.({
      phase,
      elapsed_ms: Math.round(performance.now() - startedMs),
      time_limit_ms: SITE_SELECTION_TIME_LIMIT_S * 1000,
      objective: objective === null ? null : round(objective, 2),
      bound: bound === null ? null : round(bound, 2),
      gap: gap === null ? null : round(gap, 6),
    });
  report('reading');
  // Every open EAJE and MAM is a fixed site, those of communes under secrecy too (where a MAM
  // is is public; its places are not): the places of a withheld MAM never reach the answer,
  // which gives it no capacity (the new sites' children served are all a viewer reads).
  const fictional = await cards.sideOf(q.candidates === 'grid' ? [] : q.candidates);
  const run = await cards.sources.accessibility({
    year: q.year,
    exact: EXACT_EVERYWHERE,
    fictional,
  });
  const { network } = await cards.sources.network(fictional);
  signal?.throwIfAborted();

  // Demand: children per cell (a cell split by a commune line is one demand point).
  const byCell = new Map<string, { id: string; lon: number; lat: number; children: number }>();
  for (const c of run.cells) {
    const held = byCell.get(c.cell_id);
    if (held) held.children += c.children;
    else byCell.set(c.cell_id, { id: c.cell_id, lon: c.lon, lat: c.lat, children: c.children });
  }
  const cells = [...byCell.values()];
  const demand: DemandPoint[] = cells.map((c) => ({ id: c.id, weight: c.children }));

  let candidates: { id: string; lon: number; lat: number }[];
  let block_m: number | null = null;
  if (q.candidates === 'grid') {
    const grid = gridCandidates(cells, {
      block_m: CANDIDATE_BLOCK_M,
      maxCandidates: MAX_GRID_CANDIDATES,
    });
    candidates = grid.candidates.map((c) => ({ id: `cand-${c.id}`, lon: c.lon, lat: c.lat }));
    block_m = grid.block_m;
  } else {
    candidates = q.candidates.map((p, k) => ({ id: `point-${k + 1}`, lon: p.lon, lat: p.lat }));
  }
  const fixed = q.fixed ? run.sites.filter((s) => s.mode === 'eaje' || s.mode === 'mam') : [];
  const sites: SiteInput[] = [
    ...fixed.map((s, k) => ({
      id: `fixed-${k}`,
      fixed: true,
      capacity: q.capacity !== undefined && !s.withheld ? s.places : null,
    })),
    ...candidates.map((c) => ({ id: c.id, capacity: q.capacity ?? null })),
  ];
  const positions = [...fixed, ...candidates];
  const matrix = travelTimeMatrix(
    network.graph,
    cells.map((c, i) => ({ id: i, lon: c.lon, lat: c.lat })),
    positions.map((s, j) => ({ id: j, lon: s.lon, lat: s.lat })),
    { mode: 'car', maxMinutes: q.minutes, router: network.router },
  );
  signal?.throwIfAborted();
  const costs = {
    demand: Int32Array.from(matrix.rows, (r) => r.origin),
    site: Int32Array.from(matrix.rows, (r) => r.destination),
    cost: Float64Array.from(matrix.rows, (r) => r.minutes),
  };
  let result;
  try {
    result = await solve(
      { demand, sites, costs },
      {
        model: q.model,
        p: q.model === 'lscp' ? undefined : q.p,
        maxCost: q.minutes,
        unservedCost: q.model === 'pmedian' ? q.minutes : undefined,
        method: q.method,
        timeLimitSec: SITE_SELECTION_TIME_LIMIT_S,
      },
      signal,
      onProgress && ((p) => report(p.phase, p.incumbent, p.bound, p.gap)),
    );
  } catch (error) {
    if (error instanceof SiteSelectionError) {
      throw new InvalidInput(`Invalid request: ${error.message}`, {
        details: [
          { field: error.code === 'p_too_large' ? 'body.p' : 'body', message: error.message },
        ],
      });
    }
    throw error;
  }
  const where = new Map(candidates.map((c) => [c.id, c]));
  const metadata = await siteMetadata(cards.knex, run, network.datasetIds);
  return {
    model: result.model,
    p: result.p,
    minutes: q.minutes,
    year: run.year,
    method: result.method,
    optimal: result.optimal,
    stopped_by: result.stoppedBy,
    objective: round(result.objective, 2),
    bound: round(result.bound, 2),
    gap: round(result.gap, 6),
    total_children: round(result.totalWeight, 1),
    covered_children: round(result.coveredWeight, 1),
    covered_share: round(result.coveredShare, 4),
    covered_by_fixed: result.coveredByFixed === null ? null : round(result.coveredByFixed, 1),
    sites: result.sites
      .filter((s) => !s.fixed)
      .map((s) => ({
        id: s.id,
        lon: where.get(s.id)!.lon,
        lat: where.get(s.id)!.lat,
        children_served: round(s.served, 1),
        capacity: s.capacity,
      })),
    fixed_sites: fixed.length,
    candidates: {
      kind: q.candidates === 'grid' ? 'grid' : 'points',
      count: candidates.length,
      block_m,
    },
    notes: result.notes,
    metadata,
  };
}
