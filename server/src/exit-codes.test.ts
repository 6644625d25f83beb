import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataDirLockedError } from './db/data-dir-lock';
import { EXIT, reportFailure } from './exit-codes';

describe('reportFailure', () => {
  const written: string[] = [];
  const capture = () =>
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });

  it('an unexpected error: exit code 5, one line naming a file only this account can read, which holds the stack', async () => {
    capture();
    const error = new Error('boom\nsecond line');
    expect(reportFailure(error)).toBe(EXIT.unexpected);
    expect(written).toHaveLength(1);
    const m = written[0].match(/^Unexpected error: boom \(detail written to (\S+)\)\n$/);
    expect(m, written[0]).not.toBeNull();
    const file = m![1];
    try {
      expect(path.dirname(file)).toBe(os.tmpdir());
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      expect(await fs.readFile(file, 'utf8')).toContain(error.stack!.split('\n')[2]);
    } finally {
      await fs.rm(file, { force: true });
    }
  });

  it('a locked data directory: exit code 3, the holder named, with the prefix asked for', () => {
    capture();
    const error = new DataDirLockedError('/srv/berceau', {
      pid: 4242,
      command: 'the Berceau server (npm start)',
      since: '2025-03-01T09:30:00.000Z',
      hostname: os.hostname(),
      url: 'http://127.0.0.1:3000/',
      bootId: null,
      processStart: null,
      token: 't',
    });
    expect(reportFailure(error, 'Berceau failed to start: ')).toBe(EXIT.busy);
    expect(written).toEqual([
      'Berceau failed to start: The embedded database in /srv/berceau is in use by the Berceau server (npm start), pid 4242, since 2025-03-01 09:30:00 UTC, serving http://127.0.0.1:3000/. Stop that server first (Ctrl+C in its terminal, or kill 4242), then run this again.\n',
    ]);
  });

  it('a file the command line named that cannot be used: exit code 2, the system message', () => {
    capture();
    const error = Object.assign(
      new Error("EISDIR: illegal operation on a directory, open '/tmp'"),
      {
        code: 'EISDIR',
        syscall: 'open',
        path: '/tmp',
      },
    );
    expect(reportFailure(error)).toBe(EXIT.usage);
    expect(written).toEqual(["EISDIR: illegal operation on a directory, open '/tmp'\n"]);
  });

  it('a port already taken at start: exit code 2, the system message and what to change', () => {
    capture();
    const error = Object.assign(
      new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'),
      {
        code: 'EADDRINUSE',
        syscall: 'listen',
        address: '127.0.0.1',
        port: 3000,
      },
    );
    expect(reportFailure(error, 'Berceau failed to start: ')).toBe(EXIT.usage);
    expect(written).toEqual([
      'Berceau failed to start: listen EADDRINUSE: address already in use 127.0.0.1:3000 (set PORT, or HOST, to one that is free)\n',
    ]);
  });
});
