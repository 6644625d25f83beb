/**
 * The contract between the fictional territory generator and its consumers (the demo loader in
 * server/src/features/demo, benchmarks). Names and shapes are fixed: add optional fields only.
 *
 * Coordinates are WGS84 (EPSG:4326) longitude/latitude in degrees, rounded to 6 decimals
 * (about 0.1 m). Polygons follow RFC 7946: rings closed, outer rings counter-clockwise, holes
 * clockwise. Years are calendar years; a facility counts in year Y when
 * `openedYear <= Y` and (`closedYear` is null or `closedYear > Y`), as the coverage queries read it.
 */
import type { MultiPolygon } from 'geojson';

/** [longitude, latitude] in WGS84 degrees. */
export type Position = [number, number];

export interface GenerateOptions {
  /** Seed of the pseudo-random generator; the same seed gives the same territory. Default 42. */
  seed?: number;
  /**
   * Number of communes. Default 280 (one département). Above 999 the territory is split into
   * several fictional départements of at most 999 communes each, laid out across metropolitan
   * France.
   */
  communes?: number;
  /**
   * Number of childminders (AM) with an activity (`active: true`) over 2019-2024, MAM members
   * included. Default: 7 per commune (1,960 for 280 communes). About 7% more AM holding an
   * agrément without activity (`active: false`) are added on top.
   */
  childminders?: number;
}

export interface DemoDepartement {
  code: string;
  name: string;
  prefectureCode: string;
  geometry: MultiPolygon;
}

export interface DemoEpci {
  /** SIREN-like, 9 digits: `000` + département index (3 digits) + sequence (3 digits). */
  code: string;
  name: string;
  kind: 'CC' | 'CA';
  departementCode: string;
  geometry: MultiPolygon;
}

export interface DemoPopulation {
  year: number;
  total: number;
  childrenUnder3: number;
}

/** Births of mothers living in the commune, one calendar year (état civil, domiciliées). */
export interface DemoBirths {
  year: number;
  births: number;
}

export interface DemoCommune {
  /** 5 characters: département code + 3 digits (`Z1001`). */
  code: string;
  name: string;
  departementCode: string;
  epciCode: string;
  geometry: MultiPolygon;
  /** One row per year of `DemoTerritory.years`, in order. */
  population: DemoPopulation[];
  /** Births of the three years before each year of `population`, and of the last one. */
  births: DemoBirths[];
}

export type EajeKind =
  | 'multi_accueil'
  | 'creche_collective'
  | 'micro_creche'
  | 'halte_garderie'
  | 'creche_familiale'
  | 'creche_parentale';

export interface DemoEaje {
  id: string;
  name: string;
  kind: EajeKind;
  financing: 'psu' | 'hors_psu';
  places: number;
  manager: string;
  managerKind: 'public' | 'associatif' | 'prive';
  communeCode: string;
  position: Position;
  openedYear: number;
  closedYear: number | null;
}

export interface DemoMam {
  id: string;
  name: string;
  /**
   * Sum of its members' agreement places, at most 20 (the legal ceiling of children at once; a
   * MAM's places are AM places: count them once).
   */
  places: number;
  /** Number of AM whose `mamId` is this MAM (2 to 6; at most 4 of them at work at once). */
  childminderCount: number;
  communeCode: string;
  position: Position;
  openedYear: number;
  closedYear: number | null;
}

/**
 * A childminder. `active: false` is an agrément holder with no declared activity: never
 * counted as supply. An active AM works from `startedYear` until `endedYear` (exclusive; null:
 * still working). Positions are personal data in real life: keep them private.
 */
export interface DemoChildminder {
  id: string;
  communeCode: string;
  agreementPlaces: number;
  active: boolean;
  mamId: string | null;
  position: Position;
  startedYear: number;
  endedYear: number | null;
  /** Personal data in real life: only departures by year, aggregated, leave the server. */
  birthYear: number;
}

export interface DemoSupplyCount {
  communeCode: string;
  year: number;
  mode: 'garde_domicile' | 'prescolarisation';
  places: number;
}

/**
 * Between places: nationale, départementale, communale; to hamlets and scattered houses:
 * locale; inside towns, bourgs and villages: rue.
 */
export type RoadClass = 'nationale' | 'departementale' | 'communale' | 'locale' | 'rue';

export interface DemoRoad {
  id: number;
  /** Node ids: edges meeting at a place share the node id. */
  source: number;
  target: number;
  roadClass: RoadClass;
  speedKmh: number;
  oneway: boolean;
  /** Geodesic length of `coordinates` in metres (haversine, mean Earth radius as turf). */
  lengthM: number;
  /** From the source node to the target node. */
  coordinates: Position[];
}

/**
 * Where the children live: 200 m square cells of Lambert-93 (EPSG:2154) holding each commune's
 * inhabitants, as INSEE's gridded data would. Cell k belongs to `communes[commune[k]]`, its
 * south-west corner is (`col[k]`, `row[k]`) × 200 m, `weight[k]` its inhabitants (0.1 precision)
 * and `share[k]` = weight / Σ weight of its commune's cells (they add up to 1 by commune).
 * Cells are stored as columns (millions for the large territories); `demandCells()` gives
 * them as rows with their WGS84 polygon.
 */
export interface DemoDemandGrid {
  srid: 2154;
  cellM: 200;
  commune: Uint32Array;
  col: Int32Array;
  row: Int32Array;
  weight: Float64Array;
  share: Float64Array;
}

export interface DemoTerritory {
  seed: number;
  /** 2019..2024. */
  years: number[];
  departements: DemoDepartement[];
  epcis: DemoEpci[];
  communes: DemoCommune[];
  eaje: DemoEaje[];
  mams: DemoMam[];
  childminders: DemoChildminder[];
  supplyCounts: DemoSupplyCount[];
  roads: DemoRoad[];
  demand: DemoDemandGrid;
}
