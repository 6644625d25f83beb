import type { Knex } from 'knex';
import type { NearestRequest } from '../../../../contract';
import { KeptForVersion, fetchDataVersions, type DataVersions } from '../../db/data-versions';
import {
  nearestTargets,
  timeToNearest,
  type LonLat,
  type MatrixPoint,
  type NearestTargets,
  type TravelMode,
} from '../../domain/routing';
import { InvalidInput, NotFound } from '../../domain/errors';
import {
  datasetsAmong,
  departementNotLoaded,
  noTerritoryLoaded,
  pointIsFictional,
  resolveSideYear,
  sideOf,
  type Dataset,
} from '../../kernel';
import { packDemandPoints, type DemandPoints } from './demand-points';
import { loadGrid, type TravelGrid } from './grid';
import { RoadNetworkCache, type RoadNetwork } from './network';
import { packEdges } from './packed-network';
import type { NetworkRef } from './routing-tasks';
import {
  fetchDemandPoints,
  fetchExtent,
  fetchRoadDatasets,
  fetchRoadEdges,
  fetchTargets,
  type Extent,
  type FacilityType,
  type TargetRow,
} from './repository';

/** Longest time searched for "time to the nearest place" (minutes): beyond, a place gets null. */
export const NEAREST_MAX_MINUTES = 60;
/** Searches of "time to the nearest place" kept in memory (least recently used dropped first). */
const NEAREST_CACHE_SIZE = 24;

/** What a target of the nearest-place search is ("formal": an EAJE or a MAM). */
export type TargetKind = NearestRequest['target'];

export const TARGET_TYPES: Readonly<Record<TargetKind, readonly FacilityType[]>> = {
  eaje: ['eaje'],
  mam: ['mam'],
  formal: ['eaje', 'mam'],
};

/** A target as the routing core sees it: id `eaje-12` / `mam-3` (as /api/facilities names them). */
export type TargetPoint = MatrixPoint<string>;

/** The road network as the routing workers receive it, with what answers must name. */
export interface PackedNetwork {
  ref: NetworkRef;
  datasetIds: number[];
  fictional: boolean;
}

/** What a nearest-place search is about: its year, targets, options and side of the data. */
export interface NearestSearchQuery {
  year: number;
  target: TargetKind;
  minPlaces: number;
  mode: TravelMode;
  /** The side of the data searched (kernel/fiction.ts). */
  fictional: boolean;
}

/** What a nearest-place search is about, as its cache key (targets, options, data versions). */
export function nearestSearchKey(versions: DataVersions, q: NearestSearchQuery): string {
  return [
    versions.network,
    versions.data,
    q.year,
    q.target,
    q.minPlaces,
    q.mode,
    q.fictional ? 'fictif' : 'réel',
  ].join('#');
}

export interface NearestSearch {
  search: NearestTargets<string>;
  targets: TargetRow[];
}

/** Where a request's year and extent checks report their problem: `body.year`, `query.year`. */
export type FieldPrefix = 'body' | 'query';

/**
 * State shared by the travel endpoints, the CLI and the benchmarks over one database: the road
 * network cache and the cache of nearest-place searches (keyed by the data's versions, so an
 * import or a demo load is seen at the next request). One instance per database.
 */
export class TravelService {
  readonly networks: RoadNetworkCache;
  private readonly nearestCache = new Map<string, Promise<NearestSearch>>();
  private readonly gridCache = new Map<string, Promise<TravelGrid | null>>();
  /**
   * The loaded territories' bounding box, read again only when the data changes: reading it
   * means reading every commune's outline (~40 ms for 35,000 communes).
   */
  private readonly extent = {
    real: new KeptForVersion<Extent | null>(),
    fictional: new KeptForVersion<Extent | null>(),
  };
  /**
   * The years of each side, read again only when the data changes: reading them means grouping
   * every commune's coverage figures (~200 ms for 35,000 communes).
   */
  private readonly sideYears = {
    real: new KeptForVersion<number[]>(),
    fictional: new KeptForVersion<number[]>(),
  };
  /** The roads of each side packed for the routing workers (no graph in this thread then). */
  private readonly packed = {
    real: new KeptForVersion<PackedNetwork>(),
    fictional: new KeptForVersion<PackedNetwork>(),
  };

  /** The demand grid of each side as points, to count the children inside isochrone bands. */
  private readonly demand = {
    real: new KeptForVersion<DemandPoints>(),
    fictional: new KeptForVersion<DemandPoints>(),
  };

  constructor(readonly knex: Knex) {
    this.networks = new RoadNetworkCache(knex);
  }

  /** The data versions, to share between the checks and the network of one request. */
  versions(): Promise<DataVersions> {
    return fetchDataVersions(this.knex);
  }

