/**
 * Accessibility over the stored territory: for each populated grid cell, the places within reach
 * per child (floating catchments, docs/accessibility.md), from the demand grid (demand_cell), the
 * places by mode at their sites and car times from the routing core. The computation itself is
 * the pure engine's (server/src/domain/accessibility); this module gathers its inputs, keeps the
 * results per version of the data and hands them to the territory sums (territories.ts) and to
 * anyone who needs the cells (the gap zones): `cellAccessibility`.
 */
import type { Knex } from 'knex';
import type { DataVersions } from '../../db/data-versions';
import {
  formatWeights,
  resolveAccessOptions,
  type AccessMethod,
  type Catchment,
  type WeightSpec,
} from '../../domain/accessibility';
import { InvalidInput, NotFound } from '../../domain/errors';
import { EXACT_NOWHERE, exactCovers, type ExactRule } from '../../domain/accounts';
import type { RoadGraph, Router } from '../../domain/routing';
import {
  denseCarMatrix,
  shareSupply,
  type DenseMatrix,
  type ShareInput,
  type ShareResult,
} from '../../domain/accessibility/compute';
import { COVERAGE_OPTIONS, datasetsAmong, resolveSideYear } from '../../kernel';
import {
  fetchDemandCells,
  fetchSupplySites,
  type DemandCellRow,
  type SupplyMode,
  type SupplySiteRow,
} from './repository';

export type { SupplyMode } from './repository';
export const SUPPLY_MODES: readonly SupplyMode[] = ['eaje', 'mam', 'am'];

/**
 * The defaults: E2SFCA with Luo & Qi's steps (≤ 10 min: 1, ≤ 20: 0.68, ≤ 30: 0.22), the weights
 * most published E2SFCA studies use, so that figures compare with theirs; a catchment of 30 min
 * by car, the last step's bound (a family rarely drives further to a crèche every day); every
 * formal mode with a place to go to (EAJE, MAM, childminders at home).
 */
export const DEFAULT_ACCESSIBILITY = Object.freeze({
  method: 'e2sfca' as AccessMethod,
  modes: SUPPLY_MODES,
  maxMinutes: 30,
});
/** Longest catchment a request may ask for (minutes by car). */
export const ACCESSIBILITY_MAX_MINUTES = 60;

/** Where the road network comes from: the travel feature's service, handed in by the app. */
export interface RoadNetworkSource {
  /** The roads of one side of the data (kernel/fiction.ts). */
  network(
    fictional: boolean,
    known?: DataVersions,
  ): Promise<{
    versions: DataVersions;
    network: { graph: RoadGraph; router: Router; datasetIds: number[]; fictional: boolean };
  }>;
}

/**
 * Worker threads for the heavy steps (the car matrix, the catchment), handed in by the app (the
 * travel feature's routing pool): the request thread then builds no road graph and stays free
 * for tiles and lists. Without them, the steps run in the request thread, with the same answers.
 */
export interface AccessibilityWorkers {
  /** The versions of the data and the road datasets of a side (NotFound without roads). */
  network(fictional: boolean): Promise<{ versions: DataVersions; datasetIds: number[] }>;
  /** Car times within `maxMinutes` from origins to destinations (`[lon, lat, …]`). */
  matrix(
    q: {
      fictional: boolean;
      versions: DataVersions;
      origins: Float64Array;
      destinations: Float64Array;
      maxMinutes: number;
    },
    signal?: AbortSignal,
  ): Promise<DenseMatrix>;
  share(input: ShareInput, signal?: AbortSignal): Promise<ShareResult>;
}

/** A side's roads as a computation needs them: their versions, datasets and matrix step. */
interface Roads {
  versions: DataVersions;
  datasetIds: number[];
  matrix(
    origins: Float64Array,
    destinations: Float64Array,
    maxMinutes: number,
    signal?: AbortSignal,
  ): Promise<DenseMatrix>;
}

export interface AccessibilityParams {
  /**
   * The side of the data computed over (kernel/fiction.ts): the demo's cells, places and roads,
   * or the real ones; never both.
   */
  fictional: boolean;
  /** The latest year with data when absent. */
  year?: number;
  method?: AccessMethod;
  /** The method's default when absent (docs/accessibility.md). */
  weights?: WeightSpec;
  /** Catchment, minutes by car (inclusive); 30 by default. */
  maxMinutes?: number;
  /** Supply counted; every mode by default. */
  modes?: readonly SupplyMode[];
  /**
   * Count the childminder places of communes withheld by statistical secrecy (never for the
   * public: a commune's places could be read back from its flows). False by default.
   */
  exact?: ExactRule;
}

