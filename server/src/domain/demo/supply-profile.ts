/**
 * Where the supply goes: the deliberate contrasts a demo must show. Each EPCI gets a
 * childminder density factor (AM per child relative to the département): about one EPCI in
 * eight is "thin" (0.3-0.4, like the 30-40 places per 100 children of the least covered areas)
 * and as many are "dense" (1.55-1.75, like Mayenne's 80+), the prefecture's CA a little below 1
 * (towns rely more on crèches), the rest around 1. Some small villages get no formal supply at
 * all ("deserts": no EAJE, MAM, AM, home care or preschool places), more often in thin EPCI,
 * where villages and bourgs have no crèche either.
 */
import type { Random } from './random';
import type { SettlementRole } from './settlements';

export interface SupplyProfile {
  /** Childminder density factor of each EPCI. */
  epciFactor: number[];
  /** Communes with no formal supply at all. */
  desert: boolean[];
  /** Communes of a thin EPCI: no crèche outside towns either, so the contrast is clear. */
  thin: boolean[];
  /**
   * Relative weight of each commune when drawing where home childminders live: mean children
   * under 3 × EPCI factor × role factor × noise; 0 for deserts.
   */
  childminderWeight: number[];
}

/** Fewer AM per child where crèches are many. */
const ROLE_FACTOR: Record<SettlementRole, number> = {
  prefecture: 0.55,
  town: 0.8,
  suburb: 1.1,
  bourg: 1.0,
  village: 1.0,
};

export function supplyProfile(
  roles: readonly SettlementRole[],
  epciOf: readonly number[],
  epciCount: number,
  meanChildren: readonly number[],
  meanPopulation: readonly number[],
  random: Random,
): SupplyProfile {
  const hasTown = new Array<boolean>(epciCount).fill(false);
  roles.forEach((role, i) => {
    if (role === 'town' || role === 'prefecture') hasTown[epciOf[i]] = true;
  });
  // Thin and dense EPCI are rural ones (no town), so crèches do not blur the contrast.
  const rural = random.shuffle([...Array(epciCount).keys()].filter((e) => e !== 0 && !hasTown[e]));
  const others = random.shuffle([...Array(epciCount).keys()].filter((e) => e !== 0 && hasTown[e]));
  const pool = [...rural, ...others];
  const extremes = Math.max(1, Math.round(epciCount / 8));
  const thin = new Set(pool.slice(0, Math.min(extremes, Math.floor(pool.length / 2))));
  const dense = new Set(
    pool.slice(thin.size, thin.size + Math.min(extremes, pool.length - thin.size)),
  );

  const epciFactor = [...Array(epciCount).keys()].map((e) => {
    if (e === 0) return random.range(0.8, 1.0);
    if (thin.has(e)) return random.range(0.22, 0.3);
    if (dense.has(e)) return random.range(1.25, 1.4);
    return Math.min(1.35, Math.max(0.65, random.logNormal(1, 0.18)));
  });

  const desert = roles.map((role, i) => {
    if (role !== 'village' || meanPopulation[i] >= 500) return false;
    return random.chance(thin.has(epciOf[i]) ? 0.25 : 0.04);
  });
  // A demo must show at least one commune without any supply.
  if (!desert.includes(true)) {
    let smallest = -1;
    roles.forEach((role, i) => {
      if (role === 'village' && (smallest < 0 || meanPopulation[i] < meanPopulation[smallest]))
        smallest = i;
    });
    if (smallest >= 0) desert[smallest] = true;
  }

  const childminderWeight = roles.map((role, i) =>
    desert[i]
      ? 0
      : meanChildren[i] * epciFactor[epciOf[i]] * ROLE_FACTOR[role] * random.range(0.6, 1.4),
  );
  return { epciFactor, desert, thin: epciOf.map((e) => thin.has(e)), childminderWeight };
}
