/**
 * A what-if scenario on the stored data: its changes are applied to copies of the inputs in
 * memory (the database is only read), then the official coverage rate per commune and EPCI, the
 * accessibility and the children gaining or losing a crèche or MAM within N minutes are compared
 * before and after.
 *
 * Incremental (docs/site-finder.md, "How a scenario is recomputed"): the baseline of a data
 * version (the accessibility run with its catchment, the car times from the cells to the nearest
 * place, the per-territory sums and the coverage figures) is built once and kept with the run,
 * which the accessibility feature keeps per data version; a scenario then touches only the cells
 * within reach of the sites it changes (scenarioAccessDelta) and the communes and EPCI of those
 * cells.
 */
import type { z } from 'zod';
import type { ScenarioAnswer, scenarioBody } from '../../../../contract';
import { parseWeights } from '../../domain/accessibility';
import { InvalidInput } from '../../domain/errors';
import { EXACT_NOWHERE } from '../../domain/accounts';
import { travelTimeMatrix, type RoadGraph, type SnapResult } from '../../domain/routing';
import {
  scenarioAccessDelta,
  siteColumns,
  snapPlaces,
  timesToPoint,
  type AddedSite,
  type SiteColumns,
} from '../../domain/site-card';
import { COVERAGE_OPTIONS } from '../../kernel';
import { fetchCoveragePlaces, fetchPointCommune, type CoveragePlacesRow } from './repository';
import { siteMetadata, type CardAccessRun, type SiteCardService } from './site-card';

export type ScenarioQuery = z.output<typeof scenarioBody>;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const rate = (places: number, children: number | null) =>
  children && children > 0 ? round((100 * places) / children, 1) : null;

/** Places moved in one commune by one change (counted: a MAM's after the under-3 share). */
export interface ScenarioPlaceMove {
  commune_code: string;
  mode: 'eaje' | 'mam';
  places: number;
  label: string;
}

/**
 * The places a scenario's changes move, commune by commune, on the stored data of its year
 * (what POST /api/scenario sums into each commune's rate after): read by the forecast of the
 * rate "with the scenario" (wired in http/app.ts).
 */
export async function scenarioPlaceMoves(
  cards: SiteCardService,
  q: { changes: ScenarioQuery['changes']; year?: number },
): Promise<{ year: number; moves: ScenarioPlaceMove[] }> {
  const fictional = await cards.sideOf(
    q.changes.flatMap((c) => (c.op === 'add' ? [c] : [])),
    q.changes.flatMap((c) => (c.op === 'add' ? [] : [c.facility])),
  );
  const run = await cards.sources.accessibility({ year: q.year, exact: EXACT_NOWHERE, fictional });
  const { moves } = await placeChanges(cards, q.changes, run);
  return { year: run.year, moves };
}

/**
 * The changes applied to the run's sites: new places of existing sites (the last change of a
 * site wins), added sites, and the places moved per commune. A 400 names a bad change.
 */
async function placeChanges(
  cards: SiteCardService,
  changes: ScenarioQuery['changes'],
  run: Awaited<ReturnType<SiteCardService['sources']['accessibility']>>,
) {
  const siteIndex = new Map(run.sites.map((s, j) => [s.id, j]));
  const changedPlaces = new Map<number, number>();
  const moves: ScenarioPlaceMove[] = [];
  const added: { lon: number; lat: number; places: number }[] = [];
  for (const [k, change] of changes.entries()) {
    if (change.op === 'add') {
      const commune = await fetchPointCommune(cards.knex, change);
      const cap = change.kind === 'micro_creche' ? 12 : 20;
      if (!commune || change.places > cap) {
        const message = !commune
          ? `the point [${change.lon}, ${change.lat}] is in no loaded commune`
          : `a ${change.kind === 'mam' ? 'MAM' : 'micro-crèche'} has at most ${cap} places`;
        const field = `body.changes.${k}.${commune ? 'places' : 'lon'}`;
        throw new InvalidInput(`Invalid request: ${field}: ${message}`, {
          details: [{ field, message }],
        });
      }
      // A MAM's places are childminder places: counted with the under-3 share.
      const mam = change.kind === 'mam';
      const counted = mam ? change.places * COVERAGE_OPTIONS.amUnder3Share : change.places;
      added.push({ lon: change.lon, lat: change.lat, places: counted });
      moves.push({
        commune_code: commune.code,
        mode: mam ? 'mam' : 'eaje',
        places: counted,
        label: `${mam ? 'MAM' : 'Micro-crèche'} ajoutée (${change.places} places)`,
      });
      continue;
    }
    const j = siteIndex.get(change.facility);
    if (j === undefined) {
      // A MAM of a commune under statistical secrecy is not among a public run's sites.
      const message = `no facility ${change.facility} with places counted in ${run.year}: it is unknown, not open that year, has no active childminder working in it, or its commune's childminder figures are withheld by statistical secrecy`;
      throw new InvalidInput(`Invalid request: body.changes.${k}.facility: ${message}`, {
        details: [{ field: `body.changes.${k}.facility`, message }],
      });
    }
    const site = run.sites[j];
    const before = changedPlaces.get(j) ?? run.supply[j];
    const after =
      change.op === 'close'
        ? 0
        : site.mode === 'mam'
          ? change.places * COVERAGE_OPTIONS.amUnder3Share
          : change.places;
    changedPlaces.set(j, after);
    moves.push({
      commune_code: site.commune_code,
      mode: site.mode === 'mam' ? 'mam' : 'eaje',
      places: after - before,
      label: `${change.facility} ${change.op === 'close' ? 'fermé' : `à ${change.places} places`}`,
    });
  }
  return { changedPlaces, added, moves };
}

