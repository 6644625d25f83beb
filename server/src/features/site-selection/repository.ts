import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';

/** SQL of the site card: every query is a file of sql/queries/site-selection. */

export interface PointCommuneRow {
  code: string;
  name: string;
  epci_code: string | null;
  departement_code: string;
}

export async function fetchPointCommune(
  knex: Knex,
  point: { lon: number; lat: number },
): Promise<PointCommuneRow | null> {
  const { rows } = await knex.raw(loadQuery('site-selection/point_commune'), point);
  return rows[0] ?? null;
}

export interface ChildmindersAtHomeRow {
  code: string;
  name: string;
  childminders_at_home: number;
  secret: boolean;
  epci_code: string | null;
  departement_code: string;
  lon: number;
  lat: number;
}

export async function fetchChildmindersAtHome(
  knex: Knex,
  year: number,
): Promise<ChildmindersAtHomeRow[]> {
  const { rows } = await knex.raw(loadQuery('site-selection/childminders_at_home'), { year });
  return rows.map((r: ChildmindersAtHomeRow) => ({
    ...r,
    childminders_at_home: Number(r.childminders_at_home),
  }));
}

export interface ActiveGapZoneRow {
  id: string;
  cells: string[];
  children: number;
  children_estimated: boolean;
}

export async function fetchActiveGapZones(knex: Knex, key: string): Promise<ActiveGapZoneRow[]> {
  const { rows } = await knex.raw(loadQuery('site-selection/active_gap_zones'), { key });
  return rows.map((r: ActiveGapZoneRow) => ({ ...r, children: Number(r.children) }));
}

export async function fetchCommuneNames(
  knex: Knex,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await knex.raw(loadQuery('site-selection/commune_names'), {
    codes: JSON.stringify(codes),
  });
  return new Map(rows.map((r: { code: string; name: string }) => [r.code, r.name]));
}

export interface CoveragePlacesRow {
  level: 'commune' | 'epci';
  code: string;
  name: string;
  epci_code: string | null;
  children_under3: number | null;
  places_total: number;
}

export async function fetchCoveragePlaces(knex: Knex, year: number): Promise<CoveragePlacesRow[]> {
  const { rows } = await knex.raw(loadQuery('site-selection/coverage_places'), { year });
  return rows.map((r: CoveragePlacesRow) => ({
    ...r,
    children_under3: r.children_under3 === null ? null : Number(r.children_under3),
    places_total: Number(r.places_total),
  }));
}

export interface BirthsYearRow {
  year: number;
  births: number;
  communes_with_births: number;
  dataset_ids: number[];
}

/** Births of these communes by year (sql/queries/site-selection/births_of_communes.sql). */
export async function fetchBirthsOfCommunes(
  knex: Knex,
  codes: readonly string[],
): Promise<BirthsYearRow[]> {
  const { rows } = await knex.raw(loadQuery('site-selection/births_of_communes'), {
    codes: JSON.stringify(codes),
  });
  return rows.map((r: BirthsYearRow) => ({
    year: Number(r.year),
    births: Number(r.births),
    communes_with_births: Number(r.communes_with_births),
    dataset_ids: r.dataset_ids.map(Number),
  }));
}
