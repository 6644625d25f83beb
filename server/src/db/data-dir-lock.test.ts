import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DataDirLockedError,
  LOCK_FILE,
  lockDataDir,
  takeOverStale,
  type LockHolder,
} from './data-dir-lock';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the lock on an embedded data directory', () => {
  const dirs: string[] = [];
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-lock-'));
    dirs.push(dir);
  });
  afterAll(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  const writeLock = (holder: Partial<LockHolder>) =>
    fs.writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({
        command: 'berceau import boundaries communes.geojson',
        since: '2025-03-01T09:30:00.000Z',
        hostname: os.hostname(),
        url: null,
        bootId: null,
        processStart: null,
        token: 'earlier',
        ...holder,
      }),
    );
  const refusal = async (command = 'berceau demo') => {
    try {
      await lockDataDir(dir, command);
    } catch (error) {
      return error as DataDirLockedError;
    }
    throw new Error('the lock was granted');
  };

  it('refuses a second taker, naming the holder (pid, command, since when) and, once it serves, its URL', async () => {
    const lock = await lockDataDir(dir, 'the Berceau server (npm start)');
    let error = await refusal();
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect(error.holder.pid).toBe(process.pid);
    expect(error.message).toContain(`in ${dir} is in use by the Berceau server (npm start)`);
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toMatch(/since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(error.message).toContain(`Wait for it to finish, or stop it (kill ${process.pid})`);

    await lock.announce('http://127.0.0.1:3000/');
    error = await refusal();
    expect(error.message).toContain('serving http://127.0.0.1:3000/');
    expect(error.message).toContain(
      `Stop that server first (Ctrl+C in its terminal, or kill ${process.pid}), then run this again.`,
    );
    await lock.release();
  });

  it('once released, the directory can be taken again; a release never removes a lock it does not hold', async () => {
    const first = await lockDataDir(dir, 'first');
    await first.release();
    const second = await lockDataDir(dir, 'second');
    await first.release();
    expect((await refusal()).holder.command).toBe('second');
    await second.release();
    await expect(fs.access(path.join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it('takes over a lock whose process is gone (killed, crashed)', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeLock({ pid: gone.pid! });
    const lock = await lockDataDir(dir, 'after the crash');
    expect(lock.holder.command).toBe('after the crash');
    await lock.release();
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid now belongs to another, later process',
    async () => {
      const other = spawn('sleep', ['30']);
      try {
        await writeLock({ pid: other.pid!, processStart: '1' });
        const lock = await lockDataDir(dir, 'after a reboot');
        await lock.release();
      } finally {
        other.kill();
      }
    },
  );

  it('takes over a lock file that cannot be read as a lock', async () => {
    await fs.writeFile(path.join(dir, LOCK_FILE), 'garbage');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await fs.utimes(path.join(dir, LOCK_FILE), aMinuteAgo, aMinuteAgo);
    const lock = await lockDataDir(dir, 'after garbage');
    await lock.release();
  });

  it('respects a lock taken on another machine (a shared disk), and says how to clear it', async () => {
    await writeLock({ pid: 1, hostname: 'other-host' });
    const error = await refusal();
    expect(error.message).toContain('pid 1 on other-host');
    expect(error.message).toContain(
      `if it no longer runs there, delete ${path.join(dir, LOCK_FILE)}`,
    );
  });

  it('a taker that saw the stale lock late does not remove the lock another has just taken over', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeLock({ pid: gone.pid! });
    const stale = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'));
    const first = await lockDataDir(dir, 'first taker');
    // The second taker read the stale lock before the first replaced it, and acts now.
    await takeOverStale(path.join(dir, LOCK_FILE), stale);
    expect((await refusal()).holder.command).toBe('first taker');
    await first.release();
  });

  it('of twenty takers racing for a stale lock, exactly one gets it', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeLock({ pid: gone.pid! });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => lockDataDir(dir, `taker ${i}`)),
    );
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const o of outcomes)
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(DataDirLockedError);
    const held = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'));
    const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockDataDir>>>)
      .value;
    expect(held.token).toBe(winner.holder.token);
    await winner.release();
  });

  it('of several processes starting together on a stale lock, exactly one gets it', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeLock({ pid: gone.pid! });
    const script = path.join(dir, 'contender.mts');
    await fs.writeFile(
      script,
      `import fs from 'node:fs';
import { lockDataDir } from ${JSON.stringify(path.join(ROOT, 'server/src/db/data-dir-lock.ts'))};
const [dir, go, done] = process.argv.slice(2);
console.log('ready');
while (!fs.existsSync(go)) await new Promise((r) => setTimeout(r, 2));
try {
  const lock = await lockDataDir(dir, 'contender');
  console.log('won');
  while (!fs.existsSync(done)) await new Promise((r) => setTimeout(r, 20));
  await lock.release();
} catch (error) {
  console.log(error.name === 'DataDirLockedError' ? 'refused' : 'failed ' + error.message);
}
`,
    );
    const go = path.join(dir, 'go');
    const done = path.join(dir, 'done');
    const contenders = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, dir, go, done], {
        cwd: ROOT,
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      return {
        ready: new Promise<void>((resolve) => {
          child.stdout.on('data', () => resolve());
          child.once('exit', () => resolve());
        }),
        verdict: () => out.trim().split('\n').pop(),
        exited: new Promise((resolve) => child.once('exit', resolve)),
      };
    });
    await Promise.all(contenders.map((c) => c.ready));
    await fs.writeFile(go, '');
    await expect
      .poll(() => contenders.map((c) => c.verdict()).filter((v) => v !== 'ready').length, {
        timeout: 30_000,
      })
      .toBe(6);
    const verdicts = contenders.map((c) => c.verdict()).sort();
    await fs.writeFile(done, '');
    await Promise.all(contenders.map((c) => c.exited));
    expect(verdicts).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'won']);
  }, 120_000);
});