/** What every scenario on one accessibility run (one data version) starts from. */
interface ScenarioBaseline {
  columns: SiteColumns;
  cellPoints: { id: number; lon: number; lat: number }[];
  /** Per `level|code`: children of the cells, and Σ children × access before. */
  territories: Map<string, { children: number; before: number }>;
  figures: CoveragePlacesRow[];
  epciOf: Map<string, string | null>;
  /** The cells joined to the road network (made at the first added site). */
  snapped?: { graph: RoadGraph; snaps: SnapResult[] };
}

/** Kept with the run: a new data version makes a new run, and its baseline is built anew. */
const baselines = new WeakMap<CardAccessRun, Promise<ScenarioBaseline>>();

function baselineOf(cards: SiteCardService, run: CardAccessRun): Promise<ScenarioBaseline> {
  let pending = baselines.get(run);
  if (!pending) {
    pending = (async () => {
      const territories = new Map<string, { children: number; before: number }>();
      const add = (key: string, children: number, access: number) => {
        const t = territories.get(key) ?? { children: 0, before: 0 };
        t.children += children;
        t.before += children * access;
        territories.set(key, t);
      };
      run.cells.forEach((c, i) => {
        add(`commune|${c.commune_code}`, c.children, run.access[i]);
        if (c.epci_code) add(`epci|${c.epci_code}`, c.children, run.access[i]);
      });
      const figures = await fetchCoveragePlaces(cards.knex, run.year);
      return {
        columns: siteColumns(run.catchment),
        cellPoints: run.cells.map((c, i) => ({ id: i, lon: c.lon, lat: c.lat })),
        territories,
        figures,
        epciOf: new Map(
          figures.filter((f) => f.level === 'commune').map((f) => [f.code, f.epci_code]),
        ),
      };
    })();
    baselines.set(run, pending);
    pending.catch(() => baselines.delete(run));
  }
  return pending;
}

