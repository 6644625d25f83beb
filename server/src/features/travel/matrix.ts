import {
  travelTimeMatrix,
  type MatrixPoint,
  type TravelMode,
  type TravelTimeRow,
} from '../../domain/routing';
import { fetchCommunePoints } from './repository';
import type { TravelService } from './service';

export type MatrixOrigins = 'communes' | 'grid';
export type MatrixDestinations = 'eaje' | 'mam' | 'all';
export const MATRIX_ORIGINS: readonly MatrixOrigins[] = ['communes', 'grid'];
export const MATRIX_DESTINATIONS: readonly MatrixDestinations[] = ['eaje', 'mam', 'all'];
/** Longest limit a matrix may be asked for (minutes). */
export const MATRIX_MAX_MINUTES = 180;

export interface TravelMatrixOptions {
  from: MatrixOrigins;
  to: MatrixDestinations;
  /** Pairs farther apart than this (minutes, inclusive) get no row; 0 < maxMinutes ≤ 180. */
  maxMinutes: number;
  mode: TravelMode;
  /** Facilities open that year; the latest year with data by default. */
  year?: number;
  /**
   * Origins of one département only (destinations: every loaded facility of its side of the
   * data); every loaded territory of the default side when absent (kernel/fiction.ts).
   */
  departement?: string | null;
}

export interface TravelMatrixResult {
  /**
   * Reached pairs, origin-major: origin = INSEE code or grid cell id (`col-row`, 0-based from
   * the grid's south-west corner), destination = `eaje-<id>` / `mam-<id>` as in /api/facilities.
   * A pair of places at the same position is 0 min (self-pairs).
   */
  rows: TravelTimeRow<string, string>[];
  origins: number;
  destinations: number;
  offNetwork: { id: string; role: 'origin' | 'destination'; reason: string }[];
  year: number;
  direction: 'forward' | 'reverse';
  /** Grid origins: the cell side (metres). */
  cell_m: number | null;
}

/**
 * Travel times from communes (their label point) or grid cells (their centre) to EAJE, MAM or
 * both, within `maxMinutes`, over the stored road network (see docs/travel-times.md).
 */
export async function travelMatrix(
  service: TravelService,
  options: TravelMatrixOptions,
): Promise<TravelMatrixResult> {
  if (!(options.maxMinutes > 0 && options.maxMinutes <= MATRIX_MAX_MINUTES)) {
    throw new RangeError(
      `maxMinutes must be a number of minutes above 0 and at most ${MATRIX_MAX_MINUTES}, got ${options.maxMinutes}`,
    );
  }
  const departement = options.departement ?? null;
  // One side of the data: the département's, or the real territories' (kernel/fiction.ts).
  const fictional = await service.sideOf(departement);
  const { year } = await service.year(options.year, 'query', fictional);
  const { network } = await service.network(fictional);
  let origins: MatrixPoint<string>[];
  let cell_m: number | null = null;
  if (options.from === 'communes') {
    const communes = await fetchCommunePoints(service.knex, year, departement, fictional);
    origins = communes.map((c) => ({ id: c.code, lon: c.lon, lat: c.lat }));
  } else {
    const grid = await service.grid(departement, fictional);
    cell_m = grid.cell_m;
    origins = grid.cells.map((c) => ({ id: c.id, lon: c.lon, lat: c.lat }));
  }
  const { points: destinations } = await service.targets(
    year,
    options.to === 'all' ? 'formal' : options.to,
    1,
    fictional,
  );
  const matrix = travelTimeMatrix(network.graph, origins, destinations, {
    mode: options.mode,
    maxMinutes: options.maxMinutes,
    router: network.router,
  });
  return {
    rows: matrix.rows,
    origins: origins.length,
    destinations: destinations.length,
    offNetwork: matrix.offNetwork.map((o) => ({ id: o.id, role: o.role, reason: o.reason })),
    year,
    direction: matrix.direction,
    cell_m,
  };
}

/** The matrix as CSV: header `origin,destination,minutes`, minutes to 0.01, `\n` line ends. */
export function matrixCsv(rows: readonly TravelTimeRow<string, string>[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let out = 'origin,destination,minutes\n';
  for (const r of rows)
    out += `${quote(r.origin)},${quote(r.destination)},${(Math.round(r.minutes * 100) / 100).toFixed(2)}\n`;
  return out;
}
