import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { demoWasRemoved } from '../../kernel';
import { loadDemo } from '../demo/service';
import { runImport, type ImportRequest } from '../imports/service';
import { datasetsCommand, parseDatasetsArgs, type DatasetsIo } from './cli';

/** `datasets list` and `datasets remove` on a small demo beside the Cher (real-format fixtures). */

const FIXTURES = path.resolve('server/src/features/imports/test/fixtures');
const CHER: [ImportRequest['kind'], string][] = [
  ['boundaries', 'boundaries-geoapi.geojson'],
  ['population', 'population-insee-2021.csv'],
  ['mams', 'mams.csv'],
  ['childminders', 'childminders.csv'],
];

describe(`datasets list and remove (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 7, communes: 12 });
    for (const [kind, file] of CHER) {
      const o = await runImport(db, { kind, file: path.join(FIXTURES, file) });
      expect(o.status, kind).toBe('imported');
    }
  });
  afterAll(async () => db?.close());

  /** Runs `datasets <argv>`; the terminal answers `answer` when asked. */
  const run = async (argv: string[], { interactive = false, answer = false } = {}) => {
    let out = '';
    let err = '';
    const asked: string[] = [];
    const io: DatasetsIo = {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      interactive,
      ask: async (q) => {
        asked.push(q);
        return answer;
      },
    };
    const code = await datasetsCommand(db, parseDatasetsArgs(argv), io);
    return { code, out, err, asked };
  };
  const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0].n);
  const cherMamPlaces = async () =>
    (
      await db
        .knex('coverage_figure')
        .where({ level: 'commune', code: '18033', year: 2021 })
        .first('places_mam')
    )?.places_mam;

  it('lists every dataset with its kind, source, vintage, fiction, rows and départements', async () => {
    const { code, out } = await run(['list']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('key\tkind\tsource\tvintage\tfictional\trows\tterritories');
    const demoTerritory = lines.find((l) => l.startsWith('demo:territory\t'))!.split('\t');
    expect(demoTerritory[1]).toBe('territory');
    expect(demoTerritory[4]).toBe('yes');
    expect(demoTerritory[5]).toMatch(/commune 12\b/);
    expect(demoTerritory[6]).toBe('Z1');
    const mams = lines.find((l) => l.startsWith('import:mam:'))!.split('\t');
    expect(mams[4]).toBe('no');
    expect(mams[5]).toBe('mam 2');
    expect(mams[6]).toBe('18');
  });

  it('refuses unknown keys, a demo part alone, and bad command lines, with one line each', async () => {
    const unknown = await run(['remove', 'import:nothing', '--yes']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^No dataset with key "import:nothing" \(loaded: demo:territory, /);
    const part = await run(['remove', 'demo:eaje', '--yes']);
    expect(part.code).toBe(2);
    expect(part.err).toContain('remove the demo as a whole with "datasets remove --demo"');
    expect(() => parseDatasetsArgs(['remove'])).toThrow('give a dataset key or --demo');
    expect(() => parseDatasetsArgs(['remove', 'x', '--demo'])).toThrow('one of them');
    expect(() => parseDatasetsArgs(['drop'])).toThrow('Unknown datasets command "drop"');
    expect(() => parseDatasetsArgs(['list', '--yes'])).toThrow('takes no argument');
  });

  it('outside a terminal a removal needs --yes; a dry run or a "no" writes nothing', async () => {
    const datasets = await count('dataset');
    const blind = await run(['remove', '--demo']);
    expect(blind.code).toBe(2);
    expect(blind.err).toContain('add --yes');
    const dry = await run(['remove', '--demo', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Rows removed by table:\n(.|\n)* {2}commune: 12\n/);
    expect(dry.out).toContain('Dry run: nothing removed');
    const no = await run(['remove', '--demo'], { interactive: true, answer: false });
    expect(no.asked).toEqual(['Remove them? [y/N] ']);
    expect(no.out).toContain('Cancelled: nothing removed');
    expect(await count('dataset')).toBe(datasets);
    expect(await demoWasRemoved(db.knex)).toBe(false);
  });

  it('removes one real dataset with its rows and recomputes the figures', async () => {
    expect(await cherMamPlaces()).toBeGreaterThan(0);
    const key = (await db.knex('dataset').where('key', 'like', 'import:mam:%').first('key')).key;
    const { code, out } = await run(['remove', key, '--yes']);
    expect(code).toBe(0);
    expect(out).toContain('  mam: 2\n');
    const [{ n }] = await db.knex('mam').where('commune_code', 'like', '18%').count({ n: '*' });
    expect(Number(n)).toBe(0);
    // Its childminders now work at home: no MAM place left in the recomputed figure.
    expect(await cherMamPlaces()).toBe(0);
  });

  it('removes the demo as a whole, remembers it, and forgets it when the demo is loaded again', async () => {
    const [{ n: demoDatasets }] = await db
      .knex('dataset')
      .where('key', 'like', 'demo:%')
      .count({ n: '*' });
    const { code, out } = await run(['remove', '--demo'], { interactive: true, answer: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^Datasets to remove:\n {2}demo:territory \(territory, fictif\)/);
    expect(out).toContain(`Removed ${Number(demoDatasets)} dataset(s)`);
    expect(await db.knex('dataset').where('key', 'like', 'demo:%')).toEqual([]);
    expect(await db.knex('commune').where('code', 'like', 'Z%')).toEqual([]);
    const [{ n }] = await db.knex('coverage_figure').where('code', 'like', 'Z%').count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect(await demoWasRemoved(db.knex)).toBe(true);
    const again = await run(['remove', '--demo', '--yes']);
    expect(again.code).toBe(2);
    expect(again.err).toBe('The demo is not loaded: nothing to remove\n');
    await loadDemo(db, { seed: 7, communes: 12 });
    expect(await demoWasRemoved(db.knex)).toBe(false);
  });
});
