/**
 * `npm run berceau -- datasets list | remove <key> | remove --demo`: what is loaded, and taking a
 * dataset (or the whole demo) out. Exit codes: 0 done (or dry run, or nothing confirmed), 2 bad
 * command line, unknown key, or a removal that cannot be confirmed here (not a terminal, no --yes).
 */
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../../db/database';
import { InvalidInput, NotFound } from '../../domain/errors';
import {
  listDatasetSummaries,
  removeDatasets,
  type RemovalSummary,
  type RemovalTarget,
} from './service';

export const DATASETS_USAGE = `  datasets list  the loaded datasets: key, kind, source, vintage, fictional, rows, départements
  datasets remove <key> | --demo [--dry-run] [--yes]
                 remove one dataset by key, or the whole fictional demo, with every row it
                 provided; the coverage figures are recomputed (one transaction). Prints the rows
                 removed by table, then asks [y/N] in a terminal (--yes elsewhere);
                 --dry-run shows the summary and writes nothing. A removed demo is not loaded
                 again by itself at the next start (\`demo\` loads it on purpose)`;

export class DatasetsUsageError extends Error {}

export interface DatasetsCommand {
  action: 'list' | 'remove';
  target: RemovalTarget | null;
  dryRun: boolean;
  yes: boolean;
}

export interface DatasetsIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A terminal can answer the question; elsewhere a removal needs --yes. */
  interactive: boolean;
  ask: (question: string) => Promise<boolean>;
}

/** Parse `datasets …` (argv after the word `datasets`). */
export function parseDatasetsArgs(argv: string[]): DatasetsCommand {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
    },
  });
  const [action, key, ...rest] = positionals;
  if (action === 'list') {
    if (key || values.demo || values['dry-run'] || values.yes)
      throw new DatasetsUsageError('datasets list takes no argument');
    return { action, target: null, dryRun: false, yes: false };
  }
  if (action !== 'remove')
    throw new DatasetsUsageError(
      action ? `Unknown datasets command "${action}"` : 'datasets: say list or remove',
    );
  if (rest.length > 0) throw new DatasetsUsageError('datasets remove takes one key');
  if (Boolean(key) === Boolean(values.demo))
    throw new DatasetsUsageError('datasets remove: give a dataset key or --demo (one of them)');
  return {
    action,
    target: values.demo ? { demo: true } : { key: key! },
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
  };
}

/** Run a parsed command; returns the exit code. */
export async function datasetsCommand(
  db: Database,
  command: DatasetsCommand,
  io: DatasetsIo,
): Promise<number> {
  if (command.action === 'list') {
    io.stdout(listText(await listDatasetSummaries(db.knex)));
    return 0;
  }
  if (!command.dryRun && !command.yes && !io.interactive) {
    io.stderr(
      'datasets remove deletes data and this is not a terminal that can confirm it: add --yes (see first what would go with --dry-run)\n',
    );
    return 2;
  }
  try {
    const outcome = await removeDatasets(db, command.target!, {
      dryRun: command.dryRun,
      confirm: async (summary) => {
        io.stdout(summaryText(summary));
        return command.yes || io.ask('Remove them? [y/N] ');
      },
    });
    if (outcome.status === 'dry-run') {
      io.stdout(`${summaryText(outcome.summary)}Dry run: nothing removed\n`);
    } else if (outcome.status === 'cancelled') {
      io.stdout('Cancelled: nothing removed\n');
    } else {
      io.stdout(
        `Removed ${outcome.summary.datasets.length} dataset(s); coverage figures recomputed (${outcome.summary.coverageFigures.after} left)\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof NotFound || error instanceof InvalidInput) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function listText(list: Awaited<ReturnType<typeof listDatasetSummaries>>): string {
  if (list.length === 0) return 'No dataset loaded\n';
  const header = ['key', 'kind', 'source', 'vintage', 'fictional', 'rows', 'territories'];
  const lines = list.map((d) => [
    d.key,
    d.kind,
    d.source,
    d.vintage,
    d.fictional ? 'yes' : 'no',
    Object.entries(d.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ') || '0',
    d.territories.join(' ') || '—',
  ]);
  return [header, ...lines].map((cells) => cells.join('\t')).join('\n') + '\n';
}

function summaryText(s: RemovalSummary): string {
  const datasets = s.datasets
    .map((d) => `  ${d.key} (${d.kind}${d.fictional ? ', fictif' : ''}): ${d.name}`)
    .join('\n');
  const rows =
    Object.entries(s.rows)
      .map(([table, n]) => `  ${table}: ${n}`)
      .join('\n') || '  (no row)';
  return (
    `Datasets to remove:\n${datasets}\nRows removed by table:\n${rows}\n` +
    `Coverage figures: ${s.coverageFigures.before} before, ${s.coverageFigures.after} after (recomputed)\n`
  );
}

/** Ask on the terminal (y/N). */
export async function askOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|o|oui)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