/** One computation: its inputs (kept, dense indices) and the engine's results. */
export interface AccessibilityRun {
  year: number;
  method: AccessMethod;
  weights: string;
  maxMinutes: number;
  modes: SupplyMode[];
  /** Where withheld childminder places are counted (domain/accounts/visibility.ts). */
  exact: ExactRule;
  /** The side of the data it was computed over (kernel/fiction.ts). */
  side: boolean;
  /** Demand locations: one per (cell, commune) part with children. */
  cells: DemandCellRow[];
  /** The sites of the modes counted, with places (withheld ones left out unless exact). */
  sites: SupplySiteRow[];
  catchment: Catchment;
  /** Places per site (index = site). */
  supply: Float64Array;
  /** A_i, places per child within reach (index = cell). */
  access: Float64Array;
  placesUnreached: number;
  /** Cells and sites the roads do not reach (snapped too far from any road). */
  offNetwork: { cells: number; sites: number };
  /** Part of the demand comes from the estimate (roads and buildings), not INSEE's grid. */
  estimated: boolean;
  fictional: boolean;
  datasetIds: number[];
}

/** Per-cell accessibility, as the gap zones and the map read it. */
export interface CellAccess {
  cell_id: string;
  commune_code: string;
  /** Children under 3 of the cell (its part in the commune). */
  children: number;
  /** Places per child within reach (× 100: per 100 children). */
  access: number;
  /** children × access: the places the cell's children get (Σ over cells = places reached). */
  reachable_places: number;
  estimated: boolean;
  lon: number;
  lat: number;
}

const CACHE_SIZE = 8;

/**
 * The computations of one database, kept per version of the data and parameters (in this
 * process only: every instance computes the same from the same data, so the API stays stateless).
 */
export class AccessibilityService {
  private readonly matrices = new Map<string, Promise<Matrix>>();
  private readonly runs = new Map<string, Promise<AccessibilityRun>>();

  constructor(
    readonly knex: Knex,
    private readonly roads: RoadNetworkSource,
    private readonly workers?: AccessibilityWorkers,
  ) {}

  /** The roads of a side, in worker threads when there are some. */
  private async sideRoads(side: boolean): Promise<Roads> {
    const workers = this.workers;
    if (workers) {
      const { versions, datasetIds } = await workers.network(side);
      return {
        versions,
        datasetIds,
        matrix: (origins, destinations, maxMinutes, signal) =>
          workers.matrix({ fictional: side, versions, origins, destinations, maxMinutes }, signal),
      };
    }
    const { versions, network } = await this.roads.network(side);
    return {
      versions,
      datasetIds: network.datasetIds,
      matrix: async (origins, destinations, maxMinutes) =>
        denseCarMatrix(network.graph, network.router, origins, destinations, maxMinutes),
    };
  }

  private share(input: ShareInput, signal?: AbortSignal): Promise<ShareResult> {
    return this.workers ? this.workers.share(input, signal) : Promise.resolve(shareSupply(input));
  }

  /**
   * The year asked for, or the latest of the side of the data (kernel/fiction.ts); a year without
   * data names `field`.
   */
  async year(year: number | undefined, fictional: boolean, field = 'body.year'): Promise<number> {
    try {
      return (await resolveSideYear(this.knex, year, fictional)).year;
    } catch (error) {
      if (error instanceof NotFound && error.code === 'year_not_available') {
        throw new InvalidInput(error.message, {
          code: 'year_not_available',
          details: [{ field, message: error.message }],
        });
      }
      throw error;
    }
  }

