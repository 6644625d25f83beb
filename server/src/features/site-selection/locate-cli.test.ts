/**
 * `locate` on the small CSV fixtures of test/: a valley of six demand cells, four candidate
 * premises (places in `places`), one existing MAM, travel times in minutes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateMain } from './cli';

const FIXTURES = path.join(import.meta.dirname, 'test');
const fixture = (name: string) => path.join(FIXTURES, name);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'locate-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await locateMain(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const base = (out: string, extra: string[] = []) => [
  '--demand',
  fixture('demand.csv'),
  '--candidates',
  fixture('candidates.csv'),
  '--cost',
  fixture('cost.csv'),
  '--out',
  path.join(dir, out),
  ...extra,
];

const read = (name: string) => fs.readFile(path.join(dir, name), 'utf8');

describe('locate writes sites, assignments and a summary', () => {
  it('mclp with the existing MAM fixed: one new site, within 10 minutes', async () => {
    const { code, stderr } = await run(
      base('mclp.csv', [
        '--fixed',
        fixture('fixed.csv'),
        '--model',
        'mclp',
        '--p',
        '1',
        '--max-cost',
        '10',
      ]),
    );
    expect(code).toBe(0);
    expect(await read('mclp.csv')).toBe(
      'site,kind,capacity,served,demand_points\n' +
        'mam-les-lutins,fixed,,20.5,2\n' +
        'ancienne-ecole,new,,24.5,3\n',
    );
    expect(await read('mclp.assignments.csv')).toBe(
      'demand,site,cost,weight,covered\n' +
        'c01,mam-les-lutins,5.6,12.5,true\n' +
        'c02,mam-les-lutins,4.4,8,true\n' +
        'c03,mam-les-lutins,10.7,20,false\n' +
        'c04,ancienne-ecole,10,3.5,true\n' +
        'c05,ancienne-ecole,4.7,15,true\n' +
        'c06,ancienne-ecole,9,6,true\n',
    );
    const summary = Object.fromEntries(
      (await read('mclp.summary.csv'))
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/,(.*)/s).slice(0, 2)),
    );
    expect(summary).toMatchObject({
      model: 'mclp',
      method: 'exact',
      optimal: 'true',
      objective: '45',
      bound: '45',
      gap: '0',
      covered_share: '0.692308',
      covered_by_fixed: '20.5',
    });
    expect(stderr).toMatch(
      /^locate: mclp, 1 new site\(s\) \(exact, optimal\): objective 45, 69\.2 % of the demand covered/,
    );
  });

  it('with --capacity a site serves at most its places, and a cell may be split', async () => {
    const { code } = await run(
      base('cap.csv', [
        '--fixed',
        fixture('fixed.csv'),
        '--capacity',
        'places',
        '--model',
        'mclp',
        '--p',
        '1',
        '--max-cost',
        '10',
      ]),
    );
    expect(code).toBe(0);
    expect(await read('cap.csv')).toBe(
      'site,kind,capacity,served,demand_points\n' +
        'mam-les-lutins,fixed,16,16,2\n' +
        'local-gare,new,16,16,1\n',
    );
    const rows = (await read('cap.assignments.csv')).trim().split('\n').slice(1);
    const c01 = rows.filter((r) => r.startsWith('c01,'));
    expect(c01).toEqual(['c01,mam-les-lutins,5.6,8,true', 'c01,,,4.5,false']);
  });

  it('pmedian with an unserved cost: 478.7 child-minutes, the old school serving the east', async () => {
    const { code } = await run(
      base('pm.csv', [
        '--fixed',
        fixture('fixed.csv'),
        '--model',
        'pmedian',
        '--p',
        '1',
        '--unserved-cost',
        '15',
      ]),
    );
    expect(code).toBe(0);
    expect(await read('pm.csv')).toBe(
      'site,kind,capacity,served,demand_points\n' +
        'mam-les-lutins,fixed,,40.5,3\n' +
        'ancienne-ecole,new,,24.5,3\n',
    );
    expect(await read('pm.summary.csv')).toContain('objective,478.7\n');
  });

  it('reads French files: semicolons, decimal commas, a BOM, Latin-1 accents', async () => {
    const demand = 'id;value\nc01;12,5\nc02;8\nc03;20\nc04;3,5\nc05;15\nc06;6\n';
    const candidates =
      'id;places\nlocal-gare;16\nlocal-mairie;12\nancienne-école;16\nzone-activites;12\n';
    const cost = (await fs.readFile(fixture('cost.csv'), 'utf8'))
      .replaceAll(',', ';')
      .replace(/(\d)\.(\d)/g, '$1,$2')
      .replaceAll('ancienne-ecole', 'ancienne-école');
    await fs.writeFile(path.join(dir, 'd.csv'), '\ufeff' + demand);
    await fs.writeFile(path.join(dir, 'c.csv'), Buffer.from(candidates, 'latin1'));
    await fs.writeFile(path.join(dir, 'm.csv'), Buffer.from(cost, 'latin1'));
    const { code } = await run([
      '--fixed',
      fixture('fixed.csv'),
      '--demand',
      path.join(dir, 'd.csv'),
      '--candidates',
      path.join(dir, 'c.csv'),
      '--cost',
      path.join(dir, 'm.csv'),
      '--model',
      'mclp',
      '--p',
      '1',
      '--max-cost',
      '10',
      '--out',
      path.join(dir, 'fr.csv'),
    ]);
    expect(code).toBe(0);
    expect(await read('fr.csv')).toBe(
      'site,kind,capacity,served,demand_points\nmam-les-lutins,fixed,,20.5,2\nancienne-école,new,,24.5,3\n',
    );
  });
});

describe('bad files: one line naming file, row and column, exit 1, nothing written', () => {
  const cases: [string, string, string, string][] = [
    [
      'cost',
      'an unknown demand id',
      'origin,destination,minutes\nc01,local-gare,3\nc99,local-gare,4\n',
      'cost.csv, row 3, column "origin": unknown demand id (not in demand.csv) (got "c99")',
    ],
    [
      'cost',
      'an unknown site id',
      'origin,destination,minutes\nc01,local-gar,3\n',
      'cost.csv, row 2, column "destination": unknown site id (neither a candidate nor a fixed site) (got "local-gar")',
    ],
    [
      'cost',
      'a negative cost',
      'origin,destination,minutes\nc01,local-gare,-3\n',
      'cost.csv, row 2, column "minutes": cost must be ≥ 0 (got "-3")',
    ],
    [
      'cost',
      'a pair given twice',
      'origin,destination,minutes\nc01,local-gare,3\nc01,local-gare,4\n',
      'cost.csv, row 3, column "destination": the pair c01 → local-gare is already on row 2',
    ],
    [
      'cost',
      'a missing column',
      'origin,site,minutes\nc01,local-gare,3\n',
      'cost.csv: no column "destination" among "origin", "site", "minutes"',
    ],
    [
      'demand',
      'a duplicate id',
      'id,value\nc01,3\nc02,4\nc01,5\n',
      'demand.csv, row 4, column "id": id "c01" already on row 2',
    ],
    [
      'demand',
      'a value that is not a number',
      'id,value\nc01,3\nc02,beaucoup\n',
      'demand.csv, row 3, column "value": value is not a number (got "beaucoup")',
    ],
    [
      'demand',
      'an empty value',
      'id,value\nc01,3\nc02,\n',
      'demand.csv, row 3, column "value": missing value',
    ],
    [
      'demand',
      'an empty id',
      'id,value\nc01,3\n,4\n',
      'demand.csv, row 3, column "id": missing id',
    ],
    ['demand', 'a header and no rows', 'id,value\n', 'demand.csv: no data rows'],
    [
      'candidates',
      'a duplicate id',
      'id\nlocal-gare\nlocal-mairie\nlocal-gare\n',
      'candidates.csv, row 4, column "id": id "local-gare" already on row 2',
    ],
    [
      'demand',
      'a row with too many fields',
      'id,value\nc01,3\nc02,4\nc03,5,6\nc04,1\n',
      'demand.csv, row 4: 3 fields where the header has 2 (separator inside a value, or a different separator?)',
    ],
  ];
  it.each(cases)('%s file with %s', async (which, _, content, message) => {
    const file = path.join(dir, `${which}.csv`);
    await fs.writeFile(file, content);
    const args = base('bad.csv', ['--model', 'mclp', '--p', '1', '--max-cost', '10']);
    args[args.indexOf(fixture(`${which}.csv`))] = file;
    const { code, stderr } = await run(args);
    expect([code, stderr]).toEqual([1, `locate: ${message}\n`]);
    await expect(fs.access(path.join(dir, 'bad.csv'))).rejects.toThrow();
  });

  it.each([
    ['-4', 'capacity must be ≥ 0 (got "-4")'],
    ['douze', 'capacity is not a number (got "douze")'],
    ['', 'missing capacity'],
  ])('a capacity of "%s" in the candidates file', async (places, message) => {
    const file = path.join(dir, 'candidates.csv');
    await fs.writeFile(file, `id;places\nlocal-gare;16\nlocal-mairie;${places}\n`);
    const args = base('bad.csv', ['--capacity', 'places', '--model', 'mclp', '--p', '1']);
    args[args.indexOf(fixture('candidates.csv'))] = file;
    const { code, stderr } = await run([...args, '--max-cost', '10']);
    expect([code, stderr]).toEqual([
      1,
      `locate: candidates.csv, row 3, column "places": ${message}\n`,
    ]);
    await expect(fs.access(path.join(dir, 'bad.csv'))).rejects.toThrow();
  });

  it('a file that does not exist', async () => {
    const missing = path.join(dir, 'absent.csv');
    const args = base('bad.csv', ['--model', 'mclp', '--p', '1', '--max-cost', '10']);
    args[args.indexOf(fixture('demand.csv'))] = missing;
    const { code, stderr } = await run(args);
    expect([code, stderr]).toEqual([
      1,
      `locate: ${missing}: no such file (or it cannot be read)\n`,
    ]);
  });

  it('a capacity column that is not there', async () => {
    const { code, stderr } = await run(
      base('bad.csv', [
        '--capacity',
        'places_max',
        '--model',
        'mclp',
        '--p',
        '1',
        '--max-cost',
        '10',
      ]),
    );
    expect([code, stderr]).toEqual([
      1,
      'locate: candidates.csv: no column "places_max" among "id", "places"\n',
    ]);
  });

  it('lscp with a cell out of reach names it', async () => {
    const { code, stderr } = await run(
      base('bad.csv', ['--fixed', fixture('fixed.csv'), '--model', 'lscp', '--max-cost', '4']),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'locate: no site is within 4 of demand point(s) c02, c04, c05, c06: the set covering has no solution\n',
    );
    await expect(fs.access(path.join(dir, 'bad.csv'))).rejects.toThrow();
  });
});

describe('usage errors give exit 2 and the usage', () => {
  it.each([
    [['--model', 'mclp', '--p', '1'], 'locate: --max-cost is required for mclp'],
    [
      ['--model', 'center', '--p', '1'],
      'locate: --model must be mclp, pmedian or lscp (got "center")',
    ],
    [['--model', 'pmedian'], 'locate: --p is required for pmedian'],
    [
      ['--model', 'lscp', '--max-cost', '10', '--unserved-cost', '5'],
      'locate: --unserved-cost applies to pmedian only',
    ],
  ])('%j', async (extra, message) => {
    const { code, stderr } = await run(base('u.csv', extra));
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(message);
    expect(stderr).toContain('Usage: npm run berceau --');
  });
});
