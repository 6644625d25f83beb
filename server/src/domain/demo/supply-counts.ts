/**
 * Home care (garde à domicile) and preschool (préscolarisation of 2-year-olds) places, known
 * only as counts per commune and year. Small numbers, mostly in towns: home care is an urban,
 * well-off mode (about 2% of children in the prefecture and suburbs, less in towns, rare
 * elsewhere); school places for 2-year-olds exist where a school takes "toute petite section"
 * (towns, half of the bourgs, a quarter of the larger villages). Each commune keeps its own rate;
 * counts follow its children year by year. Only positive counts are listed.
 */
import type { Random } from './random';
import type { SettlementRole } from './settlements';
import type { DemoPopulation, DemoSupplyCount } from './types';

interface Rates {
  homeCare: number;
  preschool: number;
}

function ratesFor(role: SettlementRole, population: number, r: Random): Rates {
  switch (role) {
    case 'prefecture':
      return { homeCare: r.range(0.018, 0.03), preschool: r.range(0.02, 0.035) };
    case 'town':
      return { homeCare: r.range(0.006, 0.016), preschool: r.range(0.02, 0.05) };
    case 'suburb':
      return {
        homeCare: r.range(0.015, 0.035),
        preschool: r.chance(0.5) ? r.range(0.02, 0.05) : 0,
      };
    case 'bourg':
      return { homeCare: r.range(0, 0.01), preschool: r.chance(0.5) ? r.range(0.03, 0.09) : 0 };
    default:
      return {
        homeCare: r.chance(0.05) ? r.range(0.005, 0.02) : 0,
        preschool: population >= 400 && r.chance(0.25) ? r.range(0.02, 0.08) : 0,
      };
  }
}

export function generateSupplyCounts(
  order: readonly number[],
  roles: readonly SettlementRole[],
  desert: readonly boolean[],
  populations: readonly DemoPopulation[][],
  communeCodes: readonly string[],
  random: Random,
): DemoSupplyCount[] {
  const counts: DemoSupplyCount[] = [];
  for (const i of order) {
    if (desert[i]) continue;
    const rates = ratesFor(roles[i], populations[i][0].total, random);
    for (const { year, childrenUnder3 } of populations[i]) {
      const homeCare = Math.round(childrenUnder3 * rates.homeCare * random.range(0.85, 1.15));
      const preschool = Math.round(childrenUnder3 * rates.preschool * random.range(0.85, 1.15));
      const communeCode = communeCodes[i];
      if (homeCare > 0)
        counts.push({ communeCode, year, mode: 'garde_domicile', places: homeCare });
      if (preschool > 0)
        counts.push({ communeCode, year, mode: 'prescolarisation', places: preschool });
    }
  }
  return counts;
}