  /**
   * The computation for `params` (defaults filled in), made once per version of the data.
   * `signal` (the asking request's) ends its work in the worker threads when it aborts.
   */
  async run(params: AccessibilityParams, signal?: AbortSignal): Promise<AccessibilityRun> {
    const year = await this.year(params.year, params.fictional);
    const method = params.method ?? DEFAULT_ACCESSIBILITY.method;
    const maxMinutes = params.maxMinutes ?? DEFAULT_ACCESSIBILITY.maxMinutes;
    const options = resolveAccessOptions({ method, weights: params.weights, maxCost: maxMinutes });
    const modes = SUPPLY_MODES.filter((m) => (params.modes ?? SUPPLY_MODES).includes(m));
    const exact = params.exact ?? EXACT_NOWHERE;
    const side = params.fictional;
    const current = await this.sideRoads(side);
    const key = [
      side,
      current.versions.data,
      current.versions.network,
      year,
      method,
      formatWeights(options.weights),
      maxMinutes,
      modes.join('+'),
      exact,
    ].join('#');
    return kept(this.runs, key, async () => {
      const matrix = await this.matrix(current, year, maxMinutes, side, signal);
      const chosen: number[] = [];
      matrix.sites.forEach((s, j) => {
        if (
          modes.includes(s.mode) &&
          s.places > 0 &&
          (!s.withheld || exactCovers(exact, { level: 'commune', code: s.commune_code, ...s }))
        )
          chosen.push(j);
      });
      const siteIndex = new Int32Array(matrix.sites.length).fill(-1);
      chosen.forEach((j, k) => (siteIndex[j] = k));
      // The pairs of the sites counted only, so that 3SFCA's selection weights see no empty site.
      let kept = 0;
      for (let p = 0; p < matrix.origin.length; p++)
        if (siteIndex[matrix.destination[p]] >= 0) kept++;
      const origin = new Int32Array(kept);
      const destination = new Int32Array(kept);
      const cost = new Float64Array(kept);
      for (let p = 0, q = 0; p < matrix.origin.length; p++) {
        const k = siteIndex[matrix.destination[p]];
        if (k < 0) continue;
        origin[q] = matrix.origin[p];
        destination[q] = k;
        cost[q++] = matrix.minutes[p];
      }
      const sites = chosen.map((j) => matrix.sites[j]);
      const supply = Float64Array.from(sites, (s) => s.places);
      const { catchment, ...result } = await this.share(
        {
          demand: Float64Array.from(matrix.cells, (c) => c.children),
          siteCount: sites.length,
          pairs: { origin, destination, cost },
          options: { method, weights: options.weights, maxCost: maxMinutes },
          supply,
        },
        signal,
      );
      const ids = new Set<number>(current.datasetIds);
      for (const c of matrix.cells) for (const id of c.dataset_ids) ids.add(id);
      for (const s of sites) for (const id of s.dataset_ids) ids.add(id);
      const datasets = await datasetsAmong(this.knex, ids);
      return {
        year,
        method,
        weights: formatWeights(options.weights),
        maxMinutes,
        modes,
        exact,
        side,
        cells: matrix.cells,
        sites,
        catchment,
        supply,
        access: result.access,
        placesUnreached: result.placesUnreached,
        offNetwork: matrix.offNetwork,
        estimated: matrix.cells.some((c) => c.estimated),
        fictional: datasets.some((d) => d.fictional),
        datasetIds: [...ids].sort((a, b) => a - b),
      };
    });
  }

  /**
   * Car times from every populated cell to every site within `maxMinutes`, with the cells and
   * sites of every mode: one matrix serves every choice of modes, method and weights.
   */
  private matrix(
    current: Roads,
    year: number,
    maxMinutes: number,
    fictional: boolean,
    signal?: AbortSignal,
  ): Promise<Matrix> {
    const key = [current.versions.data, current.versions.network, year, maxMinutes, fictional];
    return kept(this.matrices, key.join('#'), async () => {
      const cells = await fetchDemandCells(this.knex, year, fictional);
      if (cells.length === 0) {
        throw new NotFound(
          `No demand grid for ${year}: load the demo or import a grid (npm run berceau -- import grid <file> --year ${year})`,
          { code: 'no_data' },
        );
      }
      const sites = await fetchSupplySites(this.knex, {
        year,
        amUnder3Share: COVERAGE_OPTIONS.amUnder3Share,
        fictional,
      });
      const origins = new Float64Array(cells.length * 2);
      cells.forEach((c, i) => {
        origins[2 * i] = c.lon;
        origins[2 * i + 1] = c.lat;
      });
      const destinations = new Float64Array(sites.length * 2);
      sites.forEach((site, j) => {
        destinations[2 * j] = site.lon;
        destinations[2 * j + 1] = site.lat;
      });
      const m = await current.matrix(origins, destinations, maxMinutes, signal);
      const { origin, destination, minutes } = m;
      const off = { cells: m.offNetwork.origins, sites: m.offNetwork.destinations };
      return { cells, sites, origin, destination, minutes, offNetwork: off };
    });
  }
}

interface Matrix {
  cells: DemandCellRow[];
  sites: SupplySiteRow[];
  origin: Int32Array;
  destination: Int32Array;
  minutes: Float64Array;
  offNetwork: { cells: number; sites: number };
}

/** The value kept under `key`, made once; a failed making is forgotten; the oldest dropped. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const pending = make();
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return pending;
}

/**
 * Accessibility per populated grid cell (per part of a cell in a commune) for the loaded
 * territory: the entry point for other features (handed the service by the app).
 */
export async function cellAccessibility(
  service: AccessibilityService,
  params: AccessibilityParams,
): Promise<{ run: AccessibilityRun; cells: CellAccess[] }> {
  const run = await service.run(params);
  const cells = run.cells.map((c, i) => ({
    cell_id: c.cell_id,
    commune_code: c.commune_code,
    children: c.children,
    access: run.access[i],
    reachable_places: c.children * run.access[i],
    estimated: c.estimated,
    lon: c.lon,
    lat: c.lat,
  }));
  return { run, cells };
}
