import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';
import { LEVEL_TABLE, type Level } from '../../kernel';

export interface ChildminderRow {
  id: string | number;
  commune_code: string;
  commune_name: string;
  agreement_places: number;
  active: boolean;
  started_year: number | null;
  ended_year: number | null;
  mam_id: string | number | null;
  mam_name: string | null;
  lon: number | null;
  lat: number | null;
  dataset_id: number;
  fictional: boolean;
}

export async function fetchChildmindersIn(
  knex: Knex,
  level: string,
  code: string,
): Promise<ChildminderRow[]> {
  const { rows } = await knex.raw(loadQuery('childminders/in_territory'), { level, code });
  return rows;
}

/** The territory's place: its EPCI and département (for a commune), its seat's département. */
export async function fetchTerritoryPlace(
  knex: Knex,
  level: string,
  code: string,
): Promise<{ epci_code: string | null; departement_code: string | null } | null> {
  const table = LEVEL_TABLE[level as Level];
  const columns =
    level === 'commune'
      ? ['epci_code', 'departement_code']
      : level === 'epci' || level === 'ept'
        ? [knex.raw('NULL AS epci_code'), 'departement_code']
        : [knex.raw('NULL AS epci_code'), 'code AS departement_code'];
  const row = await knex(table).where({ code }).first(columns);
  return row ?? null;
}
