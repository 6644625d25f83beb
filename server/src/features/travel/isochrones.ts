import type { z } from 'zod';
import { childrenMethod, type isochroneBody, type IsochroneCollection } from '../../../../contract';
import { isochrones, type IsochroneResult } from '../../domain/routing';
import { COVERAGE_OPTIONS, type Viewer } from '../../kernel';
import { bandCells } from './demand-points';
import { fetchBandSums } from './repository';
import type { RoutingPool } from './routing-pool';
import type { TravelService } from './service';

export type IsochroneBody = z.output<typeof isochroneBody>;

/** Where a request's routing runs: in the pool's worker threads (the server), else here. */
export interface RoutingContext {
  pool?: RoutingPool;
  /** Aborts when the client goes away: the routing task and the SQL after it are dropped. */
  signal?: AbortSignal;
  /** Filled with the milliseconds of the answer's steps (the route's Server-Timing header). */
  timings?: IsochroneTimings;
}

/**
 * Milliseconds spent routing (snap, search, polygons), counting the grid cells inside the bands
 * (in this process), and summing the rest in SQL.
 */
export interface IsochroneTimings {
  routing?: number;
  cells?: number;
  sql?: number;
}

/** How children under 3 inside a band are counted (named in every answer). */
export const CHILDREN_METHOD_TEXT =
  'Children under 3 of each commune × the share of them living in the demand grid’s cells whose centroid is inside the band; for a commune without grid cells, × the share of its area inside the band (its children assumed spread evenly).';

/** The method of a band, from which ways its children were counted. */
function childrenMethodOf(s: {
  children_by_grid: boolean;
  children_by_area: boolean;
}): z.output<typeof childrenMethod> {
  if (s.children_by_grid && s.children_by_area) return 'demand_grid_and_area';
  return s.children_by_area ? 'commune_area_share' : 'demand_grid';
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Isochrone bands from a point with the children and places inside each (POST /api/isochrones). */
export async function isochroneAnswer(
  service: TravelService,
  body: IsochroneBody,
  viewer: Viewer,
  { pool, signal, timings }: RoutingContext = {},
): Promise<IsochroneCollection> {
  // The roads, children and places of the origin's side of the data only (kernel/fiction.ts).
  const [fictional, versions] = await Promise.all([
    service.sideAt(body.lon, body.lat),
    service.versions(),
  ]);
  const { year, years } = await service.year(body.year, 'body', fictional, versions);
  await service.checkInsideTerritories(body.lon, body.lat, 'body', versions, fictional);
  const origin = { lon: body.lon, lat: body.lat };
  // Read (once per data version) while the routing runs.
  const demand = service.demandPoints(versions, fictional);
  demand.catch(() => {});
  let network: { datasetIds: number[]; fictional: boolean };
  let result: IsochroneResult;
  const routingStart = performance.now();
  if (pool) {
    const packed = await service.packedNetwork(versions, fictional);
    network = packed;
    result = await pool.isochrones(
      { network: packed.ref, origin, minutes: body.minutes, mode: body.mode },
      signal,
    );
  } else {
    const current = (await service.network(fictional, versions)).network;
    network = current;
    result = isochrones(current.graph, origin, body.minutes, body.mode, {
      router: current.router,
      sweep: service.networks.sweepFor(current) ?? undefined,
    });
  }
  if (timings) timings.routing = performance.now() - routingStart;
  signal?.throwIfAborted();
  const metadataBase = {
    mode: body.mode,
    year,
    years,
    minutes: body.minutes,
    children_method: CHILDREN_METHOD_TEXT,
    am_under3_share: COVERAGE_OPTIONS.amUnder3Share,
  };
  if (!result.reachable) {
    return {
      type: 'FeatureCollection',
      origin: {
        reachable: false,
        lon: body.lon,
        lat: body.lat,
        snapped: null,
        reason: result.reason,
        message: result.message,
        nearest_road_m: result.nearestRoad_m === undefined ? null : round(result.nearestRoad_m, 1),
      },
      metadata: {
        ...metadataBase,
        cell_m: null,
        fictional: network.fictional,
        datasets: await service.datasets(network.datasetIds),
      },
      features: [],
    };
  }

  // Coordinates to 7 decimals (about 1 cm): marching-squares vertices stay at least a
  // thousandth of a cell (≥ 10 cm) from one another's corners, so validity is kept.
  const bands = result.bands.features.map((f) => ({
    minutes: f.properties.minutes,
    geometry: {
      type: 'MultiPolygon' as const,
      coordinates: f.geometry.coordinates.map((polygon) =>
        polygon.map((ring) => ring.map(([x, y]): [number, number] => [round(x, 7), round(y, 7)])),
      ),
    },
  }));
  const grid = await demand;
  const cellsStart = performance.now();
  const cells = bandCells(grid, bands);
  if (timings) timings.cells = performance.now() - cellsStart;
  signal?.throwIfAborted();
  const sqlStart = performance.now();
  const sums = await fetchBandSums(
    service.knex,
    bands,
    year,
    COVERAGE_OPTIONS.amUnder3Share,
    viewer.exactFigures,
    fictional,
    cells,
    signal,
  );
  if (timings) timings.sql = performance.now() - sqlStart;
  const byMinutes = new Map(sums.map((s) => [Number(s.minutes), s]));
  const allIds = new Set<number>(network.datasetIds);
  const features = bands.map((band) => {
    const s = byMinutes.get(band.minutes)!;
    const sources = [...new Set([...s.dataset_ids, ...network.datasetIds])].sort((a, b) => a - b);
    sources.forEach((id) => allIds.add(id));
    const places = {
      places_eaje_psu: round(s.places_eaje_psu, 2),
      places_eaje_hors_psu: round(s.places_eaje_hors_psu, 2),
      places_am: round(s.places_am, 2),
      places_mam: round(s.places_mam, 2),
    };
    return {
      type: 'Feature' as const,
      geometry: band.geometry,
      properties: {
        minutes: band.minutes,
        mode: body.mode,
        year,
        children_under3: s.children_under3 === null ? null : round(s.children_under3, 2),
        children_estimated: s.children_estimated,
        children_method: childrenMethodOf(s),
        ...places,
        places_total: round(
          s.places_eaje_psu + s.places_eaje_hors_psu + s.places_am + s.places_mam,
          2,
        ),
        area_km2: round(s.area_km2, 3),
        communes: s.communes,
        am_withheld_communes: s.am_withheld_communes,
        fictional: s.fictional || network.fictional,
        sources,
      },
    };
  });
  const snapped = result.origin;
  return {
    type: 'FeatureCollection',
    origin: {
      reachable: true,
      lon: body.lon,
      lat: body.lat,
      snapped: { lon: round(snapped.snapped[0], 7), lat: round(snapped.snapped[1], 7) },
      off_network_m: round(snapped.offNetwork_m, 1),
      off_network_minutes: round(snapped.offNetwork_s / 60, 2),
      edge_id: snapped.edgeId,
    },
    metadata: {
      ...metadataBase,
      cell_m: round(result.cell_m, 1),
      fictional: features.some((f) => f.properties.fictional) || network.fictional,
      datasets: await service.datasets(allIds),
    },
    features,
  };
}
