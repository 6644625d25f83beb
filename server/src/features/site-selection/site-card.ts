/**
 * The site card over the stored data: gathers the demand cells and their accessibility (the
 * accessibility feature's run), the places, the childminders at home per commune, the car times
 * to and from the point (the routing core) and the gap zones, and hands them to the pure
 * computation (server/src/domain/site-card). The other features' services are handed in by the
 * app as the small interfaces below.
 */
import type { Knex } from 'knex';
import type { SiteCardAnswer, siteCardBody } from '../../../../contract';
import type { z } from 'zod';
import { parseWeights, type AccessMethod, type Catchment } from '../../domain/accessibility';
import { nationalReference } from '../../domain/coverage';
import { exactCovers, seesAnyExact, type ExactRule } from '../../domain/accounts';
import { InvalidInput } from '../../domain/errors';
import {
  haversine_m,
  travelTimeMatrix,
  type LonLat,
  type RoadGraph,
  type Router,
} from '../../domain/routing';
import {
  NEWLY_WITHIN_MIN,
  SITE_CARD_BANDS_MIN,
  birthsTrend,
  siteCard,
  type CardMode,
  type SiteProject,
} from '../../domain/site-card';
import {
  COVERAGE_OPTIONS,
  datasetsAmong,
  defaultIsFictional,
  pointIsFictional,
  type Viewer,
} from '../../kernel';
import { loadQuery } from '../../db/sql';
import {
  fetchActiveGapZones,
  fetchBirthsOfCommunes,
  fetchChildmindersAtHome,
  fetchCommuneNames,
  fetchPointCommune,
} from './repository';

export type SiteCardQuery = z.output<typeof siteCardBody>;

/** What the card reads of an accessibility computation (the accessibility feature's run). */
export interface CardAccessRun {
  year: number;
  method: AccessMethod;
  weights: string;
  maxMinutes: number;
  cells: readonly {
    cell_id: string;
    commune_code: string;
    epci_code: string | null;
    children: number;
    estimated: boolean;
    lon: number;
    lat: number;
  }[];
  sites: readonly {
    id: string;
    mode: CardMode;
    places: number;
    commune_code: string;
    lon: number;
    lat: number;
    /** Places of a commune under statistical secrecy (present only in an exact run). */
    withheld: boolean;
  }[];
  catchment: Catchment;
  /** Places per site (index = site). */
  supply: Float64Array;
  access: Float64Array;
  estimated: boolean;
  fictional: boolean;
  datasetIds: number[];
}

/** The other features' services the card reads, wired in http/app.ts. */
export interface SiteCardSources {
  /** The default accessibility computation of a side and year (latest when absent). */
  accessibility(params: {
    year?: number;
    exact: ExactRule;
    fictional: boolean;
  }): Promise<CardAccessRun>;
  /** The road network of a side (NotFound without roads). */
  network(fictional: boolean): Promise<{
    network: { graph: RoadGraph; router: Router; datasetIds: number[]; fictional: boolean };
  }>;
  /** Minutes to the nearest formal place (EAJE or MAM) from each point. */
  nearestFormal(
    year: number,
    points: readonly LonLat[],
    fictional: boolean,
  ): Promise<{ times: { minutes: number | null; nearest: string | null }[]; datasetIds: number[] }>;
  /** The current set of gap zones without a formal place within 15 min of a side (null: none). */
  gapZoneSet(fictional: boolean): Promise<{ key: string; year: number } | null>;
}

/** Childminders at home within this many minutes could join a MAM. */
export const DRAW_MINUTES = 15;
/** The point's grid cell: the nearest populated cell centroid within this distance. */
const POINT_CELL_M = 150;

