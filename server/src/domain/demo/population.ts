/**
 * Population and children under 3 of each commune for each year.
 *
 * Sizes by role: a prefecture of 53-66k, towns of 5.5-19k, suburbs of 1.8-6.5k, bourgs of
 * 1.5-3.8k and villages mostly 100-1,500 (log-normal, median ~330), villages then scaled so
 * the département holds about 1,070 inhabitants per commune (~300k for 280 communes).
 * Trends: suburbs grow 0.8-2.5% a year, the prefecture and towns stagnate or shrink a little,
 * villages drift between -1.2% and +0.6% with ±1.2% noise a year (small numbers fluctuate).
 * Children under 3: a commune's share of its population (2.0-3.5%, 2.7% on average, higher in
 * suburbs), times a births factor that falls ~1.7% a year as French births did (2019→2024),
 * plus counting noise.
 */
import type { Random } from './random';
import type { SettlementRole } from './settlements';
import type { DemoPopulation } from './types';

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;
/** Relative number of births by year (under-3s lag births; the fall is what matters). */
const BIRTHS_FACTOR = [1.045, 1.03, 1.01, 1.0, 0.975, 0.955];
/** Inhabitants per commune the département is scaled to (a rural département's average). */
const INHABITANTS_PER_COMMUNE = 1_070;

interface Profile {
  base: (r: Random) => number;
  growthPerYear: (r: Random) => number;
  noiseSd: number;
  under3Share: (r: Random) => number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

const PROFILES: Record<SettlementRole, Profile> = {
  prefecture: {
    base: (r) => r.range(53_000, 66_000),
    growthPerYear: (r) => r.range(-0.005, 0.001),
    noiseSd: 0.001,
    under3Share: (r) => r.range(0.027, 0.031),
  },
  town: {
    base: (r) => Math.exp(r.range(Math.log(5_500), Math.log(17_000))),
    growthPerYear: (r) => r.range(-0.006, 0.003),
    noiseSd: 0.002,
    under3Share: (r) => clamp(r.normal(0.027, 0.002), 0.022, 0.033),
  },
  suburb: {
    base: (r) => r.range(1_800, 6_500),
    growthPerYear: (r) => r.range(0.008, 0.025),
    noiseSd: 0.004,
    under3Share: (r) => clamp(r.normal(0.031, 0.002), 0.026, 0.035),
  },
  bourg: {
    base: (r) => r.range(1_500, 3_800),
    growthPerYear: (r) => r.range(-0.005, 0.008),
    noiseSd: 0.006,
    under3Share: (r) => clamp(r.normal(0.027, 0.0025), 0.021, 0.034),
  },
  village: {
    base: (r) => clamp(r.logNormal(330, 0.75), 70, 1_450),
    growthPerYear: (r) => r.range(-0.012, 0.006),
    noiseSd: 0.012,
    under3Share: (r) => clamp(r.normal(0.027, 0.0035), 0.02, 0.035),
  },
};

/** Populations of each commune (same order as `roles`), one row per year of `YEARS`. */
export function generatePopulations(
  roles: readonly SettlementRole[],
  random: Random,
): DemoPopulation[][] {
  const n = roles.length;
  const base = roles.map((role) => PROFILES[role].base(random));
  // Scale villages so the département reaches its target size; the fixed roles stay as drawn.
  const target = n * INHABITANTS_PER_COMMUNE * random.range(0.97, 1.03);
  let fixed = 0;
  let villages = 0;
  roles.forEach((role, i) => (role === 'village' ? (villages += base[i]) : (fixed += base[i])));
  if (villages > 0) {
    const factor = clamp((target - fixed) / villages, 0.5, 2);
    roles.forEach((role, i) => {
      if (role === 'village') base[i] = clamp(base[i] * factor, 60, 1_500);
    });
  }

  return roles.map((role, i) => {
    const profile = PROFILES[role];
    const growth = profile.growthPerYear(random);
    const share = profile.under3Share(random);
    return YEARS.map((year, y) => {
      const total = Math.max(
        20,
        Math.round(base[i] * Math.exp(growth * y) * (1 + random.normal(0, profile.noiseSd))),
      );
      const expected = total * share * BIRTHS_FACTOR[y];
      const children = Math.max(
        0,
        Math.round(expected + random.normal(0, 0.6 * Math.sqrt(expected))),
      );
      return { year, total, childrenUnder3: children };
    });
  });
}
