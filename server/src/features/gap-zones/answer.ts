import type { z } from 'zod';
import type { GapZoneCollection, GapZoneFeature, gapZoneQuery } from '../../../../contract';
import { DEFAULT_UNDERSERVED_SHARE, KEEP_SHARE } from '../../domain/gap-zones';
import { InvalidInput, NotFound } from '../../domain/errors';
import { LEVEL_TABLE, datasetsAmong } from '../../kernel';
import { fetchZones, territoryExists } from './repository';
import type { GapZoneService } from './service';

export type GapZoneQuery = z.output<typeof gapZoneQuery>;

/** GET /api/gap-zones: the stored zones of the criterion (computed first if stale). */
export async function gapZoneAnswer(
  service: GapZoneService,
  q: GapZoneQuery,
): Promise<GapZoneCollection> {
  const criterion =
    q.criterion === 'sans_offre'
      ? { kind: 'sans_offre' as const, minutes: q.minutes }
      : { kind: 'sous_dotee' as const, share: DEFAULT_UNDERSERVED_SHARE };
  const level = q.level ?? null;
  const code = q.code ?? null;
  if ((level === null) !== (code === null)) {
    const field = level === null ? 'query.level' : 'query.code';
    const message = 'level and code go together (level=epci&code=200000000)';
    throw new InvalidInput(`Invalid request: ${field}: ${message}`, {
      details: [{ field, message }],
    });
  }
  if (level && code && !(await territoryExists(service.knex, LEVEL_TABLE[level], code))) {
    throw new NotFound(`Unknown ${level} "${code}"`, { details: { field: 'query.code' } });
  }
  // One side of the data (kernel/fiction.ts), whose zones are a set of their own: the
  // territory's, or the real territories' when none is named.
  const fictional = await service.sideOf(level, code);
  const set = await service.current(criterion, fictional);
  const rows = await fetchZones(service.knex, {
    key: set.key,
    level,
    code,
    statuses: q.status === 'all' ? ['active', 'disappeared', 'merged', 'split'] : ['active'],
  });
  const parameters = JSON.parse(set.parameters) as {
    min_children: number;
    reference_rate: number;
    reference_year: number;
    cell_m: number;
  };
  const features: GapZoneFeature[] = rows.map((r) => ({
    type: 'Feature',
    id: r.id,
    geometry: JSON.parse(r.geometry),
    properties: {
      id: r.id,
      status: r.status,
      successors: r.successors,
      children_under3: r.children,
      children_estimated: r.children_estimated,
      places_missing: r.places_missing,
      nearest: JSON.parse(r.nearest),
      cells: r.cells,
      cells_unreachable: r.cells_unreachable,
      area_km2: r.area_km2,
      communes: JSON.parse(r.communes),
      epcis: JSON.parse(r.epcis),
      departements: r.departements,
      label_point: JSON.parse(r.label_point),
    },
  }));
  const datasets = (await datasetsAmong(service.knex, set.dataset_ids)).filter(
    (d) => d.fictional === fictional,
  );
  return {
    type: 'FeatureCollection',
    metadata: {
      criterion: q.criterion,
      minutes: q.minutes,
      share: criterion.kind === 'sous_dotee' ? criterion.share : null,
      year: set.year,
      level,
      code,
      adjacency: 4,
      cell_m: parameters.cell_m,
      min_children: parameters.min_children,
      reference_rate: parameters.reference_rate,
      reference_year: parameters.reference_year,
      keep_share: KEEP_SHARE,
      cells: set.cells,
      cells_unreachable: set.cells_unreachable,
      fictional: datasets.some((d) => d.fictional),
      sources: datasets.map((d) => d.id),
      datasets,
    },
    features,
  };
}