export interface NearestOfCells {
  minutes: (number | null)[];
  /** Id of the nearest formal place of each cell (`eaje-12`, `mam-3`). */
  nearest: (string | null)[];
  datasetIds: number[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The metadata of a site-finder answer: car times, grid demand, every dataset read. */
export async function siteMetadata(
  knex: Knex,
  run: Pick<CardAccessRun, 'estimated' | 'datasetIds'>,
  ...more: (readonly number[])[]
): Promise<SiteCardAnswer['metadata']> {
  const ids = [...new Set([...run.datasetIds, ...more.flat()])].sort((a, b) => a - b);
  const datasets = await datasetsAmong(knex, ids);
  return {
    travel_mode: 'car',
    demand: run.estimated ? 'estimated' : 'grid',
    fictional: datasets.some((d) => d.fictional),
    sources: ids,
    datasets,
  };
}

export class SiteCardService {
  /** Minutes to the nearest formal place of every cell, per accessibility run (runs are kept). */
  private readonly nearestByRun = new WeakMap<object, Promise<NearestOfCells>>();

  constructor(
    readonly knex: Knex,
    readonly sources: SiteCardSources,
  ) {}

  /**
   * The side of the data (kernel/fiction.ts) a computation about these points or facilities
   * reads: that of the first point, else of the first facility, else the default side.
   */
  async sideOf(points: readonly LonLat[], facilities: readonly string[] = []): Promise<boolean> {
    if (points.length > 0)
      return (await pointIsFictional(this.knex, points[0].lon, points[0].lat)) ?? false;
    if (facilities.length > 0) {
      const [kind, id] = facilities[0].split('-');
      const { rows } = await this.knex.raw(loadQuery('site-selection/facility_side'), {
        kind,
        id: Number(id),
      });
      if (rows.length > 0) return rows[0].fictional as boolean;
    }
    return defaultIsFictional(this.knex);
  }

  async card(q: SiteCardQuery, viewer: Viewer, signal?: AbortSignal): Promise<SiteCardAnswer> {
    const point = { lon: q.lon, lat: q.lat };
    const commune = await fetchPointCommune(this.knex, point);
    if (!commune) {
      const message = `the point [${q.lon}, ${q.lat}] is in no loaded commune`;
      throw new InvalidInput(`Invalid request: ${message}`, {
        details: [
          { field: 'body.lon', message },
          { field: 'body.lat', message },
        ],
      });
    }
    const exact = viewer.exactFigures;
    const fictional = await this.sideOf([point]);
    const run = await this.sources.accessibility({ year: q.year, exact, fictional });
    const { network } = await this.sources.network(fictional);
    signal?.throwIfAborted();
    const { graph, router } = network;
    const lastBand = SITE_CARD_BANDS_MIN[SITE_CARD_BANDS_MIN.length - 1];

    // Families travel to the site: times from each cell to the point.
    const toPoint = new Array<number | null>(run.cells.length).fill(null);
    const inbound = travelTimeMatrix(
      graph,
      run.cells.map((c, i) => ({ id: i, lon: c.lon, lat: c.lat })),
      [{ id: 0, ...point }],
      { mode: 'car', maxMinutes: Math.max(run.maxMinutes, lastBand), router },
    );
    for (const r of inbound.rows) toPoint[r.origin] = r.minutes;
    const offNetwork = inbound.offNetwork.find((o) => o.role === 'destination');

    const allChildminders = await fetchChildmindersAtHome(this.knex, run.year);
    const childminders = allChildminders.filter(
      (c) => !c.secret || exactCovers(exact, { level: 'commune', ...c }),
    );
    const withheld = allChildminders.length - childminders.length;
    const destinations = [
      ...run.sites.map((s, j) => ({ id: j, lon: s.lon, lat: s.lat })),
      ...childminders.map((c, k) => ({ id: run.sites.length + k, lon: c.lon, lat: c.lat })),
    ];
    const fromPoint = new Array<number | null>(destinations.length).fill(null);
    const outbound = travelTimeMatrix(graph, [{ id: 0, ...point }], destinations, {
      mode: 'car',
      maxMinutes: lastBand,
      router,
    });
    for (const r of outbound.rows) fromPoint[r.destination] = r.minutes;
    signal?.throwIfAborted();

    const nearest = await this.nearestFormal(run);
    signal?.throwIfAborted();
    const project: SiteProject =
      q.project.kind === 'mam'
        ? {
            kind: 'mam',
            childminders: q.project.childminders,
            placesPerAgreement: q.project.places_per_agreement,
          }
        : { kind: 'micro_creche', places: q.project.places };
    let card;
    try {
      card = siteCard({
        cells: run.cells.map((c, i) => ({
          children: c.children,
          communeCode: c.commune_code,
          estimated: c.estimated,
          toPoint_min: toPoint[i],
          nearestFormal_min: nearest.minutes[i],
          access: run.access[i],
        })),
        supply: run.sites.map((s, j) => ({
          mode: s.mode,
          places: s.places,
          fromPoint_min: fromPoint[j],
        })),
        childminders: childminders.map((c, k) => ({
          count: c.childminders_at_home,
          fromPoint_min: fromPoint[run.sites.length + k],
        })),
        accessibility: {
          method: run.method,
          weights: parseWeights(run.weights),
          maxMinutes: run.maxMinutes,
        },
        project,
        amUnder3Share: COVERAGE_OPTIONS.amUnder3Share,
        drawRadius_min: DRAW_MINUTES,
      });
    } catch (error) {
      if (error instanceof RangeError) {
        throw new InvalidInput(`Invalid request: body.project: ${error.message}`, {
          details: [{ field: 'body.project', message: error.message }],
        });
      }
      throw error;
    }

    // The point's cell and its commune's rate.
    let cellIndex = -1;
    let best = POINT_CELL_M;
    run.cells.forEach((c, i) => {
      const d = haversine_m(c.lon, c.lat, q.lon, q.lat);
      if (d < best || (d === best && c.commune_code === commune.code)) {
        best = d;
        cellIndex = i;
      }
    });
    let communeChildren = 0;
    let communePlaces = 0;
    run.cells.forEach((c, i) => {
      if (c.commune_code !== commune.code) return;
      communeChildren += c.children;
      communePlaces += c.children * run.access[i];
    });
    const reference = nationalReference(run.year);
    const rateAtPoint = cellIndex >= 0 ? 100 * run.access[cellIndex] : null;

    const gapZones = await this.gapZonesReached(run, toPoint);
    const names = await fetchCommuneNames(
      this.knex,
      card.project.communes.map((c) => c.code),
    );
    const births = await this.birthsAround(run, toPoint, lastBand);
    const metadata = await siteMetadata(
      this.knex,
      run,
      network.datasetIds,
      nearest.datasetIds,
      births?.sources ?? [],
    );
    if (births) {
      births.fictional = metadata.datasets.some(
        (d) => d.fictional && births.sources.includes(d.id),
      );
    }
    return {
      point: {
        lon: q.lon,
        lat: q.lat,
        commune: { code: commune.code, name: commune.name },
        off_network: offNetwork?.message ?? null,
      },
      year: run.year,
      bands: card.bands.map((b) => ({
        minutes: b.minutes,
        children: round(b.children, 1),
        children_estimated: b.childrenEstimated,
        places: {
          eaje: round(b.places.eaje, 1),
          mam: round(b.places.mam, 1),
          am: round(b.places.am, 1),
        },
        childminders_at_home: b.childmindersAtHome,
      })),
      accessibility: {
        rate_at_point: rateAtPoint === null ? null : round(rateAtPoint, 1),
        cell_id: cellIndex >= 0 ? run.cells[cellIndex].cell_id : null,
        commune_rate:
          communeChildren > 0 ? round((100 * communePlaces) / communeChildren, 1) : null,
        reference: reference ? { rate: reference.rate, year: reference.year } : null,
        gap: rateAtPoint !== null && reference ? round(rateAtPoint - reference.rate, 1) : null,
        method: run.method,
        weights: run.weights,
        max_minutes: run.maxMinutes,
      },
      gap_zones: gapZones,
      childminders: { withheld_communes: withheld, exact: seesAnyExact(exact) },
      project: {
        kind: project.kind,
        childminders: project.kind === 'mam' ? project.childminders : null,
        places_per_agreement: project.kind === 'mam' ? project.placesPerAgreement : null,
        places_at_once: card.project.placesAtOnce,
        places_counted: round(card.project.placesCounted, 2),
        newly_within: card.project.newlyWithin.map((n) => ({
          minutes: n.minutes,
          children: round(n.children, 1),
        })),
        weighted_children: round(card.project.weightedChildren, 1),
        communes: card.project.communes.map((c) => ({
          code: c.code,
          name: names.get(c.code) ?? c.code,
          children: round(c.children, 1),
          before: round(c.before, 1),
          after: round(c.after, 1),
        })),
        childminders_nearby: card.project.childmindersNearby,
        draw_minutes: DRAW_MINUTES,
        places_possibly_drawn: round(card.project.placesPossiblyDrawn, 2),
      },
      births,
      metadata,
    };
  }

  /** Minutes to the nearest formal place of each cell of `run` (kept with the run). */
  nearestFormal(run: CardAccessRun): Promise<NearestOfCells> {
    let pending = this.nearestByRun.get(run);
    if (!pending) {
      pending = this.sources.nearestFormal(run.year, run.cells, run.fictional).then((r) => ({
        minutes: r.times.map((t) => t.minutes),
        nearest: r.times.map((t) => t.nearest),
        datasetIds: r.datasetIds,
      }));
      this.nearestByRun.set(run, pending);
      pending.catch(() => this.nearestByRun.delete(run));
    }
    return pending;
  }

  /**
   * The births of the communes with a populated cell within `minutes` of the point, year by
   * year, and their trend (null: no births data for them).
   */
  private async birthsAround(
    run: CardAccessRun,
    toPoint: readonly (number | null)[],
    minutes: number,
  ): Promise<SiteCardAnswer['births']> {
    const communes = new Set<string>();
    run.cells.forEach((c, i) => {
      const m = toPoint[i];
      if (m !== null && m <= minutes && c.children > 0) communes.add(c.commune_code);
    });
    if (communes.size === 0) return null;
    const rows = await fetchBirthsOfCommunes(this.knex, [...communes]);
    if (rows.length === 0) return null;
    const trend = birthsTrend(
      rows.map((r) => ({
        year: r.year,
        births: r.births,
        communesWithBirths: r.communes_with_births,
      })),
      communes.size,
    );
    return {
      minutes,
      communes: communes.size,
      years: trend.years,
      incomplete_years: trend.incompleteYears,
      since: trend.since,
      change_pct: trend.changePct,
      statement: trend.statement,
      sources: [...new Set(rows.flatMap((r) => r.dataset_ids))].sort((a, b) => a - b),
      fictional: false,
    };
  }

  /** The gap zones with a cell within NEWLY_WITHIN_MIN of the point (null: none computed). */
  private async gapZonesReached(
    run: CardAccessRun,
    toPoint: readonly (number | null)[],
  ): Promise<SiteCardAnswer['gap_zones']> {
    const set = await this.sources.gapZoneSet(run.fictional);
    if (!set || set.year !== run.year) return null;
    const reached = new Map<string, number>();
    run.cells.forEach((c, i) => {
      const m = toPoint[i];
      if (m === null || m > NEWLY_WITHIN_MIN) return;
      reached.set(c.cell_id, (reached.get(c.cell_id) ?? 0) + c.children);
    });
    const zones = (await fetchActiveGapZones(this.knex, set.key)).flatMap((z) => {
      let children = 0;
      let any = false;
      for (const cell of z.cells) {
        const n = reached.get(cell);
        if (n === undefined) continue;
        any = true;
        children += n;
      }
      return any
        ? [
            {
              id: z.id,
              children: round(z.children, 1),
              children_reached: round(children, 1),
              children_estimated: z.children_estimated,
            },
          ]
        : [];
    });
    return { minutes: NEWLY_WITHIN_MIN, zones };
  }
}
