import type { Knex } from 'knex';
import { fetchDataVersions } from '../../db/data-versions';
import { loadQuery } from '../../db/sql';
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
import {
  LEVEL_TABLE,
  datasetsAmong,
  defaultIsFictional,
  resolveSideYear,
  territoryIsFictional,
  type Level,
} from '../../kernel';
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

/** What the key of the demo's sets adds to a criterion's: `sans_offre:15@fictif`. */
const FICTIONAL_SET = '@fictif';

/**
 * The set of zones of a criterion on one side of the data (kernel/fiction.ts): the real
 * territories' zones and the demo's are computed apart, each for its own latest year.
 */
export function sideSetKey(criterion: GapCriterion, fictional: boolean): string {
  return criterionKey(criterion) + (fictional ? FICTIONAL_SET : '');
}

/** How often an instance that found a set being computed by another looks for its result. */
const OTHER_INSTANCE_POLL_MS = 500;

/**
 * Gap zones of the loaded data, computed when first asked for after the data changed (a new
 * data version or a new latest year) and stored with their identity, so that answers and tiles
 * read the stored zones and a zone's id outlives recomputations. Each side of the data has its
 * own sets. Concurrent asks for the same set share one computation: in this process, and, with
 * `sharedByProcesses`, across the API instances on the database (an advisory lock per set).
 */
export class GapZoneService {
  private readonly computing = new Map<string, Promise<GapZoneSetRow>>();
  /** The data version the tile layer's zones were last brought up to date for. */
  private tilesPreparedFor: string | null = null;

  constructor(
    readonly knex: Knex,
    private readonly nearestTimes: NearestFormalTimes,
    private readonly cellAccessRates?: CellAccessRates,
    private readonly options: {
      /** Server mode: other API instances may compute the same set (false: embedded). */
      sharedByProcesses?: boolean;
    } = {},
  ) {}

  /**
   * The side of the data an answer is about: the territory's, or the real territories' when
   * none is named (the demo's while none is loaded).
   */
  async sideOf(level: Level | null, code: string | null): Promise<boolean> {
    return level && code
      ? (await territoryIsFictional(this.knex, LEVEL_TABLE[level], code)) === true
      : defaultIsFictional(this.knex);
  }

  /**
   * The set of zones of a criterion on one side of the data, for that side's latest year,
   * computed first if it is stale.
   */
  async current(criterion: GapCriterion, fictional: boolean): Promise<GapZoneSetRow> {
    if (criterion.kind === 'sous_dotee' && !this.cellAccessRates) {
      throw new InvalidInput(
        'Invalid request: the criterion sous_dotee needs accessibility per grid cell, which this server does not compute yet',
        {
          details: [{ field: 'query.criterion', message: 'only sans_offre is available' }],
        },
      );
    }
    const key = sideSetKey(criterion, fictional);
    const [versions, { year }] = await Promise.all([
      fetchDataVersions(this.knex),
      resolveSideYear(this.knex, undefined, fictional),
    ]);
    const stored = await fetchZoneSet(this.knex, key);
    if (stored && stored.data_version === versions.data && stored.year === year) return stored;
    const flight = `${key}#${versions.data}#${year}`;
    let pending = this.computing.get(flight);
    if (!pending) {
      pending = this.recomputeOnce(criterion, fictional, year, versions.data).finally(() =>
        this.computing.delete(flight),
      );
      this.computing.set(flight, pending);
    }
    return pending;
  }

