import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseMode } from '../test/database';
import { ROOT, runProcess, startServer, stopServer } from '../test/processes';
import { lockDataDir } from './db/data-dir-lock';
import { openDatabase } from './db/database';
import { importCommand, parseImportArgs } from './features/imports/cli';

const FIXTURES = path.join(ROOT, 'server/src/features/imports/test/fixtures');
const CHER = path.join(FIXTURES, 'boundaries-geoapi.geojson'); // 4 communes of the Cher (18)
const SEINE_SAINT_DENIS = path.join(FIXTURES, 'boundaries-seine-saint-denis.geojson');

/** Communes per département in the embedded database of `dataDir` (opened, then closed). */
async function communesByDepartement(dataDir: string) {
  const db = await openDatabase({ databaseUrl: null, embedded: { dataDir } });
  try {
    const { rows } = await db.knex.raw(
      'SELECT departement_code AS dep, count(*)::int AS n FROM commune GROUP BY 1 ORDER BY 1',
    );
    return rows;
  } finally {
    await db.close();
  }
}

describe.runIf(databaseMode === 'embedded')('the embedded database and other processes', () => {
  let parent: string;
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    parent = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-safety-'));
    // Other accounts may enter the parent, as they may enter a home or a project directory.
    await fs.chmod(parent, 0o755);
    dataDir = path.join(parent, 'pglite');
    // As an earlier version left it: readable by all.
    await fs.mkdir(dataDir, { mode: 0o755 });
    await fs.chmod(dataDir, 0o755);
    env = { BERCEAU_DATA_DIR: dataDir, BERCEAU_AUTOLOAD_DEMO: 'false' };
  });
  // A test that times out leaves its server running: stop it before the next one starts.
  const servers: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of servers.splice(0)) await stopServer(child);
  });
  afterAll(async () => {
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('an import started while the server runs on the same directory is refused with the server named; nothing is lost, and it lands once the server stops', async () => {
    // Seeded in this process from the test template (no CREATE EXTENSION postgis to wait for).
    const template = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
    const seed = await openDatabase({ databaseUrl: null, embedded: { dataDir, template } });
    try {
      expect(await importCommand(seed, await parseImportArgs(['boundaries', CHER]), () => {})).toBe(
        0,
      );
    } finally {
      await seed.close();
    }

    const server = await startServer(env);
    servers.push(server.child);
    let stopped: number | null;
    try {
      const before = await (await fetch(`${server.url}/api/health`)).json();
      const refused = await runProcess(['import', 'boundaries', SEINE_SAINT_DENIS], env);
      expect(refused.code).toBe(3);
      expect(refused.stdout).not.toContain('Imported');
      expect(refused.stderr.trim().split('\n')).toEqual([
        expect.stringContaining(
          `The embedded database in ${dataDir} is in use by the Berceau server (npm start), pid ${server.child.pid}, since `,
        ),
      ]);
      expect(refused.stderr).toContain(`serving ${server.url}/. Stop that server first`);
      const after = await (await fetch(`${server.url}/api/health`)).json();
      expect(after.territories).toEqual(before.territories);
    } finally {
      stopped = await stopServer(server.child);
    }
    expect(stopped).toBe(0);

    // The refused import never touched the directory: it takes it now, beside the first one.
    const retried = await runProcess(['import', 'boundaries', SEINE_SAINT_DENIS], env);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toContain('Imported');
    expect(await communesByDepartement(dataDir)).toEqual([
      { dep: '18', n: 4 },
      { dep: '93', n: expect.any(Number) },
    ]);
  }, 900_000);

  it('the server refuses to start on a directory a command holds, naming the command', async () => {
    const heldDir = path.join(parent, 'held');
    await fs.mkdir(heldDir);
    const lock = await lockDataDir(heldDir, 'berceau import eaje eaje-18.csv');
    try {
      const refused = await runProcess(
        [],
        { BERCEAU_DATA_DIR: heldDir, PORT: '0' },
        'server/src/main.ts',
      );
      expect(refused.code).toBe(3);
      expect(refused.stderr.trim()).toMatch(
        new RegExp(
          `^Berceau failed to start: The embedded database in ${heldDir} is in use by berceau import eaje eaje-18.csv, pid ${process.pid}, since .*\\. Wait for it to finish, or stop it \\(kill ${process.pid}\\), then run this again\\.$`,
        ),
      );
    } finally {
      await lock.release();
    }
  }, 120_000);

  it.runIf(process.getuid?.() === 0)(
    'another local account can neither connect to the database nor read its files',
    async () => {
      const server = await startServer(env);
      servers.push(server.child);
      try {
        const httpPort = Number(new URL(server.url).port);
        const sockets = await listeningSockets(server.child.pid!);
        // What the server exposes: its HTTP port, nothing else (no database port or socket).
        expect(sockets).toEqual({ tcpPorts: [httpPort], unixPaths: [] });
        for (const port of sockets.tcpPorts) {
          const attempt = await asNobody('psql', [
            '-h',
            '127.0.0.1',
            '-p',
            String(port),
            '-U',
            'postgres',
            '-d',
            'postgres',
            '-w',
            '-c',
            'SELECT 1',
          ]);
          expect(attempt.code, attempt.output).not.toBe(0);
        }
        expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o700);
        const read = await asNobody('cat', [path.join(dataDir, 'PG_VERSION')]);
        expect(read.code).not.toBe(0);
        expect(read.output).toContain('Permission denied');
      } finally {
        await stopServer(server.child);
      }
    },
    300_000,
  );
  it.skipIf(process.getuid?.() === 0)('(another local account: run the tests as root)', () => {
    console.warn('skipped: connecting as another account needs root (runuser -u nobody)');
  });
});

async function asNobody(command: string, args: string[]) {
  return promisify(execFile)('runuser', ['-u', 'nobody', '--', command, ...args], {
    env: { PATH: process.env.PATH!, PGCONNECT_TIMEOUT: '5' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

/** The TCP ports and Unix socket paths a process listens on (Linux /proc). */
async function listeningSockets(pid: number) {
  const inodes = new Set<string>();
  for (const fd of await fs.readdir(`/proc/${pid}/fd`)) {
    const target = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = target.match(/^socket:\[(\d+)\]$/);
    if (m) inodes.add(m[1]);
  }
  const tcpPorts: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await fs.readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9]))
        tcpPorts.push(parseInt(cols[1].split(':')[1], 16));
    }
  }
  const unixPaths: string[] = [];
  for (const line of (await fs.readFile('/proc/net/unix', 'utf8')).split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    // Flags 00010000: a listening socket.
    if (cols[3] === '00010000' && inodes.has(cols[6])) unixPaths.push(cols[7] ?? '(unnamed)');
  }
  return { tcpPorts: [...new Set(tcpPorts)].sort(), unixPaths };
}
