/**
 * Births of each commune (état civil, "naissances domiciliées") and childminders' years of birth,
 * for the forecasts. Both are drawn from their own random streams, after everything else, so the
 * rest of the territory is the same with or without them.
 *
 * Births follow French births (INSEE, état civil: 783,640 in 2016 falling to 663,000 in 2024),
 * scaled for each commune so that its children under 3 on 1 January of Y are about
 * `youngFamilyBalance` × (births of Y−1, Y−2, Y−3): the balance is the net arrival of young
 * families (above 1 in suburbs, below in the prefecture and remote villages), drawn per commune.
 * Counting noise is Poisson-like, so small villages have years without a birth.
 *
 * Childminders' ages follow the profession's: about 48 on average with a wide spread (DREES,
 * "Les assistantes maternelles", Études et résultats: 45 % are 50 or older). One who stopped
 * during the years of the territory stopped near retirement age more often than not.
 */
import type { Random } from './random';
import type { SettlementRole } from './settlements';
import type { DemoBirths, DemoChildminder, DemoPopulation } from './types';

/** France, live births by year (INSEE, état civil; provisional for the last years). */
export const FRANCE_BIRTHS: Readonly<Record<number, number>> = {
  2016: 783_640,
  2017: 769_553,
  2018: 758_590,
  2019: 753_383,
  2020: 735_196,
  2021: 742_052,
  2022: 725_997,
  2023: 678_000,
  2024: 663_000,
};
export const BIRTH_YEARS = Object.keys(FRANCE_BIRTHS).map(Number);

const BALANCE: Record<SettlementRole, [number, number]> = {
  prefecture: [0.9, 0.97],
  town: [0.93, 1.0],
  suburb: [1.03, 1.12],
  bourg: [0.97, 1.04],
  village: [0.92, 1.03],
};

/**
 * Births of each commune (same order as `roles` and `populations`), one row per year of
 * `BIRTH_YEARS`, consistent with its children under 3 up to the balance and the noise.
 */
export function generateBirths(
  roles: readonly SettlementRole[],
  populations: readonly (readonly DemoPopulation[])[],
  random: Random,
): DemoBirths[][] {
  return roles.map((role, i) => {
    const balance = random.range(...BALANCE[role]);
    // Level of births that, with the national profile, best gives the commune's children.
    let children = 0;
    let cohorts = 0;
    for (const p of populations[i]) {
      children += p.childrenUnder3;
      for (const lag of [1, 2, 3]) cohorts += FRANCE_BIRTHS[p.year - lag] ?? 0;
    }
    const scale = cohorts > 0 ? children / balance / cohorts : 0;
    return BIRTH_YEARS.map((year) => {
      const expected = scale * FRANCE_BIRTHS[year];
      return {
        year,
        births: Math.max(0, Math.round(expected + random.normal(0, Math.sqrt(expected)))),
      };
    });
  });
}

/** Ages are given as of this year: the last year of the territory. */
const AGES_AS_OF = 2024;
const YOUNGEST_START_AGE = 21;

/** A year of birth for each childminder (same order), from the profession's age profile. */
export function childminderBirthYears(
  childminders: readonly Omit<DemoChildminder, 'birthYear'>[],
  random: Random,
): number[] {
  return childminders.map((a) => {
    const age =
      a.endedYear !== null && random.chance(0.6)
        ? // Stopped near retirement: her age the year she stopped, then as of AGES_AS_OF.
          clamp(random.normal(61, 2.5), 55, 67) + (AGES_AS_OF - a.endedYear)
        : clamp(random.normal(48, 9), 23, 66);
    const birthYear = AGES_AS_OF - Math.round(age);
    return Math.min(birthYear, a.startedYear - YOUNGEST_START_AGE);
  });
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
