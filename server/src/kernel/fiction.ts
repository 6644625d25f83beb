import type { Knex } from 'knex';
import { loadQuery } from '../db/sql';
import { NotFound } from '../domain/errors';
import { noTerritoryLoaded } from './territories';
import { fetchYearsByDepartement } from './years';

/**
 * Real and fictional data are kept apart. Every loaded row belongs to a dataset, and a dataset
 * is either fictional (the demo's) or real; a territory is on the side of its boundaries'
 * dataset. A computation about a point or a territory reads only the rows of its side: the
 * roads a time is driven on, the facilities it goes to, the children and places it counts. So a
 * real answer never counts a fictional row (nor the reverse), and `fictional` is true only when
 * a fictional row went into it. Within a side every loaded row is used: families cross
 * département lines.
 *
 * SQL queries take the side as the binding `:fictional` and keep the rows whose dataset has that
 * flag (`dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)`).
 */

/** The side of a loaded département; null when it is not loaded. */
export async function departementIsFictional(knex: Knex, code: string): Promise<boolean | null> {
  const row = await knex('departement as t')
    .join('dataset as d', 'd.id', 't.dataset_id')
    .where('t.code', code)
    .first('d.fictional');
  return row ? (row.fictional as boolean) : null;
}

/**
 * The side of a point: that of the commune covering it, else of the nearest loaded commune;
 * null when no commune is loaded.
 */
export async function pointIsFictional(
  knex: Knex,
  lon: number,
  lat: number,
): Promise<boolean | null> {
  const { rows } = await knex.raw(loadQuery('fiction/at_point'), { lon, lat });
  return rows.length === 0 ? null : (rows[0].fictional as boolean);
}

/**
 * The side of an answer that names no territory (every loaded one): the real territories once
 * one is loaded, the demo otherwise.
 */
export async function defaultIsFictional(knex: Knex): Promise<boolean> {
  const row = await knex('departement as t')
    .join('dataset as d', 'd.id', 't.dataset_id')
    .where('d.fictional', false)
    .first('t.code');
  return row === undefined;
}

/**
 * The side of an answer about `departement` when given (null when it is not loaded), else the
 * default side.
 */
export async function sideOf(knex: Knex, departement: string | null): Promise<boolean | null> {
  return departement === null
    ? defaultIsFictional(knex)
    : departementIsFictional(knex, departement);
}

/** The side of a loaded territory (commune, EPCI or département); null when it is not loaded. */
export async function territoryIsFictional(
  knex: Knex,
  /** From the allowlist LEVEL_TABLE. */
  table: string,
  code: string,
): Promise<boolean | null> {
  const row = await knex(`${table} as t`)
    .join('dataset as d', 'd.id', 't.dataset_id')
    .where('t.code', code)
    .first('d.fictional');
  return row ? (row.fictional as boolean) : null;
}

/** The codes of the loaded départements of a side. */
export async function departementsOfSide(knex: Knex, fictional: boolean): Promise<Set<string>> {
  const rows = await knex('departement as t')
    .join('dataset as d', 'd.id', 't.dataset_id')
    .where('d.fictional', fictional)
    .select('t.code');
  return new Set(rows.map((r: { code: string }) => r.code));
}

/**
 * The years of a side of the data (those of its départements, kernel/years.ts) and the one asked
 * for, the latest by default; a NotFound naming the side's years for a year it does not have.
 */
export async function resolveSideYear(
  knex: Knex,
  year: number | undefined,
  fictional: boolean,
): Promise<{ year: number; years: number[] }> {
  const side = await departementsOfSide(knex, fictional);
  const byDepartement = await fetchYearsByDepartement(knex);
  const years = [
    ...new Set(Object.entries(byDepartement).flatMap(([code, y]) => (side.has(code) ? y : []))),
  ].sort((a, b) => a - b);
  if (years.length === 0) throw noTerritoryLoaded();
  if (year === undefined) return { year: years[years.length - 1], years };
  if (!years.includes(year)) {
    const which = fictional ? 'the fictional territory' : 'the loaded real territories';
    throw new NotFound(
      `No data for year ${year} in ${which}; available years: ${years.join(', ')}`,
      { code: 'year_not_available', details: { available: years } },
    );
  }
  return { year, years };
}
