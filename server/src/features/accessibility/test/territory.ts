import type { Knex } from 'knex';
import { refreshCoverage } from '../../../kernel';

/**
 * A territory small enough to compute by hand (docs/accessibility.md). Two road lines that do
 * not meet, each a few km long at 80 km/h: every trip along one takes a few minutes (weight 1 in
 * every E2SFCA step), nothing on one line reaches the other.
 *
 *   lat 47.00 ┌───────────────────────────┐
 *             │ 18003 Charlie (CC du Nord) │  road ═══ at lat 46.95; cell c (40 children);
 *   lat 46.90 ├─────────────┬─────────────┤  one childminder at home (4 places × 0.81)
 *             │ 18001 Alpha │ 18002 Bravo │  road ═══ at lat 46.85 (CC du Sud)
 *             │ cell a (40) │ cell b (20) │
 *             │ crèche X 30 │ crèche Y 10 │
 *   lat 46.80 └─────────────┴─────────────┘
 *          lon 2.40      lon 2.45      lon 2.50
 *
 * By hand (every mode, 30 min): X and Y are reached by a and b: R_X = 30/60 = 0.5,
 * R_Y = 10/60; the childminder's 3.24 places by c only: R = 3.24/40 = 0.081. So A_a = A_b =
 * 0.6667 and A_c = 0.081.
 */
export const YEAR = 2023;

export async function loadAccessTerritory(knex: Knex): Promise<void> {
  const dataset = async (key: string, kind: string): Promise<number> => {
    const { rows } = await knex.raw(
      `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
       VALUES (?, ?, ?, 'accessibility tests', 'CC0-1.0', '2023', true) RETURNING id`,
      [key, kind, `fixture ${kind}`],
    );
    return rows[0].id;
  };
  const territory = await dataset('test:territory', 'territory');
  const population = await dataset('test:population', 'population');
  const grid = await dataset('test:grid', 'grid');
  const supply = await dataset('test:eaje', 'eaje');
  const roads = await dataset('test:roads', 'roads');
  const box = 'ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326))';
  await knex.raw(
    `INSERT INTO departement (code, name, geom, dataset_id) VALUES ('18', 'Cher', ${box}, ?)`,
    [2.4, 46.8, 2.5, 47.0, territory],
  );
  for (const [code, name, s, n] of [
    ['200000001', 'CC du Sud', 46.8, 46.9],
    ['200000002', 'CC du Nord', 46.9, 47.0],
  ] as const) {
    await knex.raw(
      `INSERT INTO epci (code, name, kind, departement_code, geom, dataset_id) VALUES (?, ?, 'CC', '18', ${box}, ?)`,
      [code, name, 2.4, s, 2.5, n, territory],
    );
  }
  const communes = [
    {
      code: '18001',
      name: 'Alpha',
      epci: '200000001',
      box: [2.4, 46.8, 2.45, 46.9],
      cell: [2.42, 46.85],
      children: 40,
    },
    {
      code: '18002',
      name: 'Bravo',
      epci: '200000001',
      box: [2.45, 46.8, 2.5, 46.9],
      cell: [2.48, 46.85],
      children: 20,
    },
    {
      code: '18003',
      name: 'Charlie',
      epci: '200000002',
      box: [2.4, 46.9, 2.5, 47.0],
      cell: [2.45, 46.95],
      children: 40,
    },
  ];
  for (const c of communes) {
    await knex.raw(
      `INSERT INTO commune (code, name, departement_code, epci_code, geom, dataset_id) VALUES (?, ?, '18', ?, ${box}, ?)`,
      [c.code, c.name, c.epci, ...c.box, territory],
    );
    await knex.raw(
      `INSERT INTO population (commune_code, year, children_under3, method, dataset_id) VALUES (?, ?, ?, 'census', ?)`,
      [c.code, YEAR, c.children, population],
    );
    const [x, y] = c.cell;
    await knex.raw(
      `INSERT INTO demand_cell (cell_id, commune_code, weight, share, method, srid, geom, centroid, dataset_id)
       VALUES (?, ?, 1, 1, 'grid', 2154, ST_MakeEnvelope(?, ?, ?, ?, 4326), ST_SetSRID(ST_MakePoint(?, ?), 4326), ?)`,
      [`cell-${c.code}`, c.code, x - 0.001, y - 0.001, x + 0.001, y + 0.001, x, y, grid],
    );
  }
  for (const [source_id, financing, places, commune, lon] of [
    ['X', 'psu', 30, '18001', 2.425],
    ['Y', 'hors_psu', 10, '18002', 2.475],
  ] as const) {
    await knex.raw(
      `INSERT INTO eaje (source_id, name, kind, financing, places, commune_code, geom, dataset_id)
       VALUES (?, ?, 'multi_accueil', ?, ?, ?, ST_SetSRID(ST_MakePoint(?, 46.85), 4326), ?)`,
      [source_id, `Crèche ${source_id}`, financing, places, commune, lon, supply],
    );
  }
  await knex.raw(
    `INSERT INTO childminder (source_id, commune_code, agreement_places, active, geom, dataset_id)
     VALUES ('a1', '18003', 4, true, ST_SetSRID(ST_MakePoint(2.41, 46.99), 4326), ?)`,
    [supply],
  );
  for (const [id, lat] of [
    [1, 46.85],
    [2, 46.95],
  ] as const) {
    await knex.raw(
      `INSERT INTO road_edge (id, source, target, road_class, speed_kmh, oneway, length_m, geom, dataset_id)
       SELECT ?, ?, ?, 'nationale', 80, false, ST_Length(g::geography), g, ?
       FROM (SELECT ST_SetSRID(ST_MakeLine(ST_MakePoint(2.39, ?), ST_MakePoint(2.51, ?)), 4326) AS g) l`,
      [id, id * 10, id * 10 + 1, roads, lat, lat],
    );
  }
  await knex.transaction((trx) => refreshCoverage(trx));
}
