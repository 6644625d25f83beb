/**
 * `npm run berceau -- travel-matrix --from communes|grid --to eaje|mam|all --max-minutes N
 * [--mode car|walk] [--year YYYY] [--departement CODE] [--out file.csv]`: travel times as CSV
 * rows `origin,destination,minutes` (see docs/travel-times.md). Exit codes: 0 written, 2 usage
 * error (message and usage printed before the database is opened), 1 anything else.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { departementCode, queryYear } from '../../../../contract';
import type { Database } from '../../db/database';
import { TRAVEL_MODES, type TravelMode } from '../../domain/routing';
import { DomainError } from '../../domain/errors';
import {
  MATRIX_DESTINATIONS,
  MATRIX_MAX_MINUTES,
  MATRIX_ORIGINS,
  matrixCsv,
  travelMatrix,
  type MatrixDestinations,
  type MatrixOrigins,
  type TravelMatrixOptions,
} from './matrix';
import { TravelService } from './service';

export const TRAVEL_MATRIX_USAGE = `  travel-matrix --from communes|grid --to eaje|mam|all --max-minutes N [options]
                 travel times as CSV rows origin,destination,minutes (pairs within N minutes,
                 self-pairs included); origins: INSEE codes or grid cells "col-row",
                 destinations: eaje-<id> / mam-<id>
                 --mode car|walk      default car
                 --year YYYY          facilities open that year (default: the latest with data)
                 --departement CODE   origins of one département only
                 --out FILE           write the CSV there (default: standard output)
                 (see docs/travel-times.md)`;

export class TravelMatrixUsageError extends Error {}

export interface TravelMatrixCommand {
  options: TravelMatrixOptions;
  out: string | null;
}

/** Parse the options of `travel-matrix` (argv after the command word). */
export function parseTravelMatrixArgs(argv: string[]): TravelMatrixCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'max-minutes': { type: 'string' },
        mode: { type: 'string' },
        year: { type: 'string' },
        departement: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw new TravelMatrixUsageError(`travel-matrix: ${(error as Error).message}`);
  }
  const v = parsed.values;
  const oneOf = <T extends string>(
    name: string,
    value: string | undefined,
    allowed: readonly T[],
    fallback?: T,
  ): T => {
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      throw new TravelMatrixUsageError(
        `travel-matrix: --${name} is required (${allowed.join(' or ')})`,
      );
    }
    if (!allowed.includes(value as T)) {
      throw new TravelMatrixUsageError(
        `travel-matrix: --${name} must be ${allowed.join(' or ')} (got "${value}")`,
      );
    }
    return value as T;
  };
  const from = oneOf<MatrixOrigins>('from', v.from, MATRIX_ORIGINS);
  const to = oneOf<MatrixDestinations>('to', v.to, MATRIX_DESTINATIONS);
  const mode = oneOf<TravelMode>('mode', v.mode, TRAVEL_MODES, 'car');
  if (v['max-minutes'] === undefined)
    throw new TravelMatrixUsageError('travel-matrix: --max-minutes is required (e.g. 30)');
  const maxMinutes = Number(v['max-minutes']);
  if (
    !/^\d+(\.\d+)?$/.test(v['max-minutes']) ||
    !(maxMinutes > 0 && maxMinutes <= MATRIX_MAX_MINUTES)
  ) {
    throw new TravelMatrixUsageError(
      `travel-matrix: --max-minutes must be a number of minutes above 0 and at most ${MATRIX_MAX_MINUTES} (got "${v['max-minutes']}")`,
    );
  }
  let year: number | undefined;
  if (v.year !== undefined) {
    year = Number(v.year);
    if (!/^\d{4}$/.test(v.year) || !queryYear.safeParse(v.year).success) {
      throw new TravelMatrixUsageError(
        `travel-matrix: --year must be a year such as 2024 (got "${v.year}")`,
      );
    }
  }
  if (v.departement !== undefined && !departementCode.safeParse(v.departement).success) {
    throw new TravelMatrixUsageError(
      `travel-matrix: --departement must be a département code such as 18, 2A or 974 (got "${v.departement}")`,
    );
  }
  if (v.out === '') throw new TravelMatrixUsageError('travel-matrix: --out needs a file name');
  return {
    options: { from, to, maxMinutes, mode, year, departement: v.departement ?? null },
    out: v.out ?? null,
  };
}

/**
 * Compute the matrix and write it to `command.out` or to `stdout`; a one-line summary goes to
 * `stderr`. Returns the exit code (2 when the data cannot answer, e.g. a year without data).
 */
export async function travelMatrixCommand(
  db: Database,
  command: TravelMatrixCommand,
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> {
  const service = new TravelService(db.knex);
  let result;
  try {
    result = await travelMatrix(service, command.options);
  } catch (error) {
    if (error instanceof DomainError) {
      io.stderr(`travel-matrix: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const csv = matrixCsv(result.rows);
  if (command.out) {
    await fs.mkdir(path.dirname(path.resolve(command.out)), { recursive: true });
    await fs.writeFile(command.out, csv);
  } else {
    io.stdout(csv);
  }
  const { from, to, maxMinutes, mode } = command.options;
  const off = result.offNetwork.length;
  io.stderr(
    `travel-matrix: ${result.rows.length} rows, ${result.origins} ${from === 'grid' ? `grid cells of ${result.cell_m} m` : 'communes'} × ` +
      `${result.destinations} ${to === 'all' ? 'EAJE and MAM' : to.toUpperCase()} open in ${result.year}, within ${maxMinutes} min by ${mode}` +
      (off
        ? `; ${off} place(s) farther than the snapping limit from any road (only their own position reached)`
        : '') +
      (command.out ? `; written to ${command.out}` : '') +
      '\n',
  );
  return 0;
}
