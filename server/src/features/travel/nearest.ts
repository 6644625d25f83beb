import { timeToNearest, type TravelMode } from '../../domain/routing';
import { ApiError } from '../../http/errors';
import type { Dataset } from '../datasets/repository';
import { cellPolygon } from './grid';
import { fetchCommunePoints } from './repository';
import type { NearestQuery } from './schemas';
import { NEAREST_MAX_MINUTES, type TargetKind, type TravelService } from './service';

export interface NearestMetadata {
  level: 'commune' | 'grid';
  target: TargetKind;
  /** The facility types the target stands for (AM at home never: see docs/travel-times.md). */
  target_types: string[];
  min_places: number;
  mode: TravelMode;
  year: number;
  years: number[];
  departement: string | null;
  /** Times above this are not searched: such places get `minutes: null`. */
  max_minutes: number;
  /** Where a place's time starts: the commune's label point, or the cell's centre. */
  origin_rule: string;
  /** Grid only: side of the cells (metres) and their origin. */
  cell_m?: number;
  targets: number;
  targets_off_network: number;
  fictional: boolean;
  sources: number[];
  datasets: Dataset[];
}

export interface NearestAnswer {
  type: 'FeatureCollection';
  metadata: NearestMetadata;
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: string; coordinates: unknown };
    properties: Record<string, unknown>;
  }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Minutes to the nearest place by commune or grid cell (GET /api/travel/nearest). */
export async function nearestAnswer(
  service: TravelService,
  q: NearestQuery,
): Promise<NearestAnswer> {
  const { year, years } = await service.year(q.year, 'query');
  const current = await service.network();
  const { search, targets } = await service.nearestSearch(current, {
    year,
    target: q.target,
    minPlaces: q.min_places,
    mode: q.mode,
  });
  const { graph } = current.network;
  const departement = q.departement ?? null;
  const sources = new Set<number>([
    ...current.network.datasetIds,
    ...targets.map((t) => t.dataset_id),
  ]);
  let features: NearestAnswer['features'];
  let extra: Partial<NearestMetadata>;
  if (q.level === 'commune') {
    const communes = await fetchCommunePoints(service.knex, year, departement);
    if (departement && communes.length === 0) {
      throw ApiError.notFound(`No département ${departement} is loaded`, {
        field: 'query.departement',
      });
    }
    features = communes.map((c) => {
      const t = timeToNearest(graph, search, { lon: c.lon, lat: c.lat });
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
          off_network: !t.snap.reachable,
        },
      };
    });
    extra = {
      origin_rule:
        'the commune’s label point (a point inside it, ST_PointOnSurface), joined to the nearest road by the off-network rule',
    };
  } else {
    const grid = await service.grid(departement, current.versions.data);
    features = grid.cells.map((cell) => {
      const t = timeToNearest(graph, search, cell);
      return {
        type: 'Feature',
        id: cell.id,
        geometry: { type: 'Polygon', coordinates: cellPolygon(grid, cell.col, cell.row) },
        properties: {
          id: cell.id,
          minutes: t.minutes === null ? null : round2(t.minutes),
          nearest: t.target,
          off_network: !t.snap.reachable,
        },
      };
    });
    extra = {
      origin_rule: 'the cell’s centre, joined to the nearest road by the off-network rule',
      cell_m: grid.cell_m,
    };
  }
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
      targets_off_network: search.offNetwork.length,
      fictional: datasets.some((d) => d.fictional),
      sources: [...sources].sort((a, b) => a - b),
      datasets,
    },
    features,
  };
}
