/**
 * The settlement hierarchy of a fictional département: which commune is the prefecture, which
 * are towns (5-20k inhabitants), suburbs of the prefecture, bourgs (market villages of
 * 1,500-4,000 that hold services) and villages. Roles drive population, supply and roads.
 */
import type { Random } from './random';

export type SettlementRole = 'prefecture' | 'town' | 'suburb' | 'bourg' | 'village';

/** The communes of a département in the local frame (km), indexed 0..n-1. */
export interface CommuneLayout {
  /** Chef-lieu (village centre) of each commune, km. */
  x: Float64Array;
  y: Float64Array;
  /** Communes sharing a border with each commune. */
  neighbours: number[][];
  /**
   * Radius (km) of a disc around the chef-lieu that lies inside the commune: facilities and
   * childminders are placed within it.
   */
  clearRadiusKm: Float64Array;
  /** Radius (km) of each chef-lieu's built-up area, once its places are known (places.ts). */
  builtRadiusKm?: Float64Array;
  /** Radius of a disc of the département's area, km. */
  effectiveRadiusKm: number;
}

/** About one town per 45 communes and one bourg per 16, as in a rural French département. */
const COMMUNES_PER_TOWN = 45;
const COMMUNES_PER_BOURG = 16;
const MAX_SUBURBS = 8;

export function assignRoles(layout: CommuneLayout, random: Random): SettlementRole[] {
  const n = layout.x.length;
  const roles = new Array<SettlementRole>(n).fill('village');
  const dist = (a: number, b: number) =>
    Math.hypot(layout.x[a] - layout.x[b], layout.y[a] - layout.y[b]);

  // The prefecture sits near the middle, as most do (they were chosen to be reachable in a day).
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) [cx, cy] = [cx + layout.x[i] / n, cy + layout.y[i] / n];
  const central = [...Array(n).keys()]
    .sort(
      (a, b) =>
        Math.hypot(layout.x[a] - cx, layout.y[a] - cy) -
        Math.hypot(layout.x[b] - cx, layout.y[b] - cy),
    )
    .slice(0, 4);
  const prefecture = random.pick(central);
  roles[prefecture] = 'prefecture';
  for (const s of layout.neighbours[prefecture].slice(0, MAX_SUBURBS)) roles[s] = 'suburb';

  const R = layout.effectiveRadiusKm;
  const towns = spreadOut(
    random,
    n,
    Math.round(n / COMMUNES_PER_TOWN),
    [prefecture],
    0.4 * R,
    dist,
    (i) => roles[i] === 'village',
  );
  for (const t of towns) roles[t] = 'town';
  const bourgs = spreadOut(
    random,
    n,
    Math.round(n / COMMUNES_PER_BOURG),
    [prefecture, ...towns],
    0.16 * R,
    dist,
    (i) => roles[i] === 'village',
  );
  for (const b of bourgs) roles[b] = 'bourg';
  return roles;
}

/**
 * Up to `count` eligible communes, at least `minDistKm` from each other and from `taken`,
 * drawn at random; the distance is relaxed step by step when the département is too small.
 */
function spreadOut(
  random: Random,
  n: number,
  count: number,
  taken: readonly number[],
  minDistKm: number,
  dist: (a: number, b: number) => number,
  eligible: (i: number) => boolean,
): number[] {
  const chosen: number[] = [];
  const order = random.shuffle([...Array(n).keys()]);
  for (let d = minDistKm; chosen.length < count && d > minDistKm / 8; d *= 0.8) {
    for (const i of order) {
      if (chosen.length >= count) break;
      if (!eligible(i) || chosen.includes(i)) continue;
      if ([...taken, ...chosen].every((j) => dist(i, j) >= d)) chosen.push(i);
    }
  }
  return chosen;
}
