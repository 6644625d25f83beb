/**
 * `npm run berceau -- access --demand D.csv --supply S.csv --cost C.csv --method M [--max-cost X]
 * [--weights SPEC] [--out A.csv]`: the accessibility engine on any three CSV files, so that its
 * results can be checked against other tools (see docs/accessibility.md). No database.
 * Exit codes: 0 written, 1 a bad file (one line naming file, row and column; nothing written),
 * 2 a usage error (the message and this command's usage).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ACCESS_METHODS,
  accessibility,
  buildCatchment,
  formatWeights,
  parseWeights,
  resolveAccessOptions,
  type AccessMethod,
  type AccessOptions,
} from '../../domain/accessibility';
import { parseDecimal } from '../../domain/imports/values';
import { AccessFileError, readCosts, readIdValues } from './csv-inputs';

export const ACCESS_USAGE = `  access --demand D.csv --supply S.csv --cost C.csv --method 2sfca|e2sfca|3sfca|gravity [options]
                 places within reach per child (floating catchment) from any three CSV files
                 (no database): demand id,value; supply id,value; cost origin,destination,cost
                 (or minutes, as travel-matrix writes it); writes id,access (places per child)
                 --max-cost X         pairs costing more than X get no weight (inclusive)
                 --weights SPEC       steps:10=1,20=0.68,30=0.22 | gravity:scale=1,alpha=-1,min=1
                                      | gaussian:sigma=15 | uniform (default: the method's)
                 --out FILE           write the CSV there (default: standard output)
                 (see docs/accessibility.md)`;

export interface AccessIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class UsageError extends Error {}

interface AccessCommand {
  demand: string;
  supply: string;
  cost: string;
  out: string | null;
  options: AccessOptions;
}

function parseAccessArgs(argv: string[]): AccessCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        demand: { type: 'string' },
        supply: { type: 'string' },
        cost: { type: 'string' },
        method: { type: 'string' },
        'max-cost': { type: 'string' },
        weights: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  for (const name of ['demand', 'supply', 'cost', 'method'] as const)
    if (!v[name]) throw new UsageError(`--${name} is required`);
  const method = v.method as AccessMethod;
  if (!ACCESS_METHODS.includes(method))
    throw new UsageError(`--method must be ${ACCESS_METHODS.join(', ')} (got "${v.method}")`);
  let maxCost: number | undefined;
  if (v['max-cost'] !== undefined) {
    maxCost = parseDecimal(v['max-cost']) ?? NaN;
    if (!(maxCost >= 0 && Number.isFinite(maxCost)))
      throw new UsageError(`--max-cost must be a number ≥ 0 (got "${v['max-cost']}")`);
  }
  const options: AccessOptions = { method, maxCost };
  if (v.weights !== undefined) {
    try {
      options.weights = parseWeights(v.weights);
    } catch (error) {
      throw new UsageError(`--${(error as Error).message}`);
    }
  }
  try {
    resolveAccessOptions(options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (v.out === '') throw new UsageError('--out needs a file name');
  return { demand: v.demand!, supply: v.supply!, cost: v.cost!, out: v.out ?? null, options };
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no such file ${file}` : `cannot read ${file} (${code})`,
    );
  }
}

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Run the command (argv after the word `access`); returns the exit code. */
export async function accessCommand(argv: string[], io: AccessIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`Usage: npm run berceau --\n${ACCESS_USAGE}\n`);
    return 0;
  }
  let command: AccessCommand;
  let bytes: Uint8Array[];
  try {
    command = parseAccessArgs(argv);
    bytes = await Promise.all([command.demand, command.supply, command.cost].map(readBytes));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`access: ${error.message}\n\nUsage: npm run berceau --\n${ACCESS_USAGE}\n`);
    return 2;
  }

  let csv: string;
  let summary: string;
  try {
    const demand = { ...readIdValues(bytes[0], command.demand), file: command.demand };
    const supply = { ...readIdValues(bytes[1], command.supply), file: command.supply };
    const pairs = readCosts(bytes[2], command.cost, demand, supply);
    const catchment = buildCatchment(demand.values, supply.ids.length, pairs, command.options);
    const result = accessibility(catchment, supply.values);
    csv = 'id,access\n';
    demand.ids.forEach((id, i) => (csv += `${quote(id)},${result.access[i]}\n`));
    const { method, weights, maxCost } = catchment.options;
    const total = result.placesReached + result.placesUnreached;
    summary =
      `access: ${demand.ids.length} demand locations, ${supply.ids.length} sites, ` +
      `${catchment.pairCount} pairs (${catchment.pairsInReach} within reach); ${method}, weights ${formatWeights(weights)}` +
      (maxCost < Infinity ? `, max cost ${maxCost}` : '') +
      `; Σ demand × access = ${round(sum(demand.values, result.access))} of ${round(total)} places` +
      (result.placesUnreached > 0
        ? ` (${round(result.placesUnreached)} at sites no demand reaches)`
        : '');
  } catch (error) {
    if (error instanceof AccessFileError || error instanceof RangeError) {
      io.stderr(`access: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  if (command.out) {
    // Written beside its destination, then renamed: a reader never sees half a file.
    const target = path.resolve(command.out);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    await fs.writeFile(partial, csv);
    await fs.rename(partial, target);
  } else {
    io.stdout(csv);
  }
  io.stderr(`${summary}${command.out ? `; written to ${command.out}` : ''}\n`);
  return 0;
}

const sum = (p: Float64Array, a: Float64Array) => p.reduce((s, x, i) => s + x * a[i], 0);
const round = (x: number) => Math.round(x * 1000) / 1000;