export async function evaluateScenario(
  cards: SiteCardService,
  q: ScenarioQuery,
  signal?: AbortSignal,
): Promise<ScenarioAnswer> {
  const fictional = await cards.sideOf(
    q.changes.flatMap((c) => (c.op === 'add' ? [c] : [])),
    q.changes.flatMap((c) => (c.op === 'add' ? [] : [c.facility])),
  );
  const run = await cards.sources.accessibility({ year: q.year, exact: EXACT_NOWHERE, fictional });
  const { network } = await cards.sources.network(fictional);
  const [baseline, nearest] = await Promise.all([baselineOf(cards, run), cards.nearestFormal(run)]);
  const { cellPoints } = baseline;

  const { changedPlaces, added, moves } = await placeChanges(cards, q.changes, run);
  const placesDelta = new Map<string, number>();
  for (const m of moves)
    placesDelta.set(m.commune_code, (placesDelta.get(m.commune_code) ?? 0) + m.places);
  signal?.throwIfAborted();

  // Accessibility after: the baseline plus the shares of the changed and added sites.
  const searchMinutes = Math.max(run.maxMinutes, q.minutes);
  // The cells are snapped once per network: an added site costs one reverse search.
  if (added.length > 0 && baseline.snapped?.graph !== network.graph) {
    baseline.snapped = { graph: network.graph, snaps: snapPlaces(network.graph, cellPoints) };
  }
  const toAdded = added.map((a) =>
    timesToPoint(
      network.graph,
      network.router,
      cellPoints,
      baseline.snapped!.snaps,
      a,
      searchMinutes,
    ),
  );
  const addedSites: AddedSite[] = added.map((a, k) => ({
    places: a.places,
    toSite_min: toAdded[k],
  }));
  const after = scenarioAccessDelta({
    catchment: run.catchment,
    columns: baseline.columns,
    supply: run.supply,
    access: run.access,
    changedPlaces,
    added: addedSites,
    weights: parseWeights(run.weights),
    maxMinutes: run.maxMinutes,
  });
  signal?.throwIfAborted();

  // Children gaining or losing a formal place within N minutes: only the cells whose nearest
  // place closes, or within N minutes of an added site, can change.
  const closed = new Set(
    [...changedPlaces].filter(([, p]) => p === 0).map(([j]) => run.sites[j].id),
  );
  const within = (m: number | null) => m !== null && m <= q.minutes;
  const orphaned: number[] = [];
  if (closed.size > 0) {
    run.cells.forEach((_c, i) => {
      const n = nearest.nearest[i];
      if (within(nearest.minutes[i]) && n !== null && closed.has(n)) orphaned.push(i);
    });
  }
  const rescued = new Set<number>();
  const remaining = run.sites
    .map((s, j) => ({ s, j }))
    .filter(
      ({ s, j }) => (s.mode === 'eaje' || s.mode === 'mam') && (changedPlaces.get(j) ?? 1) > 0,
    );
  if (orphaned.length > 0 && remaining.length > 0) {
    const m = travelTimeMatrix(
      network.graph,
      orphaned.map((i) => cellPoints[i]),
      remaining.map(({ s, j }) => ({ id: j, lon: s.lon, lat: s.lat })),
      { mode: 'car', maxMinutes: q.minutes, router: network.router },
    );
    for (const r of m.rows) rescued.add(r.origin);
  }
  const candidates = new Set<number>(orphaned);
  for (const t of toAdded) t.forEach((m, i) => within(m) && candidates.add(i));
  let gaining = 0;
  let losing = 0;
  const orphanedSet = new Set(orphaned);
  const cells: ScenarioAnswer['cells'] = [];
  const moved = new Map<string, { gaining: number; losing: number }>();
  const move = (key: string, change: 'gain' | 'loss', children: number) => {
    const m = moved.get(key) ?? { gaining: 0, losing: 0 };
    if (change === 'gain') m.gaining += children;
    else m.losing += children;
    moved.set(key, m);
  };
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const c = run.cells[i];
    const before = within(nearest.minutes[i]);
    const byNew = toAdded.some((t) => within(t[i]));
    const afterWithin = byNew || (before && (!orphanedSet.has(i) || rescued.has(i)));
    if (before === afterWithin) continue;
    const change = afterWithin ? 'gain' : 'loss';
    if (change === 'gain') gaining += c.children;
    else losing += c.children;
    move(`commune|${c.commune_code}`, change, c.children);
    if (c.epci_code) move(`epci|${c.epci_code}`, change, c.children);
    cells.push({
      lon: round(c.lon, 5),
      lat: round(c.lat, 5),
      commune_code: c.commune_code,
      children: round(c.children, 2),
      change,
    });
  }

  // Per commune and EPCI: accessibility (children-weighted) moved by the touched cells only.
  const shift = new Map<string, number>();
  const bump = (key: string, d: number) => shift.set(key, (shift.get(key) ?? 0) + d);
  for (const i of after.changed) {
    const c = run.cells[i];
    const d = c.children * (after.access[i] - run.access[i]);
    bump(`commune|${c.commune_code}`, d);
    if (c.epci_code) bump(`epci|${c.epci_code}`, d);
  }
  const delta = new Map<string, number>();
  for (const [commune, d] of placesDelta) {
    delta.set(`commune|${commune}`, (delta.get(`commune|${commune}`) ?? 0) + d);
    const epci = baseline.epciOf.get(commune);
    if (epci) delta.set(`epci|${epci}`, (delta.get(`epci|${epci}`) ?? 0) + d);
  }
  const territories: ScenarioAnswer['territories'] = [];
  for (const f of baseline.figures) {
    const key = `${f.level}|${f.code}`;
    const d = delta.get(key) ?? 0;
    const m = moved.get(key);
    const s = shift.get(key);
    if (Math.abs(d) < 1e-9 && s === undefined && !m) continue;
    const a = baseline.territories.get(key);
    const accBefore = a && a.children > 0 ? round((100 * a.before) / a.children, 1) : null;
    const accAfter =
      a && a.children > 0 ? round((100 * (a.before + (s ?? 0))) / a.children, 1) : null;
    if (Math.abs(d) < 1e-9 && accBefore === accAfter && !m) continue;
    territories.push({
      level: f.level,
      code: f.code,
      name: f.name,
      coverage_before: rate(f.places_total, f.children_under3),
      coverage_after: rate(f.places_total + d, f.children_under3),
      accessibility_before: accBefore,
      accessibility_after: accAfter,
      children_gaining: round(m?.gaining ?? 0, 1),
      children_losing: round(m?.losing ?? 0, 1),
    });
  }
  const metadata = await siteMetadata(cards.knex, run, network.datasetIds, nearest.datasetIds);
  return {
    name: q.name,
    year: run.year,
    minutes: q.minutes,
    children_gaining: round(gaining, 1),
    children_losing: round(losing, 1),
    territories,
    cells,
    metadata,
  };
}
