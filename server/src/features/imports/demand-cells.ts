/**
 * Writing demand cells: the one writer of `demand_cell` rows built in Node (the grid import, the
 * demo). Takes the caller's transaction.
 */
import type { Knex } from 'knex';
import { runQuery, writeBatches } from './repository';

/** A demand cell as written: see sql/queries/imports/upsert_demand_cells.sql. */
export interface DemandCellRow {
  cell_id: string;
  commune_code: string;
  /** The source's value (ind_0_3) or the estimate's weight, >= 0. */
  weight: number;
  /** weight / Σ weight of the commune's cells (0..1): the cells of a commune add up to 1. */
  share: number;
  method: 'grid' | 'estimate';
  imputed: boolean;
  /** The metric CRS the cell is square in (3035 for INSEE in metropolitan France, 2154…). */
  srid: number;
  /** The square, GeoJSON Polygon in WGS84. */
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  /** Where its children are taken to live, GeoJSON Point in WGS84. */
  centroid: { type: 'Point'; coordinates: number[] };
}

/** Insert or update cells of `datasetId` (unchanged ones are not written); returns rows given. */
export async function upsertDemandCells(
  trx: Knex.Transaction,
  rows: readonly DemandCellRow[],
  datasetId: number,
  onBatch?: (done: number) => void,
): Promise<number> {
  return writeBatches(trx, 'upsert_demand_cells', rows, { dataset_id: datasetId }, onBatch);
}

/**
 * Remove the cells of `communes` that are not among `kept` (the cells just written for them);
 * returns the rows removed.
 */
export async function deleteOtherCells(
  trx: Knex.Transaction,
  communes: readonly string[],
  kept: readonly { cell_id: string; commune_code: string }[],
): Promise<number> {
  const [{ removed }] = await runQuery<{ removed: number }>(trx, 'delete_other_cells', {
    communes: JSON.stringify(communes),
    keep: JSON.stringify(kept.map((c) => `${c.cell_id}|${c.commune_code}`)),
  });
  return Number(removed);
}
