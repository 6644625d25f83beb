import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseMode } from '../test/database';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Start `server/src/main.ts` as a user would (through tsx) and wait for its URL. */
function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/Berceau est prêt : (http:\/\/\S+)/);
      if (m) resolve({ child, url: m[1].replace(/\/$/, ''), output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, ...env },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  it('refuses bad configuration at start with a message naming the variable', async () => {
    const { code, output } = await run({ PORT: 'abc', DATABASE_URL: 'mysql://nope' });
    expect(code).toBe(2);
    expect(output).toContain('PORT: must be a number (got "abc")');
    expect(output).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it.runIf(databaseMode === 'embedded')(
    'on an empty embedded database, loads the demo once; the next start reuses the persisted data',
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-main-'));
      dirs.push(dataDir);
      const first = await startServer({ BERCEAU_DATA_DIR: dataDir });
      const health = await (await fetch(`${first.url}/api/health`)).json();
      expect(health.database.mode).toBe('embedded');
      expect(health.fictional).toBe(true);
      expect(health.territories[0].communes).toBeGreaterThanOrEqual(250);
      expect(first.output()).toContain('demo territory loaded');
      expect(await stop(first.child)).toBe(0);

      const second = await startServer({ BERCEAU_DATA_DIR: dataDir });
      expect(second.output()).not.toContain('loading the fictional demo');
      const again = await (await fetch(`${second.url}/api/health`)).json();
      expect(again.territories).toEqual(health.territories);
      expect(await stop(second.child)).toBe(0);
    },
    180_000,
  );
});
