import type { Knex } from 'knex';
import { fetchDataVersions } from '../../db/data-versions';
import { nationalReference } from '../../domain/coverage';
import { InvalidInput, NotFound } from '../../domain/errors';
import {
  DEFAULT_MIN_ZONE_CHILDREN,
  criterionKey,
  gapZones,
  identifyZones,
  type GapCell,
  type GapCriterion,
  type GapZoneDraft,
} from '../../domain/gap-zones';
import { datasetsAmong, defaultIsFictional, resolveSideYear } from '../../kernel';
import {
  fetchGapCells,
  fetchPreviousZones,
  fetchZoneSet,
  writeZoneSet,
  type GapCellRow,
  type GapZoneSetRow,
  type ZoneToWrite,
} from './repository';

/** The zones the `gapzones` tile layer draws (its catalogue constant `minutes`). */
export const GAP_ZONE_TILE_CRITERION: GapCriterion = { kind: 'sans_offre', minutes: 15 };

/** Side of the demand grid's cells (metres): INSEE's 200 m grid, and the demo's. */
export const DEMAND_CELL_M = 200;

/**
 * Minutes by car from each point to the nearest formal place open that year (null beyond the
 * search), with the places and the datasets the times come from. The travel feature's routing
 * core answers it (wired in http/app.ts): gap zones use the same times as the time-to-nearest
 * layer, not a router of their own.
 */
export type NearestFormalTimes = (
  year: number,
  points: readonly { lon: number; lat: number }[],
  /** The side of the data of the points (kernel/fiction.ts): its roads and places only. */
  fictional: boolean,
) => Promise<{
  times: { minutes: number | null; nearest: string | null }[];
  places: { id: string; name: string }[];
  datasetIds: number[];
}>;

/**
 * Accessibility of each populated grid cell in places within reach per 100 children, by cell id
 * (the accessibility feature's default E2SFCA, wired in http/app.ts): what "sous-dotée" reads.
 */
export type CellAccessRates = (year: number, fictional: boolean) => Promise<Map<string, number>>;

/**
 * Gap zones of the loaded data, computed when first asked for after the data changed (a new
 * data version or a new latest year) and stored with their identity, so that answers and tiles
 * read the stored zones and a zone's id outlives recomputations. Concurrent asks for the same
 * set share one computation. One instance per database.
 */
export class GapZoneService {
  private readonly computing = new Map<string, Promise<GapZoneSetRow>>();

  constructor(
    readonly knex: Knex,
    private readonly nearestTimes: NearestFormalTimes,
    private readonly cellAccessRates?: CellAccessRates,
  ) {}

  /** The set of zones of a criterion for the current data, computed first if it is stale. */
  async current(criterion: GapCriterion): Promise<GapZoneSetRow> {
    if (criterion.kind === 'sous_dotee' && !this.cellAccessRates) {
      throw new InvalidInput(
        'Invalid request: the criterion sous_dotee needs accessibility per grid cell, which this server does not compute yet',
        {
          details: [{ field: 'query.criterion', message: 'only sans_offre is available' }],
        },
      );
    }
    const key = criterionKey(criterion);
    const [versions, { year }] = await Promise.all([
      fetchDataVersions(this.knex),
      // The latest year of the real territories once one is loaded (else the demo's), so that
      // a real département's zones are never drawn for a year only the demo has.
      defaultIsFictional(this.knex).then((fictional) =>
        resolveSideYear(this.knex, undefined, fictional),
      ),
    ]);
    const stored = await fetchZoneSet(this.knex, key);
    if (stored && stored.data_version === versions.data && stored.year === year) return stored;
    const flight = `${key}#${versions.data}#${year}`;
    let pending = this.computing.get(flight);
    if (!pending) {
      pending = this.recompute(criterion, year, versions.data).finally(() =>
        this.computing.delete(flight),
      );
      this.computing.set(flight, pending);
    }
    return pending;
  }

