import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';
import type { PreviousZone, RetiredZone } from '../../domain/gap-zones';
import type { Level } from '../../kernel';

/** SQL of the gap zones: every query is a file of sql/queries/gap-zones with its contract. */

export interface GapCellRow {
  cell_id: string;
  srid: number;
  col: number;
  row: number;
  children: number;
  lon: number;
  lat: number;
  communes: string[];
  estimated: boolean;
  dataset_ids: number[];
  /** The side of the data its communes are on (kernel/fiction.ts). */
  fictional: boolean;
}

export async function fetchGapCells(
  knex: Knex,
  year: number,
  cell_m: number,
  fictional: boolean,
): Promise<GapCellRow[]> {
  const { rows } = await knex.raw(loadQuery('gap-zones/cells'), { year, cell_m, fictional });
  return rows;
}

export async function fetchPreviousZones(knex: Knex, key: string): Promise<PreviousZone[]> {
  const { rows } = await knex.raw(loadQuery('gap-zones/previous'), { key });
  return rows;
}

export interface GapZoneSetRow {
  key: string;
  criterion: 'sans_offre' | 'sous_dotee';
  parameters: string;
  year: number;
  data_version: string;
  cells: number;
  cells_unreachable: number;
  dataset_ids: number[];
  fictional: boolean;
}

export async function fetchZoneSet(knex: Knex, key: string): Promise<GapZoneSetRow | null> {
  const { rows } = await knex.raw(loadQuery('gap-zones/set'), { key });
  return rows[0] ?? null;
}

export interface ZoneToWrite {
  id: string;
  cells: string[];
  children: number;
  children_estimated: boolean;
  places_missing: number;
  nearest: { id: string; name: string | null; minutes: number }[];
  cells_unreachable: number;
}

/** Writes a computation: the set's record, its active zones, its retired ones (in `trx`). */
export async function writeZoneSet(
  trx: Knex,
  set: Omit<GapZoneSetRow, 'parameters' | 'dataset_ids'> & {
    parameters: object;
    dataset_ids: number[];
  },
  zones: ZoneToWrite[],
  retired: RetiredZone[],
): Promise<void> {
  await trx.raw(loadQuery('gap-zones/write_set'), {
    ...set,
    parameters: JSON.stringify(set.parameters),
    dataset_ids: JSON.stringify(set.dataset_ids),
  });
  const common = { key: set.key, year: set.year, data_version: set.data_version };
  if (zones.length > 0) {
    await trx.raw(loadQuery('gap-zones/write_zones'), { ...common, zones: JSON.stringify(zones) });
  }
  if (retired.length > 0) {
    await trx.raw(loadQuery('gap-zones/retire'), {
      key: set.key,
      data_version: set.data_version,
      retired: JSON.stringify(retired),
    });
  }
}

export interface GapZoneRow {
  id: string;
  status: 'active' | 'disappeared' | 'merged' | 'split';
  successors: string[];
  cells: number;
  children: number;
  children_estimated: boolean;
  places_missing: number;
  nearest: string;
  cells_unreachable: number;
  area_km2: number;
  communes: string;
  epcis: string;
  departements: string[];
  geometry: string;
  label_point: string;
  year: number;
}

export async function fetchZones(
  knex: Knex,
  q: { key: string; level: Level | null; code: string | null; statuses: string[] },
): Promise<GapZoneRow[]> {
  const { rows } = await knex.raw(loadQuery('gap-zones/list'), {
    key: q.key,
    level: q.level,
    code: q.code,
    statuses: JSON.stringify(q.statuses),
  });
  return rows;
}

/** Whether a territory of that level and code is loaded (`table` from LEVEL_TABLE only). */
export async function territoryExists(knex: Knex, table: string, code: string): Promise<boolean> {
  const row = await knex(table).where({ code }).first('code');
  return row !== undefined;
}
