import type { z } from 'zod';
import type {
  NearestCollection,
  NearestCellFeature,
  NearestCommuneFeature,
  nearestQuery,
} from '../../../../contract';
import { timeToNearest } from '../../domain/routing';
import { departementNotLoaded } from '../../kernel';
import { cellPolygon } from './grid';
import { fetchCommunePoints } from './repository';
import { NEAREST_MAX_MINUTES, type TravelService } from './service';

export type NearestQuery = z.output<typeof nearestQuery>;
type NearestMetadata = NearestCollection['metadata'];

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Minutes to the nearest place by commune or grid cell (GET /api/travel/nearest). */
export async function nearestAnswer(
  service: TravelService,
  q: NearestQuery,
): Promise<NearestCollection> {
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
  let features: (NearestCommuneFeature | NearestCellFeature)[];
  let extra: Partial<NearestMetadata>;
  if (q.level === 'commune') {
    const communes = await fetchCommunePoints(service.knex, year, departement);
    if (departement && communes.length === 0) throw departementNotLoaded(departement);
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
