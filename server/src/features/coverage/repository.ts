import type { Knex } from 'knex';
import type { z } from 'zod';
import type { facilityProperties } from '../../../../contract';
import { loadQuery } from '../../db/sql';
import { LEVEL_TABLE, type CoverageFigureRow, type Level, type ReferenceKind } from '../../kernel';
import type { ExactRule } from '../../domain/accounts';

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
  /** The AM under-3 share of the figure (also in `properties`). */
  am_under3_share: number;
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
    reference: ReferenceKind;
    with_geometry: boolean;
    /** Childminder figures below the secrecy threshold shown (never for the public). */
    exact: ExactRule;
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
  return Boolean(await knex(LEVEL_TABLE[level]).where({ code }).first('code'));
}

export async function fetchBboxAndLabel(knex: Knex, level: Level, code: string) {
  const { rows } = await knex.raw(
    `SELECT ST_XMin(b) AS min_lon, ST_YMin(b) AS min_lat, ST_XMax(b) AS max_lon, ST_YMax(b) AS max_lat,
            ST_X(label_point) AS label_lon, ST_Y(label_point) AS label_lat
     FROM (SELECT ST_Extent(geom)::box2d AS b, (array_agg(label_point))[1] AS label_point FROM ?? WHERE code = ?) s`,
    [LEVEL_TABLE[level], code],
  );
  return rows[0];
}

/** A territory of a level, or a custom set of communes (their codes). */
export type Territory = { level: Level; code: string } | { codes: readonly string[] };

/** Communes making up a territory (a commune is its own member). */
function communesOf(knex: Knex, territory: Territory) {
  if ('codes' in territory) return [...territory.codes];
  const { level, code } = territory;
  const column = {
    commune: 'code',
    epci: 'epci_code',
    ept: 'ept_code',
    departement: 'departement_code',
  }[level];
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
  territory: Territory,
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
        .whereIn('commune_code', communesOf(knex, territory)),
    ),
    open(
      knex('mam')
        .select('id', 'name', 'places', 'childminder_count', 'commune_code', 'location_approximate')
        .select(knex.raw('ST_X(geom) AS lon, ST_Y(geom) AS lat'))
        .whereIn('commune_code', communesOf(knex, territory)),
    ),
  ]);
  const childminders = await knex('childminder')
    .whereIn('commune_code', communesOf(knex, territory))
    .andWhere('active', true)
    .andWhere((w) => w.whereNull('started_year').orWhere('started_year', '<=', year))
    .andWhere((w) => w.whereNull('ended_year').orWhere('ended_year', '>', year))
    .count({ n: '*' })
    .first();
  return { eaje, mam, childminders: Number(childminders?.n ?? 0) };
}

/** A facility in a bounding box: its served properties and its position. */
export type FacilityRow = z.output<typeof facilityProperties> & { lon: number; lat: number };

export async function fetchFacilitiesInBbox(
  knex: Knex,
  bbox: [number, number, number, number],
  types: ('eaje' | 'mam')[],
  limit: number,
  departement: string | null = null,
  /** Facilities open that year (null: those not closed). */
  year: number | null = null,
): Promise<FacilityRow[]> {
  const { rows } = await knex.raw(loadQuery('facilities/in_bbox'), {
    year,
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

/** The communes of a custom set that are loaded, with their département and outline's box. */
export async function fetchCommunesOf(knex: Knex, codes: readonly string[]) {
  return (await knex('commune')
    .whereIn('code', codes)
    .orderBy('code')
    .select('code', 'name', 'departement_code')) as {
    code: string;
    name: string;
    departement_code: string;
  }[];
}

/** Every year's figures of some communes, by year then code. */
export async function fetchCommuneFigures(
  knex: Knex,
  codes: readonly string[],
): Promise<CoverageFigureRow[]> {
  return knex('coverage_figure')
    .where('level', 'commune')
    .whereIn('code', codes)
    .orderBy(['year', 'code']);
}

/** The box and a point inside the union of some communes (null without outlines). */
export async function fetchBboxAndLabelOf(knex: Knex, codes: readonly string[]) {
  const { rows } = await knex.raw(loadQuery('territories/custom_set_extent'), {
    codes: [...codes],
  });
  return rows[0];
}

/**
 * The Caf's published rates (`txcouv`, `txcouv_<mode>`) of one territory and year; of several
 * files giving one measure, the latest import's. Empty when none is loaded.
 */
export async function fetchCafRates(
  knex: Knex,
  level: Level,
  code: string,
  year: number,
): Promise<{ measure: string; value: number; dataset_id: number }[]> {
  return knex('caf_published_coverage')
    .distinctOn('measure')
    .select('measure', 'value', 'dataset_id')
    .where({ level, code, year })
    .andWhere('measure', 'like', 'txcouv%')
    .orderBy([{ column: 'measure' }, { column: 'dataset_id', order: 'desc' }]);
}
