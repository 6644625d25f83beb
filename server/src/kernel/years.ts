import type { Knex } from 'knex';
import { NotFound } from '../domain/errors';
import { departementNotLoaded, noTerritoryLoaded } from './territories';

/**
 * Which years an answer may be about. Coverage figures exist for every year of any loaded
 * territory; a département's own years are those where its communes have population data (the
 * demo may cover 2019-2024 while an imported census has only 2021).
 */

/**
 * Years with figures. Read from the département level: every commune figure is summed into its
 * département's for the same year (refreshCoverage), so its years are all the years, from a
 * few hundred index entries instead of every commune's (35,000 communes × 6 years: ~30 ms).
 */
export async function fetchYears(knex: Knex): Promise<number[]> {
  return (
    await knex('coverage_figure').where({ level: 'departement' }).distinct('year').orderBy('year')
  ).map((r) => r.year);
}

interface YearRow {
  code: string;
  year: number;
  with_children: boolean;
}

const YEARS_BY_DEPARTEMENT = `
  SELECT departement_code AS code, year, bool_or(children_under3 IS NOT NULL) AS with_children
  FROM coverage_figure WHERE level = 'commune' AND (CAST(:departement AS text) IS NULL OR departement_code = :departement)
  GROUP BY departement_code, year ORDER BY departement_code, year`;

/**
 * A département's years: those where at least one of its communes has a population figure
 * (children under 3); a département with no population at all falls back to the years of its
 * figures, so that it can still be shown.
 */
function departementYears(rows: YearRow[]): number[] {
  const withData = rows.filter((r) => r.with_children);
  return (withData.length > 0 ? withData : rows).map((r) => r.year);
}

/** Years with data in one département (ascending; empty when it is not loaded). */
export async function fetchDepartementYears(knex: Knex, departement: string): Promise<number[]> {
  const { rows } = await knex.raw<{ rows: YearRow[] }>(YEARS_BY_DEPARTEMENT, { departement });
  return departementYears(rows);
}

/** Years with data of every loaded département, by code. */
export async function fetchYearsByDepartement(knex: Knex): Promise<Record<string, number[]>> {
  const { rows } = await knex.raw<{ rows: YearRow[] }>(YEARS_BY_DEPARTEMENT, {
    departement: null,
  });
  const out: Record<string, number[]> = {};
  for (const code of new Set(rows.map((r) => r.code))) {
    out[code] = departementYears(rows.filter((r) => r.code === code));
  }
  return out;
}

/**
 * Resolve the year: the latest with data by default; a NotFound naming the available years.
 * With a département, its own years.
 */
export async function resolveYear(
  knex: Knex,
  year: number | undefined,
  departement?: string,
): Promise<{ year: number; years: number[] }> {
  const years = departement
    ? await fetchDepartementYears(knex, departement)
    : await fetchYears(knex);
  if (years.length === 0) {
    throw departement ? departementNotLoaded(departement) : noTerritoryLoaded();
  }
  if (year === undefined) return { year: years[years.length - 1], years };
  if (!years.includes(year)) {
    const where = departement ? ` in département ${departement}` : '';
    throw new NotFound(`No data for year ${year}${where}; available years: ${years.join(', ')}`, {
      code: 'year_not_available',
      details: { field: 'query.year', available: years },
    });
  }
  return { year, years };
}
