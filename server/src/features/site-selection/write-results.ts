/**
 * The answer of `locate` as three CSV files (comma-separated, decimal point, UTF-8), written
 * side by side from `--out sites.csv`:
 *
 *   sites.csv              site,kind,capacity,served,demand_points
 *                          one row per open site: fixed ones first, then the new ones;
 *                          kind: fixed | new; served: demand weight it serves (within the
 *                          standard for mclp and lscp); demand_points: points it serves
 *   sites.assignments.csv  demand,site,cost,weight,covered
 *                          each demand point's site and cost; a point split between sites by
 *                          capacities has one row per site; site empty: not served
 *   sites.summary.csv      key,value: the question, the method (exact | heuristic), whether the
 *                          answer is proven optimal, objective, bound, gap, covered share, notes
 */
import { stringify } from 'csv-stringify/sync';
import type { SiteSelectionOptions, SiteSelectionResult } from '../../domain/site-selection';

/** Rounded for reading, not for computing: 1e-9 crumbs of a solver do not reach the files. */
const num = (x: number | null) => (x === null ? '' : String(Math.round(x * 1e6) / 1e6));
const cast = { cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } };

export function sitesCsv(result: SiteSelectionResult): string {
  return stringify(
    result.sites.map((s) => [
      s.id,
      s.fixed ? 'fixed' : 'new',
      num(s.capacity),
      num(s.served),
      s.demandPoints,
    ]),
    { header: true, columns: ['site', 'kind', 'capacity', 'served', 'demand_points'], ...cast },
  );
}

export function assignmentsCsv(result: SiteSelectionResult): string {
  return stringify(
    result.assignments.map((a) => [a.demand, a.site ?? '', num(a.cost), num(a.weight), a.covered]),
    { header: true, columns: ['demand', 'site', 'cost', 'weight', 'covered'], ...cast },
  );
}

export function summaryCsv(
  result: SiteSelectionResult,
  options: Pick<SiteSelectionOptions, 'unservedCost' | 'timeLimitSec'>,
): string {
  const rows: [string, string | number | boolean][] = [
    ['model', result.model],
    ['p', result.p ?? ''],
    ['max_cost', num(result.maxCost)],
    ['unserved_cost', num(options.unservedCost ?? null)],
    ['capacitated', result.capacitated],
    ['method', result.method],
    ['optimal', result.optimal],
    ['stopped_by', result.stoppedBy ?? ''],
    ['objective', num(result.objective)],
    ['bound', num(result.bound)],
    ['gap', num(result.gap)],
    ['new_sites', result.sites.filter((s) => !s.fixed).length],
    ['fixed_sites', result.sites.filter((s) => s.fixed).length],
    ['total_weight', num(result.totalWeight)],
    ['covered_weight', num(result.coveredWeight)],
    ['covered_share', num(result.coveredShare)],
    ['covered_by_fixed', num(result.coveredByFixed)],
    ['demand_points', result.size.demandPoints],
    ['sites', result.size.sites],
    ['pairs', result.size.pairs],
    ['time_limit_s', options.timeLimitSec ?? 60],
    ...result.notes.map((n): [string, string] => ['note', n]),
  ];
  return stringify(rows, { header: true, columns: ['key', 'value'], ...cast });
}

/** `dir/sites.csv` → the three paths. */
export function outputPaths(out: string) {
  const base = out.replace(/\.csv$/i, '');
  return {
    sites: `${base}.csv`,
    assignments: `${base}.assignments.csv`,
    summary: `${base}.summary.csv`,
  };
}
