import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseMode } from '../test/database';
import { runProcess, startServer, stopServer } from '../test/processes';

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  it('refuses bad configuration at start with a message naming the variable', async () => {
    const { code, stdout, stderr } = await runProcess(
      [],
      { PORT: 'abc', DATABASE_URL: 'mysql://nope' },
      'server/src/main.ts',
    );
    const output = stdout + stderr;
    expect(code).toBe(2);
    expect(output).toContain('PORT: must be a number (got "abc")');
    expect(output).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it.runIf(databaseMode === 'embedded')(
    'on an empty embedded database, loads the demo once; the next start reuses the persisted data',
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-main-'));
      dirs.push(dataDir);
      const first = await startServer({ BERCEAU_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      const health = await (await fetch(`${first.url}/api/health`)).json();
      expect(health.database.mode).toBe('embedded');
      expect(health.fictional).toBe(true);
      expect(health.territories[0].communes).toBeGreaterThanOrEqual(250);
      expect(first.output()).toContain('demo territory loaded');
      expect(await stopServer(first.child)).toBe(0);

      const second = await startServer({ BERCEAU_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      expect(second.output()).not.toContain('loading the fictional demo');
      const again = await (await fetch(`${second.url}/api/health`)).json();
      expect(again.territories).toEqual(health.territories);
      expect(await stopServer(second.child)).toBe(0);
    },
    180_000,
  );
});
