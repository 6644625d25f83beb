/**
 * The estimated demand grid of a real commune that has no imported grid (labelled "estimé",
 * method 'estimate'): 200 m cells weighted by the residential roads inside them when real roads
 * are loaded there, else 1 km cells spread evenly over its area (an even spread says nothing
 * finer than the commune: 1 km holds it with 25 times fewer rows). Recomputed, inside the
 * import's transaction, for the communes a boundaries, roads or grid import touches; an imported
 * grid replaces the estimate of its communes.
 */
import type { Knex } from 'knex';
import { metricSrid } from '../../domain/imports/metric-crs';
import { upsertDataset } from '../../kernel';
import type { TrackedTable } from './plan';
import { runQuery } from '../../kernel/territory-writers';

/** OSM `highway` values along which people live. */
export const RESIDENTIAL_ROAD_CLASSES = [
  'residential',
  'tertiary',
  'unclassified',
  'living_street',
] as const;
export const ROAD_CELL_M = 200;
export const AREA_CELL_M = 1000;

export interface EstimateResult {
  /** Communes estimated (with or without a change). */
  communes: number;
}

export async function refreshEstimates(
  trx: Knex.Transaction,
  codes: string[],
  removed: (table: TrackedTable, rows: number) => void,
  /** The running import's dataset: kept even if it holds no cell. */
  keepDatasetId = 0,
): Promise<EstimateResult> {
  const targets = await runQuery<{ code: string; departement_code: string; estimate: boolean }>(
    trx,
    'estimate_targets',
    { codes: JSON.stringify(codes) },
  );
  const estimated = targets.filter((t) => t.estimate && metricSrid(t.departement_code) !== null);
  const communes = estimated.map((t) => ({ code: t.code, srid: metricSrid(t.departement_code)! }));
  for (const d of new Set(estimated.map((t) => t.departement_code))) {
    await upsertDataset(trx, {
      key: `estimate:grid:${d}`,
      kind: 'grid',
      name: `Enfants de moins de 3 ans répartis sur une grille estimée (${d})`,
      source:
        'Berceau : estimation d’après les routes résidentielles (OpenStreetMap) ou, sans routes, la surface des communes',
      sourceUrl: null,
      licence: 'Licence Ouverte / Etalab 2.0 (contours), ODbL 1.0 (routes OpenStreetMap)',
      vintage: 'estimé',
      fictional: false,
      fileName: null,
      checksum: null,
      rowCounts: {},
    });
  }
  await runQuery(trx, 'create_estimate_stage');
  await trx.raw('TRUNCATE import_estimate_stage');
  if (communes.length > 0) {
    await runQuery(trx, 'estimate_cells', {
      communes: JSON.stringify(communes),
      road_classes: JSON.stringify(RESIDENTIAL_ROAD_CLASSES),
      road_cell_m: ROAD_CELL_M,
      area_cell_m: AREA_CELL_M,
    });
    await runQuery(trx, 'upsert_estimate_cells');
  }
  const [{ removed: stale }] = await runQuery<{ removed: number }>(trx, 'delete_stale_estimates', {
    codes: JSON.stringify(targets.map((t) => t.code)),
  });
  removed('demand_cell', Number(stale));
  await runQuery(trx, 'delete_orphan_grid_datasets', { keep: keepDatasetId });
  return { communes: communes.length };
}
