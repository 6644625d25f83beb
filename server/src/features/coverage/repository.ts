import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';

export type Level = 'commune' | 'epci' | 'departement';
export const LEVELS: readonly Level[] = ['commune', 'epci', 'departement'];

/** Raw inputs of the coverage rate for one commune and one year (see the SQL contract). */
export interface CommuneInputRow {
  code: string;
  name: string;
  epci_code: string | null;
  departement_code: string;
  year: number;
  children_under3: number | null;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_am_home: number;
  places_am_mam: number;
  places_home_care: number;
  places_preschool: number;
  dataset_ids: number[];
  fictional: boolean;
}

/** One row of `coverage_figure`. */
export interface CoverageFigureRow {
  level: Level;
  code: string;
  year: number;
  name: string;
  epci_code: string | null;
  departement_code: string | null;
  children_under3: number | null;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_am: number;
  places_mam: number;
  places_home_care: number;
  places_preschool: number;
  places_total: number;
  coverage_rate: number | null;
  small_population: boolean;
  reference_national: number | null;
  reference_departement: number | null;
  class_national: string;
  class_departement: string;
  fictional: boolean;
  dataset_ids: number[];
}

export async function fetchCommuneInputs(knex: Knex): Promise<CommuneInputRow[]> {
  const { rows } = await knex.raw(loadQuery('coverage/commune_inputs'));
  return rows;
}

export async function fetchTerritoryNames(knex: Knex): Promise<{
  epci: Map<string, { name: string; departement_code: string | null }>;
  departement: Map<string, string>;
}> {
  const [epci, departement] = await Promise.all([
    knex('epci').select('code', 'name', 'departement_code'),
    knex('departement').select('code', 'name'),
  ]);
  return {
    epci: new Map(
      epci.map((e) => [e.code, { name: e.name, departement_code: e.departement_code }]),
    ),
    departement: new Map(departement.map((d) => [d.code, d.name])),
  };
}

/**
 * Replace every stored figure (call inside the transaction that changed the inputs). Rows are
 * written in (level, year, code) order so that one level's figures for one year, which every
 * list and tile reads together, sit in neighbouring pages rather than spread over the whole
 * table (35,000 communes: ~6 times fewer pages read).
 */
export async function replaceCoverageFigures(trx: Knex.Transaction, rows: CoverageFigureRow[]) {
  await trx('coverage_figure').delete();
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ordered = [...rows].sort(
    (a, b) => text(a.level, b.level) || a.year - b.year || text(a.code, b.code),
  );
  const BATCH = 2000;
  for (let i = 0; i < ordered.length; i += BATCH) {
    await trx('coverage_figure').insert(ordered.slice(i, i + BATCH));
  }
}

/**
 * Years with figures. Read from the département level: every commune figure is summed into its
 * département's for the same year (refreshCoverage), so its years are all the years, from a
 * few hundred index entries instead of every commune's (35,000 communes × 6 years: ~30 ms).
 */
export async function fetchYears(knex: Knex): Promise<number[]> {
  return (
    await knex('coverage_figure').where({ level: 'departement' }).distinct('year').orderBy('year')
  ).map((r) => r.year);
}

/**
 * Years with data in one département: the years where at least one of its communes has a
 * population figure (children under 3). Figures exist for every year of any loaded territory
 * (a commune without population that year has a "no data" row); a département with no
 * population at all falls back to the years of its figures, so that it can still be shown.
 */
export async function fetchDepartementYears(knex: Knex, departement: string): Promise<number[]> {
  const { rows } = await knex.raw<{ rows: { year: number; with_children: boolean }[] }>(
    `SELECT year, bool_or(children_under3 IS NOT NULL) AS with_children
     FROM coverage_figure WHERE level = 'commune' AND departement_code = ?
     GROUP BY year ORDER BY year`,
    [departement],
  );
  const withData = rows.filter((r) => r.with_children);
  return (withData.length > 0 ? withData : rows).map((r) => r.year);
}

/** Years for which one territory has a figure (possibly "no data"), ascending. */
export async function fetchTerritoryYears(
  knex: Knex,
  level: Level,
  code: string,
): Promise<number[]> {
  return (
    await knex('coverage_figure').where({ level, code }).distinct('year').orderBy('year')
  ).map((r) => r.year);
}

/**
 * One territory of the list, as sql/queries/territories/list.sql builds it: the served
 * properties already as JSON text (rounded as toProperties rounds), the outline as GeoJSON text.
 */
export interface TerritoryListRow {
  code: string;
  /** GeoJSON text, or null when asked without geometry. */
  geometry: string | null;
  /** JSON text of the served properties from `code` to `fictional` (no `sources`). */
  properties: string;
  /** PostgreSQL array text, e.g. '{1,2,5}': the `sources` property. */
  dataset_ids: string;
  fictional: boolean;
  reference_departement: number | null;
  label_lon: number;
  label_lat: number;
}