  /**
   * The network of a side of the data and the versions (read unless given); NotFound when no
   * road of that side is loaded.
   */
  async network(
    fictional: boolean,
    known?: DataVersions,
  ): Promise<{ versions: DataVersions; network: RoadNetwork }> {
    const current = await this.networks.current(fictional, known);
    if (current.network.graph.edgeCount === 0) throw noRoads();
    return current;
  }

  /** The roads of a side packed for the routing workers; NotFound when none is loaded. */
  async packedNetwork(versions: DataVersions, fictional: boolean): Promise<PackedNetwork> {
    const side = fictional ? 'fictional' : 'real';
    const packed = await this.packed[side].get(versions.network, async () => {
      const [edges, datasets] = await Promise.all([
        fetchRoadEdges(this.knex, fictional),
        fetchRoadDatasets(this.knex, fictional),
      ]);
      return {
        // The workers keep a graph by this version: one per side.
        ref: { version: `${versions.network}#${side}`, edges: packEdges(edges) },
        datasetIds: datasets.map((d) => d.id),
        fictional,
      };
    });
    if (packed.ref.edges.count === 0) throw noRoads();
    return packed;
  }

  /** The demand grid of a side as points, read again only when the data changes. */
  demandPoints(versions: DataVersions, fictional: boolean): Promise<DemandPoints> {
    return this.demand[fictional ? 'fictional' : 'real'].get(versions.data, async () =>
      packDemandPoints(await fetchDemandPoints(this.knex, fictional)),
    );
  }

  /**
   * The year asked for, or the latest with data on the side of the data asked about
   * (kernel/fiction.ts). A year without data is an invalid input here (a travel time is asked
   * about the roads, not about a year's figures), naming the field.
   */
  async year(
    year: number | undefined,
    where: FieldPrefix,
    fictional: boolean,
    /** The request's: the side's years are then kept until the data changes. */
    versions?: DataVersions,
  ): Promise<{ year: number; years: number[] }> {
    try {
      if (versions) {
        const years = await this.sideYears[fictional ? 'fictional' : 'real'].get(
          versions.data,
          async () => (await resolveSideYear(this.knex, undefined, fictional)).years,
        );
        if (year === undefined) return { year: years[years.length - 1], years };
        if (years.includes(year)) return { year, years };
      }
      // A year the side does not have: its error, from the kernel.
      return await resolveSideYear(this.knex, year, fictional);
    } catch (error) {
      if (error instanceof NotFound && error.code === 'year_not_available') {
        throw new InvalidInput(error.message, {
          code: 'year_not_available',
          details: [
            {
              field: `${where}.year`,
              message: error.message,
              available: (error.details as { available: number[] }).available,
            },
          ],
        });
      }
      throw error;
    }
  }

  /**
   * The side of the data a point is on (kernel/fiction.ts): that of the commune covering it or
   * nearest to it. NotFound when no territory is loaded.
   */
  async sideAt(lon: number, lat: number): Promise<boolean> {
    const fictional = await pointIsFictional(this.knex, lon, lat);
    if (fictional === null) throw noTerritoryLoaded();
    return fictional;
  }

  /**
   * The side of an answer about a département (NotFound when it is not loaded), or about every
   * loaded territory: the real ones once one is loaded, else the demo.
   */
  async sideOf(departement: string | null): Promise<boolean> {
    const fictional = await sideOf(this.knex, departement);
    if (fictional === null) throw departementNotLoaded(departement!);
    return fictional;
  }

  /**
   * InvalidInput naming lon and/or lat for a point outside the bounding box of the loaded
   * territories of its side.
   */
  async checkInsideTerritories(
    lon: number,
    lat: number,
    where: FieldPrefix,
    versions: DataVersions,
    fictional: boolean,
  ): Promise<void> {
    const extent = await this.extent[fictional ? 'fictional' : 'real'].get(versions.data, () =>
      fetchExtent(this.knex, null, fictional),
    );
    if (!extent) throw noTerritoryLoaded();
    const box = `${extent.minLon.toFixed(4)},${extent.minLat.toFixed(4)},${extent.maxLon.toFixed(4)},${extent.maxLat.toFixed(4)}`;
    const details = [];
    if (lon < extent.minLon || lon > extent.maxLon) {
      details.push({
        field: `${where}.lon`,
        message: `${lon} is outside the loaded territories (longitudes ${extent.minLon.toFixed(4)} to ${extent.maxLon.toFixed(4)})`,
      });
    }
    if (lat < extent.minLat || lat > extent.maxLat) {
      details.push({
        field: `${where}.lat`,
        message: `${lat} is outside the loaded territories (latitudes ${extent.minLat.toFixed(4)} to ${extent.maxLat.toFixed(4)})`,
      });
    }
    if (details.length > 0) {
      throw new InvalidInput(
        `Invalid request: the point [${lon}, ${lat}] is outside the loaded territories (bounding box ${box})`,
        { details },
      );
    }
  }

