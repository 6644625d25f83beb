import type { Knex } from 'knex';
import type { RoadEdgeInput } from '../../domain/routing';
import type { ExactRule } from '../../domain/accounts';
import { rawCancellable } from '../../db/cancellable';
import { loadQuery } from '../../db/sql';
import type { BandCells } from './demand-points';
import { multiPolygonWkb } from './wkb';

/** SQL of the travel feature: every query is a file of sql/queries/travel with its contract. */

/** Every road edge of one side of the data (kernel/fiction.ts) as the routing core reads it. */
export async function fetchRoadEdges(knex: Knex, fictional: boolean): Promise<RoadEdgeInput[]> {
  const { rows } = await knex.raw(loadQuery('travel/road_edges'), { fictional });
  return rows.map((r: Record<string, unknown>) => ({
    id: Number(r.id),
    source: Number(r.source),
    target: Number(r.target),
    roadClass: r.road_class as string,
    speedLimitKmh: r.speed_kmh as number,
    setting: (r.setting as 'urban' | 'rural' | null) ?? null,
    oneway: r.oneway as boolean,
    lengthM: r.length_m as number,
    coordinates: (JSON.parse(r.geometry as string) as { coordinates: [number, number][] })
      .coordinates,
  }));
}

export async function fetchRoadDatasets(
  knex: Knex,
  fictional: boolean,
): Promise<{ id: number; fictional: boolean }[]> {
  const { rows } = await knex.raw(loadQuery('travel/road_datasets'), { fictional });
  return rows;
}

export interface Extent {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Bounding box of the loaded communes and départements of a side (of one département), or null. */
export async function fetchExtent(
  knex: Knex,
  departement: string | null,
  fictional: boolean,
): Promise<Extent | null> {
  const { rows } = await knex.raw(loadQuery('travel/extent'), { departement, fictional });
  const r = rows[0];
  if (!r || r.min_lon === null) return null;
  return { minLon: r.min_lon, minLat: r.min_lat, maxLon: r.max_lon, maxLat: r.max_lat };
}

/** Sums of one isochrone band (see sql/queries/travel/band_sums.sql). */
export interface BandSumsRow {
  minutes: number;
  area_km2: number;
  children_under3: number | null;
  /** Some children counted from the demand grid's cells inside the band. */
  children_by_grid: boolean;
  /** Some counted by area share: communes without grid cells. */
  children_by_area: boolean;
  /** Some counted by area share or from cells placed by the estimate. */
  children_estimated: boolean;
  communes: number;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_mam: number;
  places_am: number;
  /** Communes met whose AM at home are left out of places_am (statistical secrecy). */
  am_withheld_communes: number;
  dataset_ids: number[];
  fictional: boolean;
}

export async function fetchBandSums(
  knex: Knex,
  bands: { minutes: number; geometry: { coordinates: number[][][][] } }[],
  year: number,
  amUnder3Share: number,
  /** Count the AM at home of communes withheld by statistical secrecy (never for the public). */
  exact: ExactRule,
  /** The side of the data counted (kernel/fiction.ts). */
  fictional: boolean,
  /** The demand-grid cells inside each band, counted here (demand-points.ts). */
  cells: BandCells,
  /** The request's: the statement is cancelled when the client goes away (server mode). */
  signal?: AbortSignal,
): Promise<BandSumsRow[]> {
  const { rows } = await rawCancellable<{ rows: BandSumsRow[] }>(
    knex,
    loadQuery('travel/band_sums'),
    {
      minutes: bands.map((b) => b.minutes),
      geoms: bands.map((b) => multiPolygonWkb(b.geometry.coordinates)),
      year,
      am_share: amUnder3Share,
      exact,
      fictional,
      cell_minutes: cells.minutes,
      cell_codes: cells.codes,
      cell_shares: cells.shares,
      cell_estimated: cells.estimated,
      source_minutes: cells.sources.minutes,
      source_codes: cells.sources.codes,
      source_datasets: cells.sources.datasetIds,
    },
    signal,
    // Its plan does not depend on the bands: planned once per connection, not per request.
    { prepared: 'travel_band_sums', generic: true },
  );
  return rows;
}

/** A commune's demand-grid cells as points (sql/queries/travel/demand_points.sql). */
export interface DemandPointsRow {
  commune_code: string;
  lons: number[];
  lats: number[];
  shares: number[];
  estimated: boolean[];
  dataset_ids: number[];
}

/** Every demand-grid cell of a side of the data, grouped by commune. */
export async function fetchDemandPoints(
  knex: Knex,
  fictional: boolean,
): Promise<DemandPointsRow[]> {
  const { rows } = await knex.raw(loadQuery('travel/demand_points'), { fictional });
  return rows as DemandPointsRow[];
}

export type FacilityType = 'eaje' | 'mam';

export interface TargetRow {
  type: FacilityType;
  id: number;
  name: string;
  places: number;
  lon: number;
  lat: number;
  location_approximate: boolean;
  dataset_id: number;
}

export async function fetchTargets(
  knex: Knex,
  q: { year: number; types: readonly FacilityType[]; minPlaces: number; fictional: boolean },
): Promise<TargetRow[]> {
  const { rows } = await knex.raw(loadQuery('travel/targets'), {
    fictional: q.fictional,
    year: q.year,
    eaje: q.types.includes('eaje'),
    mam: q.types.includes('mam'),
    min_places: q.minPlaces,
  });
  return rows.map((r: TargetRow) => ({ ...r, id: Number(r.id) }));
}

export interface CommunePointRow {
  code: string;
  name: string;
  departement_code: string;
  lon: number;
  lat: number;
  children_under3: number | null;
  /** GeoJSON text. */
  geometry: string;
  dataset_ids: number[];
}

export async function fetchCommunePoints(
  knex: Knex,
  year: number,
  departement: string | null,
  fictional: boolean,
): Promise<CommunePointRow[]> {
  const { rows } = await knex.raw(loadQuery('travel/commune_points'), {
    year,
    departement,
    fictional,
  });
  return rows;
}

export interface GridSpec {
  west: number;
  south: number;
  dLon: number;
  dLat: number;
  cols: number;
  rows: number;
}

/** The cells of a grid that meet a loaded commune: column, row and centre. */
export async function fetchGridCells(
  knex: Knex,
  grid: GridSpec,
  departement: string | null,
  fictional: boolean,
): Promise<{ col: number; row: number; lon: number; lat: number }[]> {
  const { rows } = await knex.raw(loadQuery('travel/grid_cells'), {
    west: grid.west,
    south: grid.south,
    d_lon: grid.dLon,
    d_lat: grid.dLat,
    cols: grid.cols,
    rows: grid.rows,
    departement,
    fictional,
  });
  return rows;
}