/** A list row's dataset ids as a JSON array: PostgreSQL's '{1,2,5}' is '[1,2,5]'. */
export function sourcesJson(row: Pick<TerritoryListRow, 'dataset_ids'>): string {
  return `[${row.dataset_ids.slice(1, -1)}]`;
}

export async function fetchTerritoryList(
  knex: Knex,
  params: {
    level: Level;
    year: number;
    departement: string | null;
    reference: 'national' | 'departement';
    with_geometry: boolean;
  },
): Promise<TerritoryListRow[]> {
  const { rows } = await knex.raw(loadQuery('territories/list'), params);
  return rows;
}

export async function fetchFigure(knex: Knex, level: Level, code: string, year: number) {
  return (await knex('coverage_figure').where({ level, code, year }).first()) as
    CoverageFigureRow | undefined;
}

export async function fetchHistory(
  knex: Knex,
  level: Level,
  code: string,
): Promise<CoverageFigureRow[]> {
  return knex('coverage_figure').where({ level, code }).orderBy('year');
}

export async function territoryExists(knex: Knex, level: Level, code: string): Promise<boolean> {
  const table = { commune: 'commune', epci: 'epci', departement: 'departement' }[level];
  return Boolean(await knex(table).where({ code }).first('code'));
}

export async function fetchBboxAndLabel(knex: Knex, level: Level, code: string) {
  const table = { commune: 'commune', epci: 'epci', departement: 'departement' }[level];
  const { rows } = await knex.raw(
    `SELECT ST_XMin(b) AS min_lon, ST_YMin(b) AS min_lat, ST_XMax(b) AS max_lon, ST_YMax(b) AS max_lat,
            ST_X(label_point) AS label_lon, ST_Y(label_point) AS label_lat
     FROM (SELECT ST_Extent(geom)::box2d AS b, (array_agg(label_point))[1] AS label_point FROM ?? WHERE code = ?) s`,
    [table, code],
  );
  return rows[0];
}

/** Communes making up a territory (a commune is its own member). */
function communesOf(knex: Knex, level: Level, code: string) {
  const column = { commune: 'code', epci: 'epci_code', departement: 'departement_code' }[level];
  return knex('commune').select('code').where(column, code);
}

export interface EajeInside {
  id: number;
  name: string;
  kind: string | null;
  financing: string | null;
  places: number;
  commune_code: string;
  location_approximate: boolean;
  /** WGS84 position (the commune centre when location_approximate). */
  lon: number;
  lat: number;
}

export interface MamInside {
  id: number;
  name: string;
  places: number;
  childminder_count: number | null;
  commune_code: string;
  location_approximate: boolean;
  lon: number;
  lat: number;
}

export async function fetchFacilitiesIn(
  knex: Knex,
  level: Level,
  code: string,
  year: number,
): Promise<{ eaje: EajeInside[]; mam: MamInside[]; childminders: number }> {
  const open = (q: Knex.QueryBuilder) =>
    q
      .where((w) => w.whereNull('opened_year').orWhere('opened_year', '<=', year))
      .andWhere((w) => w.whereNull('closed_year').orWhere('closed_year', '>', year));
  const [eaje, mam]: [EajeInside[], MamInside[]] = await Promise.all([
    open(
      knex('eaje')
        .select('id', 'name', 'kind', 'financing', 'places', 'commune_code', 'location_approximate')
        .select(knex.raw('ST_X(geom) AS lon, ST_Y(geom) AS lat'))
        .whereIn('commune_code', communesOf(knex, level, code)),
    ),
    open(
      knex('mam')
        .select('id', 'name', 'places', 'childminder_count', 'commune_code', 'location_approximate')
        .select(knex.raw('ST_X(geom) AS lon, ST_Y(geom) AS lat'))
        .whereIn('commune_code', communesOf(knex, level, code)),
    ),
  ]);
  const childminders = await knex('childminder')
    .whereIn('commune_code', communesOf(knex, level, code))
    .andWhere('active', true)
    .andWhere((w) => w.whereNull('started_year').orWhere('started_year', '<=', year))
    .andWhere((w) => w.whereNull('ended_year').orWhere('ended_year', '>', year))
    .count({ n: '*' })
    .first();
  return { eaje, mam, childminders: Number(childminders?.n ?? 0) };
}

export interface FacilityRow {
  id: number;
  type: 'eaje' | 'mam';
  name: string;
  kind: string | null;
  financing: string | null;
  places: number;
  childminder_count: number | null;
  commune_code: string;
  location_approximate: boolean;
  lon: number;
  lat: number;
}

export async function fetchFacilitiesInBbox(
  knex: Knex,
  bbox: [number, number, number, number],
  types: ('eaje' | 'mam')[],
  limit: number,
  departement: string | null = null,
): Promise<FacilityRow[]> {
  const { rows } = await knex.raw(loadQuery('facilities/in_bbox'), {
    min_lon: bbox[0],
    min_lat: bbox[1],
    max_lon: bbox[2],
    max_lat: bbox[3],
    with_eaje: types.includes('eaje'),
    with_mam: types.includes('mam'),
    limit,
    departement,
  });
  return rows;
}
