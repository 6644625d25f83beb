/**
 * A what-if scenario on the stored data: its changes are applied to copies of the inputs in
 * memory (the database is only read), then the official coverage rate per commune and EPCI, the
 * accessibility (server/src/domain/site-card: scenarioAccess) and the children gaining or losing
 * a crèche or MAM within N minutes are compared before and after.
 */
import type { z } from 'zod';
import type { ScenarioAnswer, scenarioBody } from '../../../../contract';
import { parseWeights } from '../../domain/accessibility';
import { InvalidInput } from '../../domain/errors';
import { EXACT_NOWHERE } from '../../domain/accounts';
import { travelTimeMatrix } from '../../domain/routing';
import { scenarioAccess, type AddedSite } from '../../domain/site-card';
import { COVERAGE_OPTIONS } from '../../kernel';
import { fetchCoveragePlaces, fetchPointCommune } from './repository';
import { siteMetadata, type SiteCardService } from './site-card';

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

  const { changedPlaces, added, moves } = await placeChanges(cards, q.changes, run);
  const placesDelta = new Map<string, number>();
  for (const m of moves)
    placesDelta.set(m.commune_code, (placesDelta.get(m.commune_code) ?? 0) + m.places);
  signal?.throwIfAborted();

  // Accessibility after, from the same catchment.
  const searchMinutes = Math.max(run.maxMinutes, q.minutes);
  const cellPoints = run.cells.map((c, i) => ({ id: i, lon: c.lon, lat: c.lat }));
  const toAdded: (number | null)[][] = added.map(() => new Array(run.cells.length).fill(null));
  if (added.length > 0) {
    const m = travelTimeMatrix(
      network.graph,
      cellPoints,
      added.map((a, k) => ({ id: k, lon: a.lon, lat: a.lat })),
      { mode: 'car', maxMinutes: searchMinutes, router: network.router },
    );
    for (const r of m.rows) toAdded[r.destination][r.origin] = r.minutes;
  }
  const addedSites: AddedSite[] = added.map((a, k) => ({
    places: a.places,
    toSite_min: toAdded[k],
  }));
  const accessAfter = scenarioAccess({
    catchment: run.catchment,
    supply: run.supply,
    changedPlaces,
    added: addedSites,
    weights: parseWeights(run.weights),
    maxMinutes: run.maxMinutes,
  });
  signal?.throwIfAborted();

  // Children gaining or losing a formal place within N minutes.
  const nearest = await cards.nearestFormal(run);
  const closed = new Set(
    [...changedPlaces].filter(([, p]) => p === 0).map(([j]) => run.sites[j].id),
  );
  const within = (m: number | null) => m !== null && m <= q.minutes;
  const orphaned: number[] = [];
  run.cells.forEach((_c, i) => {
    const n = nearest.nearest[i];
    if (within(nearest.minutes[i]) && n !== null && closed.has(n)) orphaned.push(i);
  });
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
  run.cells.forEach((c, i) => {
    const before = within(nearest.minutes[i]);
    const byNew = toAdded.some((t) => within(t[i]));
    const after = byNew || (before && (!orphanedSet.has(i) || rescued.has(i)));
    if (before === after) return;
    const change = after ? 'gain' : 'loss';
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
  });

  // Per commune and EPCI: accessibility (children-weighted) and the official rate.
  const acc = new Map<string, { children: number; before: number; after: number }>();
  const bump = (key: string, children: number, before: number, after: number) => {
    const t = acc.get(key) ?? { children: 0, before: 0, after: 0 };
    t.children += children;
    t.before += children * before;
    t.after += children * after;
    acc.set(key, t);
  };
  run.cells.forEach((c, i) => {
    bump(`commune|${c.commune_code}`, c.children, run.access[i], accessAfter[i]);
    if (c.epci_code) bump(`epci|${c.epci_code}`, c.children, run.access[i], accessAfter[i]);
  });
  const figures = await fetchCoveragePlaces(cards.knex, run.year);
  const epciOf = new Map(
    figures.filter((f) => f.level === 'commune').map((f) => [f.code, f.epci_code]),
  );
  const delta = new Map<string, number>();
  for (const [commune, d] of placesDelta) {
    delta.set(`commune|${commune}`, (delta.get(`commune|${commune}`) ?? 0) + d);
    const epci = epciOf.get(commune);
    if (epci) delta.set(`epci|${epci}`, (delta.get(`epci|${epci}`) ?? 0) + d);
  }
  const territories: ScenarioAnswer['territories'] = [];
  for (const f of figures) {
    const key = `${f.level}|${f.code}`;
    const a = acc.get(key);
    const d = delta.get(key) ?? 0;
    const accBefore = a && a.children > 0 ? round((100 * a.before) / a.children, 1) : null;
    const accAfter = a && a.children > 0 ? round((100 * a.after) / a.children, 1) : null;
    const m = moved.get(key) ?? { gaining: 0, losing: 0 };
    if (Math.abs(d) < 1e-9 && accBefore === accAfter && m.gaining === 0 && m.losing === 0) {
      continue;
    }
    territories.push({
      level: f.level,
      code: f.code,
      name: f.name,
      coverage_before: rate(f.places_total, f.children_under3),
      coverage_after: rate(f.places_total + d, f.children_under3),
      accessibility_before: accBefore,
      accessibility_after: accAfter,
      children_gaining: round(m.gaining, 1),
      children_losing: round(m.losing, 1),
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