  /**
   * Brings the zones of the tile layer up to date. Nothing to compute from (no territory, no
   * roads) is not an error for a tile: the layer is then empty.
   */
  async prepareTiles(): Promise<void> {
    try {
      await this.current(GAP_ZONE_TILE_CRITERION);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
  }

  /**
   * Computes the zones of `criterion` for `year` from the stored grid and the routing core's
   * times, gives them their ids against the stored active zones, and writes everything in one
   * transaction.
   */
  async recompute(
    criterion: GapCriterion,
    year: number,
    dataVersion: string,
  ): Promise<GapZoneSetRow> {
    const key = criterionKey(criterion);
    const reference = nationalReference(year);
    if (!reference) {
      throw new NotFound(`No national coverage rate is published for ${year} or before`, {
        code: 'no_reference',
      });
    }
    const rows = await fetchGapCells(this.knex, year, DEMAND_CELL_M);
    const { times, places, datasetIds, access } = await this.perSide(criterion, year, rows);
    const cells: GapCell[] = rows.map((r, i) => ({
      id: r.cell_id,
      col: r.col,
      row: r.row,
      children: r.children,
      minutes: times[i].minutes,
      nearest: times[i].nearest,
      communes: r.communes,
      // A cell the accessibility computation did not see (no children that year) reaches
      // nothing: 0 places within reach.
      ...(access ? { access: access.get(r.cell_id) ?? 0 } : {}),
    }));
    const drafts = zonesPerGrid(rows, cells, criterion, reference.rate);
    const previous = await fetchPreviousZones(this.knex, key);
    const { zones, retired } = identifyZones(key, drafts, previous);

    const byId = new Map(rows.map((r) => [r.cell_id, r]));
    const placeName = new Map(places.map((p) => [p.id, p.name]));
    const toWrite: ZoneToWrite[] = zones.map((z) => ({
      id: z.id,
      cells: z.cells,
      children: z.children,
      children_estimated: z.cells.some((c) => byId.get(c)!.estimated),
      places_missing: z.places_missing,
      nearest: z.nearest.map((n) => ({ ...n, name: placeName.get(n.id) ?? null })),
      cells_unreachable: z.cells_unreachable,
    }));
    const sources = datasetIds;
    rows.forEach((r) => r.dataset_ids.forEach((id) => sources.add(id)));
    const datasets = await datasetsAmong(this.knex, sources);
    const set = {
      key,
      criterion: criterion.kind,
      parameters: {
        ...criterion,
        min_children: DEFAULT_MIN_ZONE_CHILDREN,
        reference_rate: reference.rate,
        reference_year: reference.year,
        cell_m: DEMAND_CELL_M,
      },
      year,
      data_version: dataVersion,
      cells: cells.length,
      cells_unreachable: cells.filter((c) => c.minutes === null).length,
      dataset_ids: [...sources].sort((a, b) => a - b),
      fictional: datasets.some((d) => d.fictional),
    };
    await this.knex.transaction((trx) => writeZoneSet(trx, set, toWrite, retired));
    return { ...set, parameters: JSON.stringify(set.parameters) };
  }

  /**
   * Times to the nearest place (and accessibility) of the cells of each side of the data apart
   * (kernel/fiction.ts): a real cell is timed over the real roads to real places only.
   */
  private async perSide(criterion: GapCriterion, year: number, rows: GapCellRow[]) {
    const times: { minutes: number | null; nearest: string | null }[] = new Array(rows.length);
    const places: { id: string; name: string }[] = [];
    const datasetIds = new Set<number>();
    const access = new Map<string, number>();
    let missing: NotFound | null = null;
    let timed = 0;
    for (const fictional of [false, true]) {
      const at = rows.flatMap((r, i) => (r.fictional === fictional ? [i] : []));
      if (at.length === 0) continue;
      let found: Awaited<ReturnType<NearestFormalTimes>>;
      try {
        found = await this.nearestTimes(
          year,
          at.map((i) => rows[i]),
          fictional,
        );
      } catch (error) {
        // A side without roads: its cells reach nothing, the other side is still drawn.
        if (!(error instanceof NotFound)) throw error;
        missing = error;
        at.forEach((i) => (times[i] = { minutes: null, nearest: null }));
        continue;
      }
      timed++;
      at.forEach((i, k) => (times[i] = found.times[k]));
      places.push(...found.places);
      found.datasetIds.forEach((id) => datasetIds.add(id));
      if (criterion.kind === 'sous_dotee' && this.cellAccessRates) {
        for (const [id, rate] of await this.cellAccessRates(year, fictional)) access.set(id, rate);
      }
    }
    if (timed === 0 && missing) throw missing;
    return {
      times,
      places,
      datasetIds,
      access: criterion.kind === 'sous_dotee' && this.cellAccessRates ? access : null,
    };
  }
}

/**
 * Zones of each grid apart: cells of different CRSs (INSEE's 3035 and a generated 2154) are not
 * on one lattice, so their columns and rows must not be compared.
 */
function zonesPerGrid(
  rows: GapCellRow[],
  cells: GapCell[],
  criterion: GapCriterion,
  referenceRate: number,
): GapZoneDraft[] {
  const grids = new Map<number, GapCell[]>();
  rows.forEach((r, i) => {
    if (!grids.has(r.srid)) grids.set(r.srid, []);
    grids.get(r.srid)!.push(cells[i]);
  });
  return [...grids.values()]
    .flatMap((g) => gapZones(g, criterion, { referenceRate }))
    .sort((a, b) => b.children - a.children || (a.cells[0] < b.cells[0] ? -1 : 1));
}
