/** Shapes of the Berceau API (see the server's OpenAPI document at /api/openapi.json). */
import type { TerritoryLevel } from '../lib/url-state';

export interface Dataset {
  id: number;
  key: string;
  kind: string;
  name: string;
  source: string;
  licence: string;
  vintage: string;
  fictional: boolean;
  importedAt: string;
  rowCounts?: Record<string, number>;
}

export interface Health {
  status: string;
  database: { mode: string };
  fictional: boolean;
  territories: {
    departementCode: string;
    name: string;
    fictional: boolean;
    communes: number;
    epcis: number;
  }[];
  datasets: Dataset[];
  /** Optional online basemap (off by default: the dashboard works offline). */
  basemapStyleUrl?: string | null;
}

export type CoverageClass =
  'zone_blanche' | 'well_below' | 'below' | 'near' | 'above' | 'no_data' | 'small_population';

export interface TerritoryProperties {
  code: string;
  name: string;
  level: TerritoryLevel;
  epci_code: string | null;
  departement_code: string | null;
  year: number;
  children_under3: number | null;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_am: number;
  places_mam: number;
  places_home_care: number;
  places_preschool: number;
  places_total: number;
  coverage_rate: number | null;
  coverage_class: CoverageClass;
  reference_rate: number | null;
  small_population: boolean;
  fictional: boolean;
  label_point?: [number, number];
  sources: number[];
}

export interface ReferenceInfo {
  kind?: 'national' | 'departement';
  rate: number | null;
  year: number | null;
  carriedForward: boolean;
  source: string | null;
}

export interface TerritoryFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJSON.Geometry;
  properties: TerritoryProperties;
}

export interface TerritoryCollection {
  type: 'FeatureCollection';
  features: TerritoryFeature[];
  metadata: {
    level: TerritoryLevel;
    year: number;
    years: number[];
    reference: ReferenceInfo;
    am_under3_share: number;
    fictional: boolean;
    datasets: Dataset[];
  };
}

export interface HistoryEntry {
  year: number;
  children_under3: number | null;
  places_total: number;
  coverage_rate: number | null;
  coverage_class?: CoverageClass;
  reference_rate?: number | null;
}

export interface FacilitySummary {
  id: number;
  type: 'eaje' | 'mam';
  name: string;
  kind: string;
  financing?: string | null;
  places: number;
  commune_code: string;
  /** Placed at its commune's centre, for want of an address. */
  location_approximate?: boolean;
  /** WGS84 position. */
  lon: number;
  lat: number;
}

export interface TerritoryDetail {
  territory: TerritoryProperties;
  bbox: [number, number, number, number];
  history: HistoryEntry[];
  parents: {
    epci?: { code: string; name: string; coverage_rate: number | null };
    departement?: { code: string; name: string; coverage_rate: number | null };
  };
  national: ReferenceInfo;
  supply_points: { eaje: number; mam: number; childminders: number };
  facilities: FacilitySummary[];
  datasets: Dataset[];
}

export interface FacilityProperties {
  id: number;
  name: string;
  type: 'eaje' | 'mam';
  kind: string;
  financing: string | null;
  places: number;
  commune_code: string;
  location_approximate: boolean;
}

export interface FacilityCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: GeoJSON.Point;
    properties: FacilityProperties;
  }[];
  metadata?: { count: number; truncated: boolean; limit: number };
}

// ---- travel times (issue #6; server: features/travel, docs/travel-times.md) ----

export interface IsochroneBandProperties {
  minutes: number;
  mode: 'car' | 'walk';
  year: number;
  /** Estimated (children living inside the band, from the commune populations). */
  children_under3: number | null;
  children_estimated: boolean;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_am: number;
  places_mam: number;
  places_total: number;
  area_km2: number;
  fictional: boolean;
  sources: unknown[];
}

/** Where the isochrone starts: the point joined to the roads, or why it cannot be. */
export interface IsochroneOrigin {
  reachable: boolean;
  /** The point asked for and the nearest point of a usable road. */
  point?: { lon: number; lat: number } | [number, number];
  snapped?: [number, number] | { lon: number; lat: number } | null;
  /** The straight leg from the point to the road. */
  off_network_m?: number | null;
  off_network_minutes?: number | null;
  reason?: string;
  message?: string;
  nearest_road_m?: number | null;
  [key: string]: unknown;
}

export interface IsochroneCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
    properties: IsochroneBandProperties;
  }[];
  origin: IsochroneOrigin;
  metadata?: {
    mode: string;
    year: number;
    cell_m: number | null;
    children_method?: string;
    fictional: boolean;
    datasets: Dataset[];
  };
}

export interface NearestProperties {
  /** Minutes to the nearest place of the target; null beyond the maximum searched. */
  minutes: number | null;
  code?: string;
  name?: string;
  children_under3?: number | null;
  [key: string]: unknown;
}

export interface NearestCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: GeoJSON.Geometry; properties: NearestProperties }[];
  metadata?: {
    fictional?: boolean;
    max_minutes?: number;
    datasets?: Dataset[];
    sources?: unknown[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
