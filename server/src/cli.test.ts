import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runProcess } from '../test/processes';

/** A line of a Node stack trace: what a user must never see for an expected failure. */
const STACK_LINE = /^\s+at /m;

describe('the command line on failure: one clear line, no stack, the documented exit code', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-cli-'));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });
  // The data directory is never reached in these cases: each fails before opening it, or
  // points at a server that does not answer.
  const env = () => ({ BERCEAU_DATA_DIR: path.join(tmp, 'never-created') });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['demo', '--seed'], "Option '--seed <value>' argument missing"],
    [['demo', '--colour', 'red'], "Unknown option '--colour'"],
    [['import', 'boundaries', ROOT], `import boundaries: ${ROOT} is a directory: give the file`],
    [['import', 'eaje', 'nowhere.csv'], 'import eaje: no such file nowhere.csv'],
  ])('%j: exit code 2, the problem on the first line, then the usage', async (args, first) => {
    const r = await runProcess(args, env());
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(first);
    expect(r.stderr).toContain('Usage: npm run berceau -- <command> [options]');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('bad configuration: exit code 2, each variable named', async () => {
    const r = await runProcess(['db:migrate'], { ...env(), PORT: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'Invalid configuration:',
      '  - PORT: must be a number (got "abc")',
    ]);
  });

  it('a database server that does not answer: exit code 4, one line naming it without its password', async () => {
    const r = await runProcess(['db:migrate'], {
      DATABASE_URL: 'postgres://berceau:s3cret@127.0.0.1:1/berceau',
    });
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toEqual([
      'Cannot reach the database postgres://berceau:***@127.0.0.1:1/berceau: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });

  it('an embedded data directory that cannot be one (a file): exit code 4, one line', async () => {
    const file = path.join(tmp, 'a-file');
    await fs.writeFile(file, '');
    const r = await runProcess(['db:migrate'], { BERCEAU_DATA_DIR: file });
    expect(r.code).toBe(4);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(`Cannot open the embedded database in ${file}: `);
  });

  it('--help states the exit codes', async () => {
    const r = await runProcess(['--help'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toMatch(
      /3 {2}the embedded database is in use by another process \(the message names it and what to do\)/,
    );
  });
});
