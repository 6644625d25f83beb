/**
 * The accessibility of the grid's cells as the tile layer `accessibility` draws it: the default
 * computation (E2SFCA, 30 min by car, every mode) for the public, stored per side of the data,
 * year and data version (migration 025), so that the tile query reads a table as every other
 * layer does. The tile route asks for it before drawing a tile of the layer; other parameters
 * stay on demand (POST /api/accessibility, GET /api/accessibility/cells).
 */
import { fetchDataVersions } from '../../db/data-versions';
import { InvalidInput, NotFound } from '../../domain/errors';
import { EXACT_NOWHERE } from '../../domain/accounts';
import { sideOf } from '../../kernel';
import { fetchCellSetVersion, writeCellSet, type StoredCell } from './repository';
import { cellAccessibility, type AccessibilityService } from './service';

/** Children to 0.01 and rates to 0.1: the rounding of GET /api/accessibility/cells. */
export const roundChildren = (children: number) => Math.round(children * 100) / 100;
export const roundRate = (access: number) => Math.round(access * 1000) / 10;

const computing = new WeakMap<AccessibilityService, Map<string, Promise<void>>>();

/**
 * The requests brought up to date (or being brought), per service: `<version>#<year>#<département>`.
 * Checking them again costs each tile two reads of every commune's years (~0.5 s on a national
 * load) for the same answer until the data change; a new data version starts a new set.
 */
const prepared = new WeakMap<
  AccessibilityService,
  { version: string; keys: Map<string, Promise<void>> }
>();

/**
 * Brings the stored cells up to date for a tile request: the side of `departement` (both sides
 * without one), `year` or each side's latest. Nothing to compute from (a side not loaded, a year
 * it does not have, no grid, no roads) is not an error for a tile: the layer is empty there.
 */
export async function prepareCellTiles(
  service: AccessibilityService,
  q: { year?: number; departement?: string },
): Promise<void> {
  const { data: version } = await fetchDataVersions(service.knex);
  let done = prepared.get(service);
  if (done?.version !== version) prepared.set(service, (done = { version, keys: new Map() }));
  const key = `${version}#${q.year ?? ''}#${q.departement ?? ''}`;
  let pending = done.keys.get(key);
  if (!pending) {
    // Years and départements come from URLs: a bounded memory, whatever is asked.
    if (done.keys.size >= 1000) done.keys.clear();
    // Shared by the requests that arrive while it runs; forgotten if it fails.
    const keys = done.keys;
    pending = prepareSides(service, q);
    pending.catch(() => keys.delete(key));
    keys.set(key, pending);
  }
  await pending;
}

async function prepareSides(
  service: AccessibilityService,
  q: { year?: number; departement?: string },
): Promise<void> {
  let sides: boolean[] = [false, true];
  if (q.departement) {
    const side = await sideOf(service.knex, q.departement);
    if (side === null) return;
    sides = [side];
  }
  for (const side of sides) {
    try {
      await storeSide(service, side, q.year);
    } catch (error) {
      const skipped =
        error instanceof NotFound ||
        (error instanceof InvalidInput && error.code === 'year_not_available');
      if (!skipped) throw error;
    }
  }
}

async function storeSide(service: AccessibilityService, side: boolean, asked?: number) {
  const [versions, year] = await Promise.all([
    fetchDataVersions(service.knex),
    service.year(asked, side, 'query.year'),
  ]);
  if ((await fetchCellSetVersion(service.knex, side, year)) === versions.data) return;
  let flights = computing.get(service);
  if (!flights) computing.set(service, (flights = new Map()));
  const key = `${side}#${year}#${versions.data}`;
  let pending = flights.get(key);
  if (!pending) {
    pending = compute(service, side, year, versions.data).finally(() => flights.delete(key));
    flights.set(key, pending);
  }
  await pending;
}

async function compute(
  service: AccessibilityService,
  side: boolean,
  year: number,
  dataVersion: string,
): Promise<void> {
  const { run, cells } = await cellAccessibility(service, {
    fictional: side,
    year,
    exact: EXACT_NOWHERE,
  });
  const stored: StoredCell[] = cells.map((c) => ({
    cell_id: c.cell_id,
    commune_code: c.commune_code,
    children: roundChildren(c.children),
    accessibility_rate: roundRate(c.access),
    estimated: c.estimated,
  }));
  await writeCellSet(
    service.knex,
    {
      side,
      year,
      data_version: dataVersion,
      method: run.method,
      weights: run.weights,
      max_minutes: run.maxMinutes,
      modes: run.modes,
      estimated: run.estimated,
      fictional: run.fictional,
      dataset_ids: run.datasetIds,
    },
    stored,
  );
}
