import type { Knex } from 'knex';
import { loadQuery } from '../../../db/sql';

/** SQL of the saved scenarios: every query is a file of sql/queries/scenarios. */

export interface ScenarioRow {
  id: number;
  name: string;
  year: number | null;
  minutes: number;
  /** JSON text of the changes, as POST /api/scenario's body. */
  changes: string;
  communes: string[];
  epcis: string[];
  departements: string[];
  author_id: number | null;
  author_name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ScenarioPlaceRow {
  communes: string[];
  epcis: string[];
  departements: string[];
  unplaced: number;
}

export interface ScenarioWrite {
  name: string;
  year: number | null;
  minutes: number;
  changes: unknown[];
  place: Omit<ScenarioPlaceRow, 'unplaced'>;
}

const bindings = (w: ScenarioWrite) => ({
  name: w.name,
  year: w.year,
  minutes: w.minutes,
  changes: JSON.stringify(w.changes),
  communes: JSON.stringify(w.place.communes),
  epcis: JSON.stringify(w.place.epcis),
  departements: JSON.stringify(w.place.departements),
});

export async function fetchScenarioPlace(
  knex: Knex,
  points: readonly [number, number][],
  facilities: readonly string[],
): Promise<ScenarioPlaceRow> {
  const { rows } = await knex.raw(loadQuery('scenarios/place'), {
    points: JSON.stringify(points),
    facilities: JSON.stringify(facilities),
  });
  return rows[0];
}

export async function fetchScenarios(knex: Knex): Promise<ScenarioRow[]> {
  const { rows } = await knex.raw(loadQuery('scenarios/list'));
  return rows;
}

export async function fetchScenario(knex: Knex, id: number): Promise<ScenarioRow | null> {
  const { rows } = await knex.raw(loadQuery('scenarios/one'), { id });
  return rows[0] ?? null;
}

export async function insertScenario(
  knex: Knex,
  w: ScenarioWrite,
  author: { id: number; name: string },
): Promise<number> {
  const { rows } = await knex.raw(loadQuery('scenarios/add'), {
    ...bindings(w),
    author_id: author.id,
    author_name: author.name,
  });
  return rows[0].id;
}

/** Whether the scenario was changed (false: gone, or at another version). */
export async function updateScenario(
  knex: Knex,
  id: number,
  version: number,
  w: ScenarioWrite,
): Promise<boolean> {
  const { rows } = await knex.raw(loadQuery('scenarios/update'), { ...bindings(w), id, version });
  return rows.length > 0;
}

export async function removeScenario(knex: Knex, id: number): Promise<boolean> {
  const { rows } = await knex.raw(loadQuery('scenarios/remove'), { id });
  return rows.length > 0;
}
