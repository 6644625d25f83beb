/**
 * Start-up benchmark of the embedded mode, as a newcomer lives it: the first start on an empty
 * data directory (creates PostGIS, migrates, generates and loads the demo), then warm restarts
 * on the persisted directory. Prints wall time from spawn to "ready" and to a first answer from
 * /api/health.   npm run bench:startup [-- --restarts 3]
 * Target: a second start under 10 s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { restarts: { type: 'string', default: '3' } } });
const ROOT = path.resolve(import.meta.dirname, '..');

async function start(dataDir: string): Promise<{ readyMs: number; healthMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, PORT: '0', BERCEAU_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c;
      const m = out.match(/Berceau est prêt : (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const readyMs = performance.now() - t0;
  const health = await (await fetch(`${url}api/health`)).json();
  const healthMs = performance.now() - t0;
  if (!health.fictional || health.territories.length === 0) throw new Error('demo not loaded');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return { readyMs, healthMs };
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-startup-'));
try {
  console.log('| start | ready (s) | first /api/health answered (s) |');
  console.log('|---|---|---|');
  const first = await start(dir);
  console.log(
    `| first (empty data directory) | ${(first.readyMs / 1000).toFixed(1)} | ${(first.healthMs / 1000).toFixed(1)} |`,
  );
  for (let i = 1; i <= Number(values.restarts); i++) {
    const again = await start(dir);
    console.log(
      `| restart ${i} | ${(again.readyMs / 1000).toFixed(1)} | ${(again.healthMs / 1000).toFixed(1)} |`,
    );
  }
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
