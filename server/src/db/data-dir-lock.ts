import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * One owner for an embedded data directory. PGlite keeps the database in its own memory and
 * writes the directory as it likes: a second process opening the same directory works on a copy
 * that the first one overwrites (an import "done" and lost), or leaves files that no longer open.
 *
 * The lock is a file in the directory holding who owns it (pid, command, since when, the
 * server's URL). It is created complete and atomically (written aside, then hard-linked into
 * place: the link fails when a lock exists). A lock whose process is gone (killed, crashed,
 * machine restarted) is stale and taken over; two processes taking over the same stale lock
 * do it one at a time (a second file, `.takeover`, created the same way), and each re-reads
 * the lock before removing it, so exactly one of them wins.
 */
export const LOCK_FILE = 'berceau.lock';

export interface LockHolder {
  pid: number;
  /** What the holder is, as a person would name it: "server (npm start)", "berceau import …". */
  command: string;
  /** When it took the lock (ISO 8601). */
  since: string;
  hostname: string;
  /** The server's address once it listens. */
  url: string | null;
  /** Linux: boot and process start, so that a reused pid is not taken for the holder. */
  bootId: string | null;
  processStart: string | null;
  /** Tells this lock from any other with the same pid. */
  token: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(describeHolder(dataDir, holder));
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly holder: LockHolder;
  /** Record the server's URL in the lock, so that a refused process can name it. */
  announce(url: string): Promise<void>;
  release(): Promise<void>;
}

/** Take the lock on `dataDir` (an existing directory) or throw `DataDirLockedError`. */
export async function lockDataDir(dataDir: string, command: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    command,
    since: new Date().toISOString(),
    hostname: os.hostname(),
    url: null,
    bootId: readBootId(),
    processStart: readProcessStart(process.pid),
    token: crypto.randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + 10_000;
  while (!(await createExclusive(file, JSON.stringify(holder, null, 2)))) {
    if (Date.now() > deadline)
      throw new Error(`Could not take the lock ${file}: it keeps changing; try again`);
    const current = await readHolder(file);
    if (current === 'absent') continue;
    if (current !== 'unreadable' && isAlive(current))
      throw new DataDirLockedError(dataDir, current);
    if (current === 'unreadable' && (await isYoung(file))) {
      // Being written where hard links are not available (see createExclusive).
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    await takeOverStale(file, current);
  }
  let held = true;
  const releaseOnExit = () => {
    if (held) releaseSync(file, holder.token);
  };
  process.once('exit', releaseOnExit);
  return {
    dataDir,
    holder,
    async announce(url: string) {
      holder.url = url;
      // Written aside and renamed over: a reader never sees half a file.
      const aside = `${file}.${holder.token}`;
      await fsp.writeFile(aside, JSON.stringify(holder, null, 2), { mode: 0o600 });
      await fsp.rename(aside, file);
    },
    async release() {
      if (!held) return;
      held = false;
      process.removeListener('exit', releaseOnExit);
      releaseSync(file, holder.token);
    },
  };
}

/** The sentence a refused process prints: who holds the directory and what to do. */
export function describeHolder(dataDir: string, h: LockHolder): string {
  const since = h.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const elsewhere = h.hostname !== os.hostname();
  const who =
    `${h.command}, pid ${h.pid}${elsewhere ? ` on ${h.hostname}` : ''}, since ${since}` +
    (h.url ? `, serving ${h.url}` : '');
  const remedy = elsewhere
    ? `Stop it on ${h.hostname}; if it no longer runs there, delete ${path.join(dataDir, LOCK_FILE)}.`
    : h.url
      ? `Stop that server first (Ctrl+C in its terminal, or kill ${h.pid}), then run this again.`
      : `Wait for it to finish, or stop it (kill ${h.pid}), then run this again.`;
  return `The embedded database in ${dataDir} is in use by ${who}. ${remedy}`;
}

/** Create `file` with `content`, complete, unless it exists. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const aside = `${file}.${crypto.randomBytes(8).toString('hex')}`;
  await fsp.writeFile(aside, content, { mode: 0o600 });
  try {
    await fsp.link(aside, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
  } finally {
    await fsp.rm(aside, { force: true });
  }
  // A file system without hard links: exclusive creation, written just after (a reader may
  // see it empty for a moment, hence the grace given to a young unreadable lock).
  try {
    await fsp.writeFile(file, content, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function isYoung(file: string): Promise<boolean> {
  const stat = await fsp.stat(file).catch(() => null);
  return stat !== null && Date.now() - stat.mtimeMs < 2_000;
}

async function readHolder(file: string): Promise<LockHolder | 'absent' | 'unreadable'> {
  let text;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const h = JSON.parse(text);
    return Number.isInteger(h?.pid) && typeof h?.token === 'string' ? h : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Remove the stale lock `seen`, unless another process replaced it meanwhile.
 * @internal exported for its test
 */
export async function takeOverStale(file: string, seen: LockHolder | 'unreadable') {
  const takeover = `${file}.takeover`;
  if (!(await createExclusive(takeover, String(process.pid)))) {
    // Another process is taking over; a takeover file older than a few seconds is left by a
    // process that died in those few milliseconds.
    const stat = await fsp.stat(takeover).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > 5_000) await fsp.rm(takeover, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    const now = await readHolder(file);
    const unchanged =
      now === 'unreadable' || seen === 'unreadable'
        ? now === seen
        : now !== 'absent' && now.token === seen.token;
    if (unchanged) await fsp.rm(file, { force: true });
  } finally {
    await fsp.rm(takeover, { force: true });
  }
}

function releaseSync(file: string, token: string) {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (h.token === token) fs.rmSync(file, { force: true });
  } catch {
    // Already gone, or replaced: not ours to remove.
  }
}

/** Is the process that wrote this lock still running? */
export function isAlive(h: LockHolder): boolean {
  // Another machine (a shared disk): its processes cannot be checked from here.
  if (h.hostname !== os.hostname()) return true;
  if (h.bootId && readBootId() && h.bootId !== readBootId()) return false;
  if (h.pid === process.pid) {
    // This very process wrote it only if the lock is younger than the process.
    return Date.parse(h.since) >= Date.now() - process.uptime() * 1000 - 1000 && isSameStart(h);
  }
  try {
    process.kill(h.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return isSameStart(h);
}

/** False when the pid now belongs to a process started after the holder (a reused pid). */
function isSameStart(h: LockHolder): boolean {
  if (!h.processStart) return true;
  const start = readProcessStart(h.pid);
  return start === null || start === h.processStart;
}

function readBootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** Linux: the process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function readProcessStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
