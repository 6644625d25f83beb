import type { Knex } from 'knex';
import { refreshCoverage } from '../../../../kernel';
import type { NearestFormalTimes } from '../../service';

/**
 * A row of seven 200 m cells of a Lambert-93 grid across a département line, 10 children under 3
 * in each, whose times to the nearest place a test sets cell by cell (no road network):
 *
 *   col    0   1   2   3 | 4   5   6
 *          ─ Alpha (18) ─ | Bravo (36)
 *
 * With every cell but col 3 far from any place, the 15-minute zones are {0,1,2} (Cher only)
 * and {4,5,6} (Indre only); bringing col 5 near splits the second, bringing 0–2 near removes
 * the first.
 */
export const YEAR = 2024;
export const COLUMNS = 7;
const X0 = 650_000;
const Y0 = 6_650_000;
const CELL_M = 200;

export async function loadRowTerritory(knex: Knex): Promise<void> {
  const dataset = async (key: string, kind: string): Promise<number> => {
    const { rows } = await knex.raw(
      `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
       VALUES (?, ?, ?, 'review tests', 'CC0-1.0', '2024', true) RETURNING id`,
      [key, kind, `fixture ${kind}`],
    );
    return rows[0].id;
  };
  const territory = await dataset('test:territory', 'territory');
  const population = await dataset('test:population', 'population');
  const grid = await dataset('test:grid', 'grid');
  // Boxes in Lambert-93 metres, stored in WGS84 as every table's geometries are.
  const box = (x1: number, x2: number) =>
    knex.raw(`ST_Multi(ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 2154), 4326))`, [
      x1,
      Y0 - 1000,
      x2,
      Y0 + 1000,
    ]);
  const line = X0 + 4 * CELL_M;
  for (const [code, name, x1, x2] of [
    ['18', 'Cher', X0 - 1000, line],
    ['36', 'Indre', line, X0 + 3000],
  ] as const) {
    await knex.raw(`INSERT INTO departement (code, name, geom, dataset_id) VALUES (?, ?, ?, ?)`, [
      code,
      name,
      box(x1, x2),
      territory,
    ]);
  }
  for (const [code, name, dep, epci, x1, x2, children] of [
    ['18001', 'Alpha', '18', '200000018', X0 - 1000, line, 40],
    ['36001', 'Bravo', '36', '200000036', line, X0 + 3000, 30],
  ] as const) {
    await knex.raw(
      `INSERT INTO epci (code, name, kind, departement_code, geom, dataset_id) VALUES (?, ?, 'CC', ?, ?, ?)`,
      [epci, `CC de ${name}`, dep, box(x1, x2), territory],
    );
    await knex.raw(
      `INSERT INTO commune (code, name, departement_code, epci_code, geom, dataset_id) VALUES (?, ?, ?, ?, ?, ?)`,
      [code, name, dep, epci, box(x1, x2), territory],
    );
    await knex.raw(
      `INSERT INTO population (commune_code, year, children_under3, method, dataset_id) VALUES (?, ?, ?, 'census', ?)`,
      [code, YEAR, children, population],
    );
  }
  for (let col = 0; col < COLUMNS; col++) {
    const x = X0 + col * CELL_M;
    const [commune, share] = col < 4 ? ['18001', 1 / 4] : ['36001', 1 / 3];
    await knex.raw(
      `INSERT INTO demand_cell (cell_id, commune_code, weight, share, method, srid, geom, centroid, dataset_id)
       VALUES (?, ?, 1, ?, 'grid', 2154, ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 2154), 4326),
               ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 2154), 4326), ?)`,
      [
        `cell-${col}`,
        commune,
        share,
        x,
        Y0,
        x + CELL_M,
        Y0 + CELL_M,
        x + CELL_M / 2,
        Y0 + CELL_M / 2,
        grid,
      ],
    );
  }
  await knex.transaction((trx) => refreshCoverage(trx));
}

/**
 * Times to the nearest place that a test sets: `minutes[col]` for the cell of that column
 * (found by its centre's longitude, the columns running west to east).
 */
export function settableTimes(minutes: number[]): NearestFormalTimes {
  return async (_year, points) => {
    const byLon = [...points].map((p, i) => ({ lon: p.lon, i })).sort((a, b) => a.lon - b.lon);
    const times = new Array(points.length);
    byLon.forEach(({ i }, col) => {
      times[i] = { minutes: minutes[col], nearest: 'eaje-1' };
    });
    return { times, places: [{ id: 'eaje-1', name: 'Crèche fixture' }], datasetIds: [] };
  };
}
