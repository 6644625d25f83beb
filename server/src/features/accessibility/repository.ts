import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';
import type { ExactRule } from '../../domain/accounts';

/** SQL of the accessibility feature: every query is a file of sql/queries/accessibility. */

export type SupplyMode = 'eaje' | 'mam' | 'am';
export type TerritoryLevel = 'commune' | 'epci' | 'ept' | 'departement';

export interface DemandCellRow {
  cell_id: string;
  commune_code: string;
  epci_code: string | null;
  ept_code: string | null;
  departement_code: string;
  children: number;
  lon: number;
  lat: number;
  estimated: boolean;
  dataset_ids: number[];
}

export async function fetchDemandCells(
  knex: Knex,
  year: number,
  fictional: boolean,
): Promise<DemandCellRow[]> {
  const { rows } = await knex.raw(loadQuery('accessibility/demand_cells'), { year, fictional });
  return rows.map((r: DemandCellRow) => ({ ...r, children: Number(r.children) }));
}

export interface SupplySiteRow {
  id: string;
  mode: SupplyMode;
  places: number;
  commune_code: string;
  epci_code: string | null;
  ept_code: string | null;
  departement_code: string;
  lon: number;
  lat: number;
  /** Childminder places of a commune withheld by statistical secrecy (left out for the public). */
  withheld: boolean;
  dataset_ids: number[];
}

export async function fetchSupplySites(
  knex: Knex,
  q: { year: number; amUnder3Share: number; fictional: boolean },
): Promise<SupplySiteRow[]> {
  const { rows } = await knex.raw(loadQuery('accessibility/supply_sites'), {
    year: q.year,
    fictional: q.fictional,
    am_share: q.amUnder3Share,
  });
  return rows.map((r: SupplySiteRow) => ({ ...r, places: Number(r.places) }));
}

export interface TerritoryRow {
  level: TerritoryLevel;
  code: string;
  name: string;
  children_under3: number | null;
  places_total: number | null;
  coverage_rate: number | null;
  dataset_ids: number[];
}

export async function fetchTerritories(
  knex: Knex,
  q: { year: number; exact: ExactRule; fictional: boolean },
): Promise<TerritoryRow[]> {
  const { rows } = await knex.raw(loadQuery('accessibility/territories'), q);
  return rows;
}

export async function fetchCellOutlines(
  knex: Knex,
  departement: string | null,
): Promise<{ cell_id: string; commune_code: string; geometry: string }[]> {
  const { rows } = await knex.raw(loadQuery('accessibility/cell_outlines'), { departement });
  return rows;
}

/** The data version the stored cells of a side and year were computed for (migration 025). */
export async function fetchCellSetVersion(
  knex: Knex,
  side: boolean,
  year: number,
): Promise<string | null> {
  const { rows } = await knex.raw(loadQuery('accessibility/cell_set'), { side, year });
  return rows[0]?.data_version ?? null;
}

export interface StoredCellSet {
  side: boolean;
  year: number;
  data_version: string;
  method: string;
  weights: string;
  max_minutes: number;
  modes: string[];
  estimated: boolean;
  fictional: boolean;
  dataset_ids: number[];
}

export interface StoredCell {
  cell_id: string;
  commune_code: string;
  children: number;
  accessibility_rate: number;
  estimated: boolean;
}

/**
 * Replaces a side's stored cells by those of a computation, with the copies the tiles draw
 * (migration 029: the cells in EPSG:3857, the squares that generalise them), in one
 * transaction: tiles of two zooms never show figures of two computations.
 */
export async function writeCellSet(
  knex: Knex,
  set: StoredCellSet,
  cells: readonly StoredCell[],
): Promise<void> {
  await knex.transaction(async (trx) => {
    const { side, year, data_version } = set;
    await trx.raw(loadQuery('accessibility/drop_cell_sets'), { side, year, data_version });
    await trx.raw(loadQuery('accessibility/write_cell_set'), {
      ...set,
      modes: JSON.stringify(set.modes),
      dataset_ids: JSON.stringify(set.dataset_ids),
      cells: cells.length,
    });
    if (cells.length > 0) {
      await trx.raw(loadQuery('accessibility/write_cells'), {
        side,
        year,
        cells: JSON.stringify(cells),
      });
      await trx.raw(loadQuery('accessibility/write_cell_tiles'), { side, year });
      await trx.raw(loadQuery('accessibility/write_squares'), { side, year });
    }
  });
}
