/**
 * The writers of the territory tables, shared by the importers and the demo loader so that each
 * table has one writer: every function takes the import's transaction (never the global knex:
 * in embedded mode another connection would wait for the transaction, a deadlock).
 * SQL lives in sql/queries/imports/*.sql; values always go as bindings.
 */
import type { Knex } from 'knex';
import type { Bbox } from '../domain/imports/coordinates';
import { loadQuery } from '../db/sql';

const BATCH = 5000;

/** The query text without its contract comment (so that binding names in it are not bound). */
function query(name: string): string {
  return loadQuery(`imports/${name}`).replace(/^\s*--.*$/gm, '');
}

/**
 * Run `name` once per batch of `rows`, each batch as one JSON binding (`:rows`), with the
 * other named bindings. `onBatch(done)` reports progress.
 */
export async function writeBatches(
  trx: Knex.Transaction,
  name: string,
  rows: readonly object[],
  bindings: Record<string, unknown> = {},
  onBatch?: (done: number) => void,
  batchSize = BATCH,
): Promise<number> {
  const sql = query(name);
  for (let i = 0; i < rows.length; i += batchSize) {
    await trx.raw(sql, {
      ...bindings,
      rows: JSON.stringify(rows.slice(i, i + batchSize)),
    } as Record<string, Knex.Value>);
    onBatch?.(Math.min(i + batchSize, rows.length));
  }
  return rows.length;
}

/** Run `imports/<name>.sql` once with named bindings; returns its rows. */
export async function runQuery<Row = Record<string, unknown>>(
  trx: Knex.Transaction,
  name: string,
  bindings: Record<string, unknown> = {},
): Promise<Row[]> {
  const { rows } = await trx.raw(query(name), bindings as Record<string, Knex.Value>);
  return rows;
}

export interface ImportContext {
  loadedCommunes: Set<string>;
  communesWithGeometry: Set<string>;
  departementBboxes: Map<string, Bbox>;
}

/** Degrees added around a département's extent before a point is called "outside" (~5 km). */
const BBOX_MARGIN_DEG = 0.05;

export async function fetchImportContext(trx: Knex.Transaction): Promise<ImportContext> {
  const { rows } = await trx.raw(query('context'));
  const ctx: ImportContext = {
    loadedCommunes: new Set(),
    communesWithGeometry: new Set(),
    departementBboxes: new Map(),
  };
  for (const r of rows) {
    ctx.loadedCommunes.add(r.code);
    if (r.has_geometry) ctx.communesWithGeometry.add(r.code);
    if (r.min_lon !== null && !ctx.departementBboxes.has(r.departement_code)) {
      ctx.departementBboxes.set(r.departement_code, [
        r.min_lon - BBOX_MARGIN_DEG,
        r.min_lat - BBOX_MARGIN_DEG,
        r.max_lon + BBOX_MARGIN_DEG,
        r.max_lat + BBOX_MARGIN_DEG,
      ]);
    }
  }
  return ctx;
}

export interface InvalidGeometry {
  row: number;
  reason: string;
  emptyAfterRepair: boolean;
}

/** Parse the file's polygons once into a temporary table of the transaction (see the SQL). */
export async function stageGeometries(
  trx: Knex.Transaction,
  rows: { n: number; wkb: string }[],
  srid: number,
  onBatch?: (done: number) => void,
): Promise<void> {
  await trx.raw(query('create_geometry_stage'));
  await trx.raw('TRUNCATE import_geometry_stage');
  await writeBatches(trx, 'stage_geometries', rows, { srid }, onBatch, 2000);
}

/** Invalid staged polygons, with PostGIS's reason. */
export async function findInvalidGeometries(trx: Knex.Transaction): Promise<InvalidGeometry[]> {
  const { rows } = await trx.raw(query('invalid_geometries'));
  return rows.map((r: { row_number: number; reason: string; empty_after_repair: boolean }) => ({
    row: r.row_number,
    reason: r.reason,
    emptyAfterRepair: r.empty_after_repair,
  }));
}

