import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCommand } from './cli';

/**
 * The `access` command on small CSV files: test/worked-example is the example of
 * docs/accessibility.md, test/french the same numbers as French files come, test/bad one broken
 * file per case (the other two files of the triple are the worked example's).
 */
const ROOT = path.resolve(import.meta.dirname, '../../../..');
// Relative, as a user types them: the messages name the files as given.
const HERE = path.relative(process.cwd(), path.join(import.meta.dirname, 'test'));
const example = (name: string) => path.join(HERE, 'worked-example', name);
const bad = (name: string) => path.join(HERE, 'bad', name);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-access-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await accessCommand(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const files = (
  demand = example('demand.csv'),
  supply = example('supply.csv'),
  cost = example('costs.csv'),
) => ['--demand', demand, '--supply', supply, '--cost', cost];

function parseOut(csv: string): Record<string, number> {
  const [header, ...lines] = csv.trim().split('\n');
  expect(header).toBe('id,access');
  return Object.fromEntries(lines.map((l) => [l.split(',')[0], Number(l.split(',')[1])]));
}

describe('access command', () => {
  // The hand-computed values of docs/accessibility.md (and of the engine's fixtures).
  it.each([
    [['--method', '2sfca', '--max-cost', '30'], { A: 0.6, B: 0.6, C: 0.1 }],
    [
      ['--method', 'e2sfca'],
      { A: 0.5989872068230278, B: 0.5591684434968017, C: 0.12142857142857143 },
    ],
    [
      ['--method', '3sfca'],
      { A: 0.6519303403137646, B: 0.36191839315522784, C: 0.1671104631086214 },
    ],
    [
      ['--method', 'gravity', '--weights', 'gravity:scale=1,alpha=-1,min=5'],
      { A: 0.654818188569024, B: 0.34560261392608727, C: 0.17238050446793238 },
    ],
  ])('worked example %j', async (options, expected) => {
    const out = path.join(dir, `worked-${options[1]}.csv`);
    const r = await run([...files(), ...options, '--out', out]);
    expect(r.stderr).toMatch(/Σ demand × access = 40 of 40 places; written to /);
    expect(r.code).toBe(0);
    const got = parseOut(await fs.readFile(out, 'utf8'));
    expect(Object.keys(got)).toEqual(['A', 'B', 'C']);
    for (const [id, v] of Object.entries(expected)) expect(got[id], id).toBeCloseTo(v, 12);
  });

  it('reads French files: ";", decimal commas, Latin-1, a BOM, CRLF; ids keep their accents', async () => {
    const f = (name: string) => path.join(HERE, 'french', name);
    const r = await run([
      ...files(f('enfants.csv'), f('places.csv'), f('temps.csv')),
      '--method',
      'e2sfca',
    ]);
    expect(r.code).toBe(0);
    const got = parseOut(r.stdout);
    expect(got['Aubigny-lès-Clos']).toBeCloseTo(0.5989872068230278, 12);
    expect(got["Val-d'Yèvre"]).toBeCloseTo(0.5591684434968017, 12);
    expect(got['Hameau des Prés']).toBeCloseTo(0.12142857142857143, 12);
  });

  it('takes the travel-matrix output as it is (origin,destination,minutes); a place with no pair gets 0', async () => {
    const cost = path.join(dir, 'matrix.csv');
    await fs.writeFile(cost, 'origin,destination,minutes\nA,X,0.00\nB,X,12.50\n');
    const r = await run([...files(undefined, undefined, cost), '--method', '2sfca']);
    expect(r.code).toBe(0);
    // X: 30 places for 60 children; Y is reached by no one; C reaches nothing.
    expect(parseOut(r.stdout)).toEqual({ A: 0.5, B: 0.5, C: 0 });
    expect(r.stderr).toMatch(/30 of 40 places \(10 at sites no demand reaches\)/);
  });

  const cases: [string, 'demand' | 'supply' | 'costs', RegExp][] = [
    [
      'costs-unknown-origin.csv',
      'costs',
      /row 4, column origin: unknown id "Z" \(not in the demand file .*demand\.csv\)$/,
    ],
    [
      'costs-unknown-destination.csv',
      'costs',
      /row 3, column destination: unknown id "W" \(not in the supply file .*supply\.csv\)$/,
    ],
    ['costs-negative.csv', 'costs', /row 3, column cost: must be ≥ 0 \(got -5\)$/],
    ['costs-not-a-number.csv', 'costs', /row 3, column cost: "douze" is not a number$/],
    [
      'costs-duplicate-pair.csv',
      'costs',
      /row 4: the pair A → X is given twice \(first at row 2\)$/,
    ],
    [
      'costs-missing-column.csv',
      'costs',
      /row 1: missing column "cost" \(the header has: origin, destination, temps\)$/,
    ],
    [
      'costs-decimal-comma-unquoted.csv',
      'costs',
      /row 3: 4 fields where the header has 3 .*must be quoted \("20,5"\), or separate the file by ;$/,
    ],
    [
      'costs-three-problems.csv',
      'costs',
      /row 3, column origin: unknown id "Q" .* \(and 2 more problems in this file\)$/,
    ],
    ['demand-duplicate-id.csv', 'demand', /row 4, column id: duplicate id "A" \(first at row 2\)$/],
    ['demand-not-a-number.csv', 'demand', /row 3, column value: "beaucoup" is not a number$/],
    ['demand-negative.csv', 'demand', /row 3, column value: must be ≥ 0 \(got -20\)$/],
    [
      'demand-missing-column.csv',
      'demand',
      /row 1: missing column "value" \(the header has: id, enfants\)$/,
    ],
    ['demand-empty.csv', 'demand', /demand-empty\.csv: the file is empty$/],
    ['supply-missing-value.csv', 'supply', /row 3, column value: missing value$/],
  ];
  it.each(cases)(
    '%s: one line naming the file, row and column; exit 1; nothing written',
    async (name, role, message) => {
      const out = path.join(dir, `never-${name}`);
      const argv = files(
        role === 'demand' ? bad(name) : undefined,
        role === 'supply' ? bad(name) : undefined,
        role === 'costs' ? bad(name) : undefined,
      );
      const r = await run([...argv, '--method', 'e2sfca', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr.endsWith('\n')).toBe(true);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith(`access: ${bad(name)}`)).toBe(true);
      expect(lines[0]).toMatch(message);
      await expect(fs.access(out)).rejects.toThrow();
      expect(r.stdout).toBe('');
    },
  );

  it('a bad file leaves an earlier output file as it was', async () => {
    const out = path.join(dir, 'kept.csv');
    await fs.writeFile(out, 'id,access\nA,1\n');
    const r = await run([
      ...files(undefined, undefined, bad('costs-negative.csv')),
      '--method',
      '2sfca',
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(await fs.readFile(out, 'utf8')).toBe('id,access\nA,1\n');
    expect(await fs.readdir(dir)).not.toContain(expect.stringMatching(/partial/));
  });

  it.each([
    [['--method', '4sfca'], /--method must be 2sfca, e2sfca, 3sfca, gravity \(got "4sfca"\)/],
    [
      ['--method', 'e2sfca', '--weights', 'steps:10=1,5=0.5'],
      /--weights steps: bounds must increase/,
    ],
    [
      ['--method', 'gravity', '--weights', 'gravity:scale=1,alpha=-1,min=0'],
      /min must be > 0 when alpha < 0/,
    ],
    [
      ['--method', '2sfca', '--weights', 'steps:10=1'],
      /method 2sfca takes uniform weights, not steps/,
    ],
    [
      ['--method', '2sfca', '--max-cost', 'trente'],
      /--max-cost must be a number ≥ 0 \(got "trente"\)/,
    ],
    [['--method', '2sfca', '--speed', '3'], /Unknown option '--speed'/],
  ])('usage error %j: exit 2 with the usage', async (options, message) => {
    const r = await run([...files(), ...options]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/access --demand D\.csv --supply S\.csv --cost C\.csv --method/);
  });

  it('a missing option or file is a usage error', async () => {
    expect((await run(['--demand', 'd.csv', '--method', '2sfca'])).stderr).toMatch(
      /--supply is required/,
    );
    const r = await run([...files(undefined, undefined, 'nowhere.csv'), '--method', '2sfca']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^access: no such file nowhere\.csv/);
  });

  it('the npm command prints one line and no stack trace, exit 1, on a bad file', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'server/src/cli.ts'),
        'access',
        ...files(undefined, undefined, bad('costs-unknown-origin.csv')),
        '--method',
        'e2sfca',
      ],
      { env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } },
    ).then(
      () => ({ code: 0, stderr: '', stdout: '' }),
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `access: ${bad('costs-unknown-origin.csv')} row 4, column origin: unknown id "Z" (not in the demand file ${example('demand.csv')})`,
    ]);
  });
});
