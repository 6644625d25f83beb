import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from './config/config';
import { DataDirLockedError } from './db/data-dir-lock';
import { DatabaseUnavailableError } from './db/database';
import { EmbeddedOpenError } from './db/embedded';

/** Exit codes of `npm start` and `npm run berceau -- …`, as `--help` and the docs state them. */
export const EXIT = {
  ok: 0,
  invalidData: 1,
  usage: 2,
  busy: 3,
  databaseUnavailable: 4,
  unexpected: 5,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  invalid data: the file was refused and nothing was written (the report says why)
  2  bad command line or configuration: unknown command or option, bad value, missing file,
     a directory instead of a file, a year without data
  3  the embedded database is in use by another process (the message names it and what to do)
  4  the database cannot be reached or opened
  5  unexpected error: one line here, the detail in the file it names`;

/**
 * Print one clear line for `error` on stderr (no stack) and return its exit code. Expected
 * failures say what went wrong; an unexpected one also names the file holding its detail.
 */
export function reportFailure(error: unknown, prefix = ''): number {
  const say = (line: string) => process.stderr.write(`${prefix}${line}\n`);
  if (error instanceof ConfigError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof DataDirLockedError) {
    say(error.message);
    return EXIT.busy;
  }
  if (error instanceof DatabaseUnavailableError || error instanceof EmbeddedOpenError) {
    say(error.message);
    return EXIT.databaseUnavailable;
  }
  const e = error as NodeJS.ErrnoException | undefined;
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS_')) {
    say(e.message);
    return EXIT.usage;
  }
  if (e?.syscall === 'listen') {
    // EADDRINUSE, EACCES: the configured HOST and PORT cannot be used.
    say(`${e.message} (set PORT, or HOST, to one that is free)`);
    return EXIT.usage;
  }
  if (e?.syscall && e.path) {
    // A file or directory given on the command line that cannot be read or written.
    say(e.message);
    return EXIT.usage;
  }
  const detail = writeDetail(error);
  const message = error instanceof Error ? error.message : String(error);
  say(
    `Unexpected error: ${message.split('\n')[0]}` +
      (detail ? ` (detail written to ${detail})` : ''),
  );
  if (!detail) process.stderr.write(`${inspect(error)}\n`);
  return EXIT.unexpected;
}

/** The error's stack and causes in a file only this account can read; its path, or null. */
function writeDetail(error: unknown): string | null {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(os.tmpdir(), `berceau-error-${stamp}-${process.pid}.log`);
  try {
    fs.writeFileSync(
      file,
      `${new Date().toISOString()} ${process.argv.join(' ')}\n${inspect(error, { depth: 6 })}\n`,
      { mode: 0o600, flag: 'wx' },
    );
    return file;
  } catch {
    return null;
  }
}