/**
 * Département, EPCI and EPT outlines from their communes (ST_CoverageUnion where PostGIS has
 * it; EPT: those with a commune in `departements`).
 */
export async function deriveOutlines(
  trx: Knex.Transaction,
  departements: string[],
  epcis: string[],
) {
  const { rows: probe } = await trx.raw(
    `SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'st_coverageunion' AND prokind = 'a') AS coverage_union`,
  );
  const { rows } = await trx.raw(
    query(probe[0].coverage_union ? 'derive_outlines' : 'derive_outlines_union'),
    {
      departements: JSON.stringify(departements),
      epcis: JSON.stringify(epcis),
    },
  );
  const [ept] = await runQuery<{ epts: number }>(trx, 'derive_ept_outlines', {
    departements: JSON.stringify(departements),
  });
  return {
    departements: Number(rows[0].departements),
    epcis: Number(rows[0].epcis),
    epts: Number(ept.epts),
  };
}

/**
 * Write the EPT of the communes an import wrote (Métropole du Grand Paris) and each commune's
 * EPT (null: in none). Outlines follow with deriveOutlines.
 */
export async function writeEpts(
  trx: Knex.Transaction,
  epts: readonly { code: string; name: string; departementCode: string | null }[],
  communes: readonly { code: string; eptCode: string | null }[],
  datasetId: number,
): Promise<number> {
  const [row] = await runQuery<{ epts: number }>(trx, 'upsert_epts', {
    epts: JSON.stringify(
      epts.map((e) => ({ code: e.code, name: e.name, departement_code: e.departementCode })),
    ),
    communes: JSON.stringify(communes.map((c) => ({ code: c.code, ept_code: c.eptCode }))),
    dataset_id: datasetId,
  });
  return Number(row.epts);
}

export async function linkChildmindersToMams(trx: Knex.Transaction): Promise<number> {
  const { rows } = await trx.raw(query('link_childminders_to_mams'));
  return Number(rows[0].linked);
}

/**
 * Remove the demand cells of `communes` that are not among `kept` (the cells just written for
 * them: a grid replacing an estimate, a cell INSEE dropped); returns the rows removed.
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

export async function datasetIdByKey(trx: Knex.Transaction, key: string): Promise<number | null> {
  const row = await trx('dataset').where({ key }).first('id');
  return row ? row.id : null;
}

/**
 * One demand cell as `upsert_demand_cells.sql` takes it: the shape of a commune's children on
 * a grid (migration 006). Written by the demo loader and by the grid importers.
 */
export interface DemandCellRow {
  /** INSEE's id (`CRS3035RES200mN2029800E4252400`) or a generated one. */
  cell_id: string;
  commune_code: string;
  /** The source's value (`ind_0_3`) or the estimate's weight, >= 0. */
  weight: number;
  /** weight / Σ weight of the commune's cells: a commune's shares add up to 1. */
  share: number;
  /** 'grid': from gridded data; 'estimate': placed from roads and buildings ("estimé"). */
  method: 'grid' | 'estimate';
  /** INSEE imputed the cell's values (`i_est_200 = 1`). */
  imputed: boolean;
  /** The metric CRS the cell is square in (3035, 2154…). */
  srid: number;
  /** The cell, or its part inside the commune: GeoJSON Polygon, WGS84. */
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  /** Where its children are taken to live: [lon, lat], WGS84. */
  centroid: [number, number];
}

/** Insert or replace demand cells by (cell_id, commune_code), credited to `datasetId`. */
export async function upsertDemandCells(
  trx: Knex.Transaction,
  rows: readonly DemandCellRow[],
  datasetId: number,
  onBatch?: (done: number) => void,
): Promise<number> {
  return writeBatches(trx, 'upsert_demand_cells', rows, { dataset_id: datasetId }, onBatch);
}