  /**
   * Open facilities of a kind that year with at least `minPlaces` places, of a side of the data,
   * as routing points.
   */
  async targets(
    year: number,
    kind: TargetKind,
    minPlaces: number,
    fictional: boolean,
  ): Promise<{ rows: TargetRow[]; points: TargetPoint[] }> {
    const rows = await fetchTargets(this.knex, {
      year,
      types: TARGET_TYPES[kind],
      minPlaces,
      fictional,
    });
    return { rows, points: rows.map((r) => ({ id: `${r.type}-${r.id}`, lon: r.lon, lat: r.lat })) };
  }

  /**
   * The multi-source search from every target of (year, kind, minPlaces, mode), computed once
   * per version of the data and kept (concurrent requests share one computation).
   */
  async nearestSearch(
    current: { versions: DataVersions; network: RoadNetwork },
    q: NearestSearchQuery,
  ): Promise<NearestSearch> {
    const key = nearestSearchKey(current.versions, q);
    const hit = this.nearestCache.get(key);
    if (hit) {
      this.nearestCache.delete(key);
      this.nearestCache.set(key, hit);
      return hit;
    }
    const pending = (async () => {
      const { rows, points } = await this.targets(q.year, q.target, q.minPlaces, q.fictional);
      const { graph, router } = current.network;
      const search = nearestTargets(graph, points, {
        mode: q.mode,
        maxMinutes: NEAREST_MAX_MINUTES,
        router,
      });
      return { search, targets: rows };
    })();
    this.nearestCache.set(key, pending);
    pending.catch(() => this.nearestCache.delete(key));
    while (this.nearestCache.size > NEAREST_CACHE_SIZE) {
      this.nearestCache.delete(this.nearestCache.keys().next().value!);
    }
    return pending;
  }

  /**
   * The grid over the loaded communes of a side (one département's); NotFound when none is
   * loaded. Kept per version of the data when `dataVersion` is given (the grid only changes with
   * boundaries).
   */
  async grid(
    departement: string | null,
    fictional: boolean,
    dataVersion?: string,
  ): Promise<TravelGrid> {
    let pending: Promise<TravelGrid | null>;
    if (dataVersion === undefined) pending = loadGrid(this.knex, departement, fictional);
    else {
      const key = `${dataVersion}#${departement ?? ''}#${fictional}`;
      pending = this.gridCache.get(key) ?? loadGrid(this.knex, departement, fictional);
      if (!this.gridCache.has(key)) {
        this.gridCache.set(key, pending);
        pending.catch(() => this.gridCache.delete(key));
        while (this.gridCache.size > 8) this.gridCache.delete(this.gridCache.keys().next().value!);
      }
    }
    const grid = await pending;
    if (!grid || grid.cells.length === 0) {
      throw departement ? departementNotLoaded(departement) : noTerritoryLoaded();
    }
    return grid;
  }

  /**
   * Minutes by car to the nearest formal place (EAJE or MAM, any size) open in `year` from each
   * point (null beyond NEAREST_MAX_MINUTES or off the roads), with the places searched and the
   * road and facility datasets the times come from: what gap zones are drawn from. Roads and
   * places of one side of the data only (the points'): kernel/fiction.ts.
   */
  async timesToNearestFormal(
    year: number,
    points: readonly LonLat[],
    fictional: boolean,
  ): Promise<{
    times: { minutes: number | null; nearest: string | null }[];
    places: { id: string; name: string }[];
    datasetIds: number[];
  }> {
    const current = await this.network(fictional);
    const { search, targets } = await this.nearestSearch(current, {
      year,
      target: 'formal',
      minPlaces: 1,
      mode: 'car',
      fictional,
    });
    const { graph } = current.network;
    const times = points.map((p) => {
      const t = timeToNearest(graph, search, p);
      return { minutes: t.minutes, nearest: t.target };
    });
    const datasetIds = new Set([
      ...current.network.datasetIds,
      ...targets.map((t) => t.dataset_id),
    ]);
    return {
      times,
      places: targets.map((t) => ({ id: `${t.type}-${t.id}`, name: t.name })),
      datasetIds: [...datasetIds].sort((a, b) => a - b),
    };
  }

  /** The datasets among `ids`, for a `metadata.datasets` list. */
  datasets(ids: Iterable<number>): Promise<Dataset[]> {
    return datasetsAmong(this.knex, ids);
  }
}

function noRoads(): NotFound {
  return new NotFound(
    'No road network is loaded: load the demo or import roads (npm run berceau -- import roads <file.osm.pbf>)',
    { code: 'no_roads' },
  );
}