  /**
   * The set computed by this instance, or by the one that holds its lock (server mode): then
   * read once that one has stored it. The lock is held by a transaction of its own, idle while
   * the computation runs its queries on other connections of the pool, and is not waited on
   * inside PostgreSQL (a national set takes longer than the statement timeout).
   */
  private async recomputeOnce(
    criterion: GapCriterion,
    fictional: boolean,
    year: number,
    dataVersion: string,
  ): Promise<GapZoneSetRow> {
    if (!this.options.sharedByProcesses) {
      return this.recompute(criterion, fictional, year, dataVersion);
    }
    const key = sideSetKey(criterion, fictional);
    const isCurrent = (set: GapZoneSetRow | null): set is GapZoneSetRow =>
      set !== null && set.data_version === dataVersion && set.year === year;
    for (;;) {
      const done = await this.knex.transaction(async (trx) => {
        const { rows } = await trx.raw<{ rows: { taken: boolean }[] }>(
          loadQuery('gap-zones/recompute_lock'),
          { key },
        );
        if (!rows[0]?.taken) return null;
        const stored = await fetchZoneSet(this.knex, key);
        if (isCurrent(stored)) return stored;
        return this.recompute(criterion, fictional, year, dataVersion);
      });
      if (done) return done;
      await new Promise((resolve) => setTimeout(resolve, OTHER_INSTANCE_POLL_MS));
      const stored = await fetchZoneSet(this.knex, key);
      if (isCurrent(stored)) return stored;
    }
  }

  /**
   * Brings the zones of the tile layer up to date, on both sides of the data. Nothing to compute
   * from (no territory on a side, no roads) is not an error for a tile: the layer is then empty
   * there.
   */
  async prepareTiles(): Promise<void> {
    // Every tile asks: once the zones are current for a data version, checking them again
    // (the sides' years over every commune) would cost more than drawing the tile.
    const { data } = await fetchDataVersions(this.knex);
    if (this.tilesPreparedFor === data) return;
    for (const fictional of [false, true]) {
      try {
        await this.current(GAP_ZONE_TILE_CRITERION, fictional);
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
      }
    }
    this.tilesPreparedFor = data;
  }

  /**
   * Computes the zones of `criterion` on one side of the data for `year` from the stored grid
   * and the routing core's times (over that side's roads, to that side's places), gives them
   * their ids against the stored active zones, and writes everything in one transaction.
   */
  async recompute(
    criterion: GapCriterion,
    fictional: boolean,
    year: number,
    dataVersion: string,
  ): Promise<GapZoneSetRow> {
    const key = sideSetKey(criterion, fictional);
    const reference = nationalReference(year);
    if (!reference) {
      throw new NotFound(`No national coverage rate is published for ${year} or before`, {
        code: 'no_reference',
      });
    }
    const rows = await fetchGapCells(this.knex, year, DEMAND_CELL_M, fictional);
    const found = rows.length > 0 ? await this.nearestTimes(year, rows, fictional) : emptyTimes();
    const access =
      criterion.kind === 'sous_dotee' && this.cellAccessRates && rows.length > 0
        ? await this.cellAccessRates(year, fictional)
        : null;
    const cells: GapCell[] = rows.map((r, i) => ({
      id: r.cell_id,
      col: r.col,
      row: r.row,
      children: r.children,
      minutes: found.times[i].minutes,
      nearest: found.times[i].nearest,
      communes: r.communes,
      // A cell the accessibility computation did not see (no children that year) reaches
      // nothing: 0 places within reach.
      ...(criterion.kind === 'sous_dotee' ? { access: access?.get(r.cell_id) ?? 0 } : {}),
    }));
    const drafts = zonesPerGrid(rows, cells, criterion, reference.rate);
    const previous = await fetchPreviousZones(this.knex, key);
    const { zones, retired } = identifyZones(key, drafts, previous);

    const byId = new Map(rows.map((r) => [r.cell_id, r]));
    const placeName = new Map(found.places.map((p) => [p.id, p.name]));
    const toWrite: ZoneToWrite[] = zones.map((z) => ({
      id: z.id,
      cells: z.cells,
      children: z.children,
      children_estimated: z.cells.some((c) => byId.get(c)!.estimated),
      places_missing: z.places_missing,
      nearest: z.nearest.map((n) => ({ ...n, name: placeName.get(n.id) ?? null })),
      cells_unreachable: z.cells_unreachable,
    }));
    const sources = new Set(found.datasetIds);
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
}

/** The times of no point: a side with no populated cell that year has no zone. */
function emptyTimes(): Awaited<ReturnType<NearestFormalTimes>> {
  return { times: [], places: [], datasetIds: [] };
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
