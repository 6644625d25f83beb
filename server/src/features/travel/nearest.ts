import type { z } from 'zod';
import type {
  NearestCollection,
  NearestCellFeature,
  NearestCommuneFeature,
  nearestQuery,
} from '../../../../contract';
import type { LonLat } from '../../domain/routing';
import { departementNotLoaded } from '../../kernel';
import { cellPolygon } from './grid';
import type { RoutingContext } from './isochrones';
import { fetchCommunePoints } from './repository';
import { nearestTimes, type NearestTimes } from './routing-tasks';
import { NEAREST_MAX_MINUTES, nearestSearchKey, type TravelService } from './service';

export type NearestQuery = z.output<typeof nearestQuery>;
type NearestMetadata = NearestCollection['metadata'];

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Minutes to the nearest place by commune or grid cell (GET /api/travel/nearest). */
export async function nearestAnswer(
  service: TravelService,
  q: NearestQuery,
  { pool, signal }: RoutingContext = {},
): Promise<NearestCollection> {
  const departement = q.departement ?? null;
  // One side of the data: the département's, or the real territories' (kernel/fiction.ts).
  const fictional = await service.sideOf(departement);
  const { year, years } = await service.year(q.year, 'query', fictional);
  const versions = await service.versions();
  const search = { year, target: q.target, minPlaces: q.min_places, mode: q.mode, fictional };
  let roads: { datasetIds: number[]; fictional: boolean };
  let targets: { dataset_id: number }[];
  let timesOf: (places: LonLat[]) => Promise<NearestTimes>;
  if (pool) {
    const packed = await service.packedNetwork(versions, fictional);
    const found = await service.targets(year, q.target, q.min_places, fictional);
    roads = packed;
    targets = found.rows;
    timesOf = (places) =>
      pool.nearest(
        {
          network: packed.ref,
          searchKey: nearestSearchKey(versions, search),
          targets: found.points,
          mode: q.mode,
          maxMinutes: NEAREST_MAX_MINUTES,
          places,
        },
        signal,
      );
  } else {
    const current = await service.network(fictional, versions);
    const kept = await service.nearestSearch(current, search);
    roads = current.network;
    targets = kept.targets;
    timesOf = async (places) => ({
      times: nearestTimes(current.network.graph, kept.search, places),
      targetsOffNetwork: kept.search.offNetwork.length,
    });
  }
  const sources = new Set<number>([...roads.datasetIds, ...targets.map((t) => t.dataset_id)]);
  let features: (NearestCommuneFeature | NearestCellFeature)[];
  let extra: Partial<NearestMetadata>;
  let targetsOffNetwork: number;
  if (q.level === 'commune') {
    const communes = await fetchCommunePoints(service.knex, year, departement, fictional);
    if (departement && communes.length === 0) throw departementNotLoaded(departement);
    const { times, targetsOffNetwork: off } = await timesOf(
      communes.map((c) => ({ lon: c.lon, lat: c.lat })),
    );
    targetsOffNetwork = off;
    features = communes.map((c, i) => {
      const t = times[i];
      c.dataset_ids.forEach((id) => sources.add(id));
      return {
        type: 'Feature',
        id: c.code,
        geometry: JSON.parse(c.geometry),
        properties: {
          code: c.code,
          name: c.name,
          departement_code: c.departement_code,
          minutes: t.minutes === null ? null : round2(t.minutes),
          nearest: t.target,
          children_under3: c.children_under3 === null ? null : round2(c.children_under3),
          label_point: [c.lon, c.lat],
          off_network: !t.reachable,
        },
      };
    });
    extra = {
      origin_rule:
        'the commune’s label point (a point inside it, ST_PointOnSurface), joined to the nearest road by the off-network rule',
    };
  } else {
    const grid = await service.grid(departement, fictional, versions.data);
    const { times, targetsOffNetwork: off } = await timesOf(
      grid.cells.map((c) => ({ lon: c.lon, lat: c.lat })),
    );
    targetsOffNetwork = off;
    features = grid.cells.map((cell, i) => {
      const t = times[i];
      return {
        type: 'Feature',
        id: cell.id,
        geometry: { type: 'Polygon', coordinates: cellPolygon(grid, cell.col, cell.row) },
        properties: {
          id: cell.id,
          minutes: t.minutes === null ? null : round2(t.minutes),
          nearest: t.target,
          off_network: !t.reachable,
        },
      };
    });
    extra = {
      origin_rule: 'the cell’s centre, joined to the nearest road by the off-network rule',
      cell_m: grid.cell_m,
    };
  }
  signal?.throwIfAborted();
  const datasets = await service.datasets(sources);
  return {
    type: 'FeatureCollection',
    metadata: {
      level: q.level,
      target: q.target,
      target_types: q.target === 'formal' ? ['eaje', 'mam'] : [q.target],
      min_places: q.min_places,
      mode: q.mode,
      year,
      years,
      departement,
      max_minutes: NEAREST_MAX_MINUTES,
      origin_rule: '',
      ...extra,
      targets: targets.length,
      targets_off_network: targetsOffNetwork,
      fictional: datasets.some((d) => d.fictional),
      sources: [...sources].sort((a, b) => a - b),
      datasets,
    },
    features,
  };
}
