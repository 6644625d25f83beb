import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config/config';
import { openDatabase } from './db/database';
import { resetDatabase } from './db/migrate';
import { EXIT, EXIT_CODES_HELP, reportFailure } from './exit-codes';
import { loadDemo } from './features/demo/service';
import {
  IMPORT_USAGE,
  ImportUsageError,
  importCommand,
  parseImportArgs,
} from './features/imports/cli';
import { LOCATE_USAGE, locateMain } from './features/site-selection/cli';
import {
  TRAVEL_MATRIX_USAGE,
  TravelMatrixUsageError,
  parseTravelMatrixArgs,
  travelMatrixCommand,
} from './features/travel/cli';
import { ACCESS_USAGE, accessCommand } from './features/accessibility/cli';
import {
  USERS_USAGE,
  UsersUsageError,
  parseUsersArgs,
  readPasswordFromStdin,
  usersCommand,
} from './features/accounts/cli';
import {
  DATASETS_USAGE,
  DatasetsUsageError,
  askOnTerminal,
  datasetsCommand,
  parseDatasetsArgs,
} from './features/datasets/cli';

const ROOT = path.resolve(import.meta.dirname, '../..');

const USAGE = `Usage: npm run berceau -- <command> [options]

Commands:
  demo [--seed N] [--communes N] [--childminders N]
                 generate the fictional demo territory and load it (replaces the previous demo)
  db:migrate     apply pending migrations from sql/migrations
  db:reset       drop every table and migrate again (all data is lost)
${IMPORT_USAGE}
${TRAVEL_MATRIX_USAGE}
${ACCESS_USAGE}
${LOCATE_USAGE}
${USERS_USAGE}
${DATASETS_USAGE}

The database is the one the server uses: DATABASE_URL, or the embedded one in BERCEAU_DATA_DIR
(which one process at a time opens: stop the server to run a command on it).

${EXIT_CODES_HELP}`;

/**
 * The database the server uses, opened for this command. The embedded one is locked meanwhile:
 * a server or another command already on it refuses this one (exit code 3), and the reverse.
 */
function openCommandDatabase({ migrate = true } = {}) {
  const config = loadConfig(process.env, ROOT);
  return openDatabase({
    databaseUrl: config.databaseUrl,
    embedded: { dataDir: config.dataDir, command: `berceau ${process.argv.slice(2).join(' ')}` },
    migrate,
    // An unreachable server is reported once, on one line (exit code 4), not also by knex.
    warn: () => {},
  });
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative integer (got "${value}")`);
  return n;
}

class UsageError extends Error {}

async function main(argv: string[]) {
  if (argv[0] === 'import') {
    process.exitCode = await runImport(argv.slice(1));
    return;
  }
  if (argv[0] === 'access') {
    process.exitCode = await accessCommand(argv.slice(1), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
    return;
  }
  if (argv[0] === 'locate') {
    const io = {
      stdout: (t: string) => process.stdout.write(t),
      stderr: (t: string) => process.stderr.write(t),
    };
    process.exitCode = await locateMain(argv.slice(1), io);
    return;
  }
  if (argv[0] === 'users') {
    process.exitCode = await runUsers(argv.slice(1));
    return;
  }
  if (argv[0] === 'datasets') {
    process.exitCode = await runDatasets(argv.slice(1));
    return;
  }
  if (argv[0] === 'travel-matrix') {
    process.exitCode = await runTravelMatrix(argv.slice(1));
    return;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      communes: { type: 'string' },
      childminders: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  if (!['demo', 'db:migrate', 'db:reset'].includes(command))
    throw new UsageError(`Unknown command "${command}"`);
  const options = {
    seed: positiveInt('seed', values.seed),
    communes: positiveInt('communes', values.communes),
    childminders: positiveInt('childminders', values.childminders),
  };
  const db = await openCommandDatabase({ migrate: command !== 'db:reset' });
  try {
    if (command === 'db:migrate') {
      console.log(
        db.migrationsApplied.length
          ? `Applied ${db.migrationsApplied.join(', ')} (${db.mode})`
          : `Nothing to migrate: the schema is up to date (${db.mode})`,
      );
    } else if (command === 'db:reset') {
      const applied = await resetDatabase(db.knex);
      console.log(`Database reset (${db.mode}); applied ${applied.join(', ')}`);
    } else {
      const report = await loadDemo(db, options);
      console.log(
        `Fictional demo loaded (seed ${report.seed}, ${db.mode}): ` +
          Object.entries(report.counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') +
          ` — generated in ${report.generateMs} ms, loaded in ${report.loadMs} ms`,
      );
    }
  } finally {
    await db.close();
  }
}

/** `import <kind> <file> [options]`: usage errors before the database is opened. */
async function runImport(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const command = await parseImportArgs(argv);
  const db = await openCommandDatabase();
  try {
    return await importCommand(db, command);
  } finally {
    await db.close();
  }
}

/** `users <action> [options]`: usage errors before the database is opened. */
async function runUsers(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const command = parseUsersArgs(argv);
  const db = await openCommandDatabase();
  try {
    return await usersCommand(db, command, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readPassword: readPasswordFromStdin,
    });
  } finally {
    await db.close();
  }
}

/** `datasets list | remove …`: usage errors before the database is opened. */
async function runDatasets(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const command = parseDatasetsArgs(argv);
  const db = await openCommandDatabase();
  try {
    return await datasetsCommand(db, command, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      interactive: Boolean(process.stdin.isTTY),
      ask: askOnTerminal,
    });
  } finally {
    await db.close();
  }
}

/** `travel-matrix [options]`: usage errors before the database is opened. */
async function runTravelMatrix(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const command = parseTravelMatrixArgs(argv);
  const db = await openCommandDatabase();
  try {
    return await travelMatrixCommand(db, command, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (
    error instanceof UsageError ||
    error instanceof ImportUsageError ||
    error instanceof TravelMatrixUsageError ||
    error instanceof UsersUsageError ||
    error instanceof DatasetsUsageError ||
    /^ERR_PARSE_ARGS_/.test(error?.code)
  ) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(EXIT.usage);
  }
  process.exit(reportFailure(error));
});
