/**
 * Seeded synthetic site-selection instances with a realistic spatial layout, for bench:locate.
 *
 * A square territory of `side_km`; towns drawn uniformly with log-normal populations (the largest
 * in the middle, as a prefecture); children live around towns (a kernel whose reach grows with
 * the town) over a thin rural background. Demand is either points drawn from that density
 * (`demandPoints`) or a 1 km grid whose cells carry the density (`grid`). Candidates sit mostly
 * in towns (drawn by population), some anywhere. Travel time: a 1.5 min access, then the
 * straight-line distance × a detour factor of 1.2–1.45 (fixed per pair) at 55 km/h; pairs above
 * `maxMinutes` are left out, as a travel-time matrix cut at that time would.
 */
import { Random } from '../server/src/domain/demo/random';
import type { CostPairs, DemandPoint, SiteInput } from '../server/src/domain/site-selection';

export interface SyntheticOptions {
  seed: number;
  side_km: number;
  /** Demand as drawn points (this many) or as the 1 km grid cells of the territory. */
  demand: { points: number } | { grid: true };
  candidates: number;
  maxMinutes: number;
}

export interface SyntheticInstance {
  demand: DemandPoint[];
  sites: SiteInput[];
  costs: CostPairs;
}

interface Town {
  x: number;
  y: number;
  pop: number;
  reach_km: number;
}

function towns(rng: Random, side_km: number): Town[] {
  const count = Math.max(3, Math.round((side_km * side_km) / 60));
  const out: Town[] = [];
  for (let t = 0; t < count; t++) {
    const pop = t === 0 ? 60_000 : Math.min(30_000, rng.logNormal(600, 1.3));
    const x = t === 0 ? side_km / 2 : rng.range(0, side_km);
    const y = t === 0 ? side_km / 2 : rng.range(0, side_km);
    out.push({ x, y, pop, reach_km: 0.6 + Math.sqrt(pop) / 60 });
  }
  return out;
}

/** Children under 3 per km² at (x, y): 3.3 % of the population, plus a rural background. */
function density(all: Town[], x: number, y: number): number {
  let d = 0.4;
  for (const t of all) {
    const r2 = ((t.x - x) ** 2 + (t.y - y) ** 2) / (t.reach_km * t.reach_km);
    if (r2 < 25) d += (0.033 * t.pop * Math.exp(-r2 / 2)) / (2 * Math.PI * t.reach_km * t.reach_km);
  }
  return d;
}

function nearTown(rng: Random, all: Town[], weights: number[]): [number, number] {
  const t = all[rng.weightedIndex(weights)];
  return [t.x + rng.normal(0, t.reach_km), t.y + rng.normal(0, t.reach_km)];
}

export function syntheticInstance(options: SyntheticOptions): SyntheticInstance {
  const { seed, side_km, candidates, maxMinutes } = options;
  const rng = new Random(seed);
  const all = towns(rng.fork('towns'), side_km);
  const pops = all.map((t) => t.pop);
  const xs: number[] = [];
  const ys: number[] = [];
  const demand: DemandPoint[] = [];
  if ('grid' in options.demand) {
    for (let gx = 0; gx < side_km; gx++)
      for (let gy = 0; gy < side_km; gy++) {
        xs.push(gx + 0.5);
        ys.push(gy + 0.5);
        const w = density(all, gx + 0.5, gy + 0.5);
        demand.push({ id: `c${gx}-${gy}`, weight: Math.round(w * 10) / 10 });
      }
  } else {
    const r = rng.fork('demand');
    for (let i = 0; i < options.demand.points; i++) {
      const [x, y] = r.chance(0.8)
        ? nearTown(r, all, pops)
        : [r.range(0, side_km), r.range(0, side_km)];
      xs.push(x);
      ys.push(y);
      demand.push({ id: `d${i}`, weight: Math.max(1, Math.round(r.logNormal(12, 0.8))) });
    }
  }
  const r = rng.fork('candidates');
  const sx: number[] = [];
  const sy: number[] = [];
  const sites: SiteInput[] = [];
  for (let j = 0; j < candidates; j++) {
    const [x, y] = r.chance(0.7)
      ? nearTown(r, all, pops)
      : [r.range(0, side_km), r.range(0, side_km)];
    sx.push(x);
    sy.push(y);
    sites.push({ id: `s${j}` });
  }
  const maxDist = ((maxMinutes - 1.5) * 55) / 60 / 1.2;
  const pd: number[] = [];
  const ps: number[] = [];
  const pc: number[] = [];
  for (let i = 0; i < xs.length; i++)
    for (let j = 0; j < sx.length; j++) {
      const dx = xs[i] - sx[j];
      const dy = ys[i] - sy[j];
      if (Math.abs(dx) > maxDist || Math.abs(dy) > maxDist) continue;
      const dist = Math.sqrt(dx * dx + dy * dy);
      if (dist > maxDist) continue;
      const detour =
        1.2 +
        0.25 * (((Math.imul(i + 1, 2654435761) ^ Math.imul(j + 1, 40503)) >>> 0) / 4294967296);
      const minutes = Math.round((1.5 + (dist * detour * 60) / 55) * 100) / 100;
      if (minutes > maxMinutes) continue;
      pd.push(i);
      ps.push(j);
      pc.push(minutes);
    }
  return {
    demand,
    sites,
    costs: { demand: Int32Array.from(pd), site: Int32Array.from(ps), cost: Float64Array.from(pc) },
  };
}
