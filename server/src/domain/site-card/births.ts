/**
 * The trend of births around a site: the births of the communes it reaches, year by year, and a
 * short statement in French. Pure.
 */

export interface BirthsTrend {
  /** Complete years only: every commune has its figure. */
  years: { year: number; births: number }[];
  /** Years left out because some communes lack their figure. */
  incompleteYears: number[];
  /** The first complete year, and the change from it to the last (per cent, whole). */
  since: number | null;
  changePct: number | null;
  /** "en baisse de 12 % depuis 2016 (…)", or null with fewer than two complete years. */
  statement: string | null;
}

/** Changes smaller than this (per cent, either way) read as stable. */
export const STABLE_PCT = 2;

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/**
 * `rows`: births summed over the communes that have each year, with how many have it;
 * `communes`: how many communes the set has. The change compares the last complete year with
 * the first (no smoothing: the statement names both years and counts).
 */
export function birthsTrend(
  rows: readonly { year: number; births: number; communesWithBirths: number }[],
  communes: number,
): BirthsTrend {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  const complete = sorted.filter((r) => communes > 0 && r.communesWithBirths >= communes);
  const years = complete.map((r) => ({ year: r.year, births: r.births }));
  const incompleteYears = sorted.filter((r) => !complete.includes(r)).map((r) => r.year);
  if (years.length < 2 || !(years[0].births > 0)) {
    return {
      years,
      incompleteYears,
      since: years[0]?.year ?? null,
      changePct: null,
      statement: null,
    };
  }
  const first = years[0];
  const last = years[years.length - 1];
  const changePct = Math.round((100 * (last.births - first.births)) / first.births);
  const counts = `${integer.format(first.births)} naissances en ${first.year}, ${integer.format(last.births)} en ${last.year}`;
  const statement =
    Math.abs(changePct) < STABLE_PCT
      ? `stables depuis ${first.year} (${counts})`
      : `en ${changePct < 0 ? 'baisse' : 'hausse'} de ${Math.abs(changePct)} % depuis ${first.year} (${counts})`;
  return { years, incompleteYears, since: first.year, changePct, statement };
}
