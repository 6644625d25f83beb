import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { parseTravelMatrixArgs, travelMatrixCommand, TravelMatrixUsageError } from './cli';
import { nearestAnswer } from './nearest';
import { nearestQuery } from '../../../../contract';
import { TravelService } from './service';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

async function run(db: Database, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await travelMatrixCommand(db, parseTravelMatrixArgs(argv), {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

function parseCsv(text: string) {
  const [header, ...lines] = text.trimEnd().split('\n');
  return { header, rows: lines.map((l) => l.split(',')) };
}

describe(`travel-matrix command (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes origin,destination,minutes rows for communes × every facility within the limit', async () => {
    const { code, stdout, stderr } = await run(db, [
      '--from',
      'communes',
      '--to',
      'all',
      '--max-minutes',
      '30',
    ]);
    expect(code).toBe(0);
    const { header, rows } = parseCsv(stdout);
    expect(header).toBe('origin,destination,minutes');
    expect(rows.length).toBeGreaterThan(1000);
    const { rows: communes } = await db.knex.raw('SELECT code FROM commune');
    const codes = new Set(communes.map((c: { code: string }) => c.code));
    for (const [origin, destination, minutes] of rows) {
      expect(codes.has(origin)).toBe(true);
      expect(destination).toMatch(/^(eaje|mam)-\d+$/);
      expect(minutes).toMatch(/^\d+\.\d\d$/);
      expect(Number(minutes)).toBeLessThanOrEqual(30);
    }
    expect(stderr).toMatch(
      /^travel-matrix: \d+ rows, 280 communes × \d+ EAJE and MAM open in 2024, within 30 min by car/,
    );
  });

  it("each commune's least time agrees with the time to the nearest place (two different searches)", async () => {
    const { stdout } = await run(db, [
      '--from',
      'communes',
      '--to',
      'all',
      '--max-minutes',
      '60',
      '--mode',
      'walk',
    ]);
    const least = new Map<string, number>();
    for (const [origin, , minutes] of parseCsv(stdout).rows) {
      least.set(origin, Math.min(least.get(origin) ?? Infinity, Number(minutes)));
    }
    const nearest = await nearestAnswer(
      new TravelService(db.knex),
      nearestQuery.parse({ level: 'commune', target: 'formal', mode: 'walk' }),
    );
    let compared = 0;
    for (const f of nearest.features) {
      const m = f.properties.minutes;
      const fromMatrix = least.get('code' in f.properties ? f.properties.code : f.properties.id);
      if (m === null) expect(fromMatrix).toBeUndefined();
      else {
        expect(Math.abs(m - fromMatrix!)).toBeLessThanOrEqual(0.011);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('from the grid to MAM into a file with --out; cells named col-row', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-matrix-'));
    const out = path.join(dir, 'sub', 'grid.csv');
    try {
      const { code, stdout, stderr } = await run(db, [
        '--from',
        'grid',
        '--to',
        'mam',
        '--max-minutes',
        '15',
        '--out',
        out,
      ]);
      expect(code).toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/grid cells of 1000 m × \d+ MAM .* written to /);
      const { header, rows } = parseCsv(await fs.readFile(out, 'utf8'));
      expect(header).toBe('origin,destination,minutes');
      expect(rows.length).toBeGreaterThan(100);
      for (const [origin, destination] of rows) {
        expect(origin).toMatch(/^\d+-\d+$/);
        expect(destination).toMatch(/^mam-\d+$/);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a year without data is a clear message and exit code 2', async () => {
    const { code, stderr } = await run(db, [
      '--from',
      'communes',
      '--to',
      'eaje',
      '--max-minutes',
      '10',
      '--year',
      '2031',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /No data for year 2031 in the fictional territory; available years: 2019, .*2024/,
    );
  });

  const bad: [string[], RegExp][] = [
    [['--to', 'eaje', '--max-minutes', '30'], /--from is required \(communes or grid\)/],
    [
      ['--from', 'towns', '--to', 'eaje', '--max-minutes', '30'],
      /--from must be communes or grid \(got "towns"\)/,
    ],
    [
      ['--from', 'grid', '--to', 'crèches', '--max-minutes', '30'],
      /--to must be eaje or mam or all/,
    ],
    [['--from', 'grid', '--to', 'eaje'], /--max-minutes is required/],
    [
      ['--from', 'grid', '--to', 'eaje', '--max-minutes', 'soon'],
      /--max-minutes must be a number of minutes above 0 and at most 180/,
    ],
    [['--from', 'grid', '--to', 'eaje', '--max-minutes', '0'], /--max-minutes must be/],
    [['--from', 'grid', '--to', 'eaje', '--max-minutes', '500'], /--max-minutes must be/],
    [
      ['--from', 'grid', '--to', 'eaje', '--max-minutes', '30', '--mode', 'bike'],
      /--mode must be car or walk/,
    ],
    [
      ['--from', 'grid', '--to', 'eaje', '--max-minutes', '30', '--year', '24'],
      /--year must be a year/,
    ],
    [
      ['--from', 'grid', '--to', 'eaje', '--max-minutes', '30', '--speed', '9'],
      /Unknown option '--speed'/,
    ],
    [
      ['--from', 'grid', '--to', 'eaje', '--max-minutes', '30', 'extra'],
      /Unexpected argument 'extra'/,
    ],
  ];
  it.each(bad)('refuses %j with a message naming the option', (argv, message) => {
    expect(() => parseTravelMatrixArgs(argv)).toThrow(TravelMatrixUsageError);
    expect(() => parseTravelMatrixArgs(argv)).toThrow(message);
  });

  it('the npm command exits with code 2 and the usage on a bad option, before opening any database', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli.ts',
        'travel-matrix',
        '--from',
        'towns',
        '--to',
        'eaje',
        '--max-minutes',
        '30',
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from must be communes or grid/);
    expect(result.stderr).toMatch(
      /travel-matrix --from communes\|grid --to eaje\|mam\|all --max-minutes N/,
    );
  });
});
