/**
 * `npm run berceau -- locate --demand D.csv --candidates C.csv --cost M.csv --model
 * mclp|pmedian|lscp [options] --out sites.csv`: the optimiser on any CSV files, no database.
 * Exit codes: 0 written; 1 a file or the question is wrong (one line says where); 2 usage.
 * Nothing is written unless the whole answer is (files go to temporary names, then renamed).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  SITE_SELECTION_MODELS,
  SOLVE_METHODS,
  SiteSelectionError,
  highsMipSolver,
  selectSites,
  type SiteSelectionModel,
  type SiteSelectionOptions,
  type SolveMethod,
} from '../../domain/site-selection';
import { LocateInputError, readLocateInputs, type LocateFiles } from './read-inputs';
import { assignmentsCsv, outputPaths, sitesCsv, summaryCsv } from './write-results';

export const LOCATE_USAGE = `  locate --demand D.csv --candidates C.csv --cost M.csv --model mclp|pmedian|lscp --out sites.csv
                 choose sites (no database): demand id,value; candidates id[,capacity];
                 cost origin,destination,cost (or minutes); writes sites.csv,
                 sites.assignments.csv and sites.summary.csv (see docs/site-finder.md)
                 --p N                new sites to open (mclp, pmedian)
                 --max-cost X         coverage standard (mclp, lscp); pmedian: pairs above are not used
                 --fixed F.csv        existing sites (id[,capacity]): open, not counted in p
                 --capacity COLUMN    column of places in the candidates (and fixed) file
                 --unserved-cost X    pmedian: a point may stay unserved at this cost
                 --method auto|exact|heuristic   default auto
                 --time-limit S       seconds for the whole answer (default 60)`;

export class LocateUsageError extends Error {}

export interface LocateCommand {
  files: { demand: string; candidates: string; cost: string; fixed: string | null };
  capacityColumn: string | null;
  options: SiteSelectionOptions;
  out: string;
}

function positiveNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0)
    throw new LocateUsageError(`locate: --${name} must be a number ≥ 0 (got "${raw}")`);
  return n;
}

export function parseLocateArgs(argv: string[]): LocateCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        demand: { type: 'string' },
        candidates: { type: 'string' },
        cost: { type: 'string' },
        model: { type: 'string' },
        p: { type: 'string' },
        'max-cost': { type: 'string' },
        fixed: { type: 'string' },
        capacity: { type: 'string' },
        'unserved-cost': { type: 'string' },
        method: { type: 'string' },
        'time-limit': { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw new LocateUsageError(`locate: ${(error as Error).message}`);
  }
  const v = parsed.values;
  for (const name of ['demand', 'candidates', 'cost', 'model', 'out'] as const)
    if (!v[name]) throw new LocateUsageError(`locate: --${name} is required`);
  const model = v.model as SiteSelectionModel;
  if (!SITE_SELECTION_MODELS.includes(model))
    throw new LocateUsageError(`locate: --model must be mclp, pmedian or lscp (got "${v.model}")`);
  const method = (v.method ?? 'auto') as SolveMethod;
  if (!SOLVE_METHODS.includes(method))
    throw new LocateUsageError(
      `locate: --method must be auto, exact or heuristic (got "${v.method}")`,
    );
  let p: number | undefined;
  if (v.p !== undefined) {
    p = Number(v.p);
    if (!/^\d+$/.test(v.p))
      throw new LocateUsageError(`locate: --p must be a whole number (got "${v.p}")`);
  }
  if (model !== 'lscp' && p === undefined)
    throw new LocateUsageError(`locate: --p is required for ${model}`);
  const maxCost = positiveNumber('max-cost', v['max-cost']);
  if (model !== 'pmedian' && maxCost === undefined)
    throw new LocateUsageError(`locate: --max-cost is required for ${model}`);
  const unservedCost = positiveNumber('unserved-cost', v['unserved-cost']);
  if (unservedCost !== undefined && model !== 'pmedian')
    throw new LocateUsageError('locate: --unserved-cost applies to pmedian only');
  const timeLimitSec = positiveNumber('time-limit', v['time-limit']);
  if (timeLimitSec === 0) throw new LocateUsageError('locate: --time-limit must be above 0');
  if (!/\.csv$/i.test(v.out as string))
    throw new LocateUsageError(`locate: --out must name a .csv file (got "${v.out}")`);
  return {
    files: {
      demand: v.demand as string,
      candidates: v.candidates as string,
      cost: v.cost as string,
      fixed: v.fixed ?? null,
    },
    capacityColumn: v.capacity ?? null,
    options: { model, p, maxCost, unservedCost, method, timeLimitSec },
    out: v.out as string,
  };
}

async function load(name: string) {
  try {
    return { name, bytes: new Uint8Array(await fs.readFile(name)) };
  } catch {
    throw new LocateInputError(`${name}: no such file (or it cannot be read)`);
  }
}

/** Writes every file under a temporary name first: all three appear, or none. */
async function writeAll(files: [string, string][]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const [target, text] of files) {
      await fs.mkdir(path.dirname(path.resolve(target)), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      temps.push(temp);
      await fs.writeFile(temp, text);
    }
    for (let k = 0; k < files.length; k++) await fs.rename(temps[k], files[k][0]);
  } catch (error) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw error;
  }
}

const solver = highsMipSolver(async () => (await import('highs')).default());

export async function locateCommand(
  command: LocateCommand,
  io: { stderr: (text: string) => void },
): Promise<number> {
  let result;
  try {
    const files: LocateFiles = {
      demand: await load(command.files.demand),
      candidates: await load(command.files.candidates),
      cost: await load(command.files.cost),
      fixed: command.files.fixed ? await load(command.files.fixed) : null,
      capacityColumn: command.capacityColumn,
    };
    const input = readLocateInputs(files);
    result = await selectSites(
      input,
      { ...command.options, clock: () => performance.now() },
      solver,
    );
  } catch (error) {
    if (error instanceof LocateInputError || error instanceof SiteSelectionError) {
      io.stderr(`locate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const paths = outputPaths(command.out);
  await writeAll([
    [paths.sites, sitesCsv(result)],
    [paths.assignments, assignmentsCsv(result)],
    [paths.summary, summaryCsv(result, command.options)],
  ]);
  const share = (100 * result.coveredShare).toFixed(1);
  const newSites = result.sites.filter((s) => !s.fixed).length;
  const how = result.optimal
    ? `${result.method}, optimal`
    : `${result.method}, within ${(100 * result.gap).toFixed(2)} % of the bound`;
  io.stderr(
    `locate: ${result.model}, ${newSites} new site(s) (${how}): objective ${Math.round(result.objective * 1e6) / 1e6}, ` +
      `${share} % of the demand ${result.model === 'pmedian' ? 'served' : 'covered'}; ` +
      `written to ${paths.sites}, ${paths.assignments}, ${paths.summary}\n`,
  );
  return 0;
}

/** The whole command from argv: usage errors print the usage and give 2. */
export async function locateMain(
  argv: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`Usage: npm run berceau -- ${LOCATE_USAGE.trim()}\n`);
    return 0;
  }
  let command;
  try {
    command = parseLocateArgs(argv);
  } catch (error) {
    if (!(error instanceof LocateUsageError)) throw error;
    io.stderr(`${error.message}\n\nUsage: npm run berceau --\n${LOCATE_USAGE}\n`);
    return 2;
  }
  return locateCommand(command, io);
}
