import { VectorTile } from '@mapbox/vector-tile';
import { parse } from 'csv-parse/sync';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseMode } from '../test/database';
import { startDemoServer, type DemoServer } from '../test/demo-server';
import { tileContaining } from './domain/tiles/tile-id';

/**
 * Statistical secrecy, checked as a visitor would meet it: every public answer of the demo that
 * carries childminder figures (territory lists at every level and year, GeoJSON and CSV, every
 * territory's detail and history, vector tiles of the coverage and childminder layers at a few
 * zooms) is crawled, and each figure is checked against the true counts, read here from the
 * childminder rows in plain SQL (not with the code under test).
 */

const THRESHOLD = 3;
const isSmall = (n: number) => n >= 1 && n < THRESHOLD;
const LEVELS = ['commune', 'epci', 'departement'] as const;

/** True active-childminder counts per territory and year: all, and those not in a MAM. */
const TRUE_COUNTS = `
  SELECT lv.level, lv.code, y.year,
         count(a.id)::int AS all_am,
         (count(a.id) FILTER (WHERE a.mam_id IS NULL))::int AS at_home
  FROM (SELECT DISTINCT year FROM population) y
  CROSS JOIN commune c
  CROSS JOIN LATERAL (VALUES ('commune', c.code), ('epci', c.epci_code),
                             ('departement', c.departement_code)) AS lv(level, code)
  LEFT JOIN childminder a ON a.commune_code = c.code AND a.active
        AND (a.started_year IS NULL OR a.started_year <= y.year)
        AND (a.ended_year IS NULL OR a.ended_year > y.year)
  WHERE lv.code IS NOT NULL
  GROUP BY lv.level, lv.code, y.year`;

type Counts = { all: number; atHome: number };
type Figures = Record<string, unknown>;

describe(`statistical secrecy of every public answer (${databaseMode})`, () => {
  let demo: DemoServer;
  let truth: Map<string, Counts>;
  let years: number[];

  const counts = (level: string, code: string, year: number): Counts => {
    const c = truth.get(`${level}|${code}|${year}`);
    if (!c) throw new Error(`no true count for ${level} ${code} ${year}`);
    return c;
  };
  const json = async (path: string) => {
    const res = await demo.fetch(path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    demo = await startDemoServer();
    const { rows } = await demo.db.knex.raw(TRUE_COUNTS);
    truth = new Map(
      rows.map(
        (r: { level: string; code: string; year: number; all_am: number; at_home: number }) => [
          `${r.level}|${r.code}|${r.year}`,
          { all: r.all_am, atHome: r.at_home },
        ],
      ),
    );
    years = [...new Set(rows.map((r: { year: number }) => r.year))].sort() as number[];
  }, 120_000);
  afterAll(async () => demo?.close());

  /**
   * Every public answer crawled, and what it showed that it must not: a figure describing fewer
   * than THRESHOLD childminders, or a withheld figure that a public one gives back by subtraction.
   */
  async function crawl(): Promise<string[]> {
    const leaks: string[] = [];
    /** A territory's figures of one year: withheld in full when its true count is small. */
    const checkFigures = (where: string, level: string, code: string, year: number, f: Figures) => {
      const { all, atHome } = counts(level, code, year);
      if (!isSmall(all) && !isSmall(atHome)) return;
      const shown = ['places_am', 'places_mam', 'places_total', 'coverage_rate'].filter(
        (k) => f[k] !== null && f[k] !== undefined && f[k] !== '',
      );
      if (shown.length > 0 || (f.childminders_secret !== true && f.childminders_secret !== 'oui'))
        leaks.push(
          `${where}: ${level} ${code} ${year} (${all} AM, ${atHome} at home) shows ${shown}`,
        );
    };

    for (const year of years) {
      const lists = new Map<string, Figures[]>();
      for (const level of LEVELS) {
        const list = await json(`/api/territories?level=${level}&year=${year}`);
        expect(list.metadata.secrecy_threshold).toBe(THRESHOLD);
        const features: Figures[] = list.features.map((f: { properties: Figures }) => f.properties);
        lists.set(level, features);
        for (const p of features) checkFigures('list', level, p.code as string, year, p);

        const res = await demo.fetch(`/api/territories?level=${level}&year=${year}&format=csv`);
        const rows: Figures[] = parse(await res.text(), {
          columns: true,
          delimiter: ';',
          bom: true,
        });
        expect(rows.length).toBe(features.length);
        for (const r of rows) checkFigures('csv', level, r.code as string, year, r);
      }
      // Secondary secrecy: a public parent minus its public members is 0 or not small.
      const members: [string, string, 'epci_code' | 'departement_code'][] = [
        ['epci', 'commune', 'epci_code'],
        ['departement', 'commune', 'departement_code'],
        ['departement', 'epci', 'departement_code'],
      ];
      for (const [parentLevel, memberLevel, key] of members) {
        for (const parent of lists.get(parentLevel)!) {
          if (parent.childminders_secret) continue;
          const hidden = lists
            .get(memberLevel)!
            .filter((m) => m[key] === parent.code && m.childminders_secret);
          for (const k of ['all', 'atHome'] as const) {
            const sum = hidden.reduce(
              (s, m) => s + counts(memberLevel, m.code as string, year)[k],
              0,
            );
            if (isSmall(sum))
              leaks.push(
                `${parentLevel} ${parent.code} ${year} minus its public ${memberLevel}s gives ${sum} (${k})`,
              );
          }
        }
      }
    }

    // Every territory's detail: its figures, its history, its count of childminders.
    for (const level of LEVELS) {
      const list = await json(`/api/territories?level=${level}`);
      for (const { properties: p } of list.features as { properties: Figures }[]) {
        const d = await json(`/api/territories/${level}/${p.code}`);
        const code = p.code as string;
        checkFigures('detail', level, code, d.territory.year, d.territory);
        for (const h of d.history) checkFigures('history', level, code, h.year, h);
        const n = d.supply_points.childminders;
        if (n !== null && isSmall(n)) leaks.push(`detail ${level} ${code}: ${n} childminders`);
        const truthNow = counts(level, code, d.territory.year);
        if (n !== null && (isSmall(truthNow.all) || isSmall(truthNow.atHome)))
          leaks.push(`detail ${level} ${code}: count ${n} of a withheld figure`);
      }
    }

    // Tiles at three zooms over the whole demo, for the latest year and an earlier one.
    const [lon0, lat0, lon1, lat1] = (await json('/api/territories/departement/Z1')).bbox;
    const coverageLayers = {
      communes: 'commune',
      epci: 'epci',
      departements: 'departement',
      gaps: 'commune',
    };
    for (const z of [7, 9, 11]) {
      const a = tileContaining([lon0, lat1], z);
      const b = tileContaining([lon1, lat0], z);
      for (let x = a.x; x <= b.x; x++) {
        for (let y = a.y; y <= b.y; y++) {
          for (const query of ['', `?year=${years[1]}`]) {
            for (const [layer, level] of Object.entries(coverageLayers)) {
              for (const f of await tileFeatures(
                `/api/tiles/${layer}/${z}/${x}/${y}.mvt${query}`,
              )) {
                if (f.year !== undefined)
                  checkFigures(`tile ${layer} z${z}`, level, f.code as string, f.year as number, f);
              }
            }
            for (const f of await tileFeatures(
              `/api/tiles/childminders/${z}/${x}/${y}.mvt${query}`,
            )) {
              const n = f.childminders as number | undefined;
              if (n !== undefined && isSmall(n))
                leaks.push(`tile childminders z${z} ${f.commune_code}: ${n}`);
              if (query && n !== undefined) {
                const c = counts('commune', f.commune_code as string, years[1]);
                if (isSmall(c.all) || isSmall(c.atHome))
                  leaks.push(
                    `tile childminders z${z} ${f.commune_code} ${years[1]}: ${n} of a withheld commune`,
                  );
              }
            }
          }
        }
      }
    }
    return leaks;
  }

  async function tileFeatures(path: string): Promise<Figures[]> {
    const res = await demo.fetch(path);
    if (res.status === 204) return [];
    expect(res.status, path).toBe(200);
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const layer = Object.values(tile.layers)[0];
    return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
  }

  it('no list, CSV, detail, history or tile shows a count under the threshold, or gives one back', async () => {
    const small = [...truth.values()].filter((c) => isSmall(c.all) || isSmall(c.atHome)).length;
    expect(small, 'the demo has small counts to protect').toBeGreaterThan(50);
    expect(await crawl()).toEqual([]);
  }, 600_000);

  it('the crawl finds the leaks when the stored secrecy flags are erased', async () => {
    // The same crawl over the same answers with secrecy off: it must see what it looks for.
    const erase = async (which: string[]) => {
      const n = await demo.db
        .knex('coverage_figure')
        .whereIn('childminders_secret', which)
        .update({ childminders_secret: null });
      await demo.db.knex('secrecy_setting').update({ revision: demo.db.knex.raw('revision + 1') });
      return n;
    };
    // Without the complementary cells, public EPCI give their small communes back (the demo's
    // one département holds so many small communes that their sum is never small).
    expect(await erase(['complementary'])).toBeGreaterThan(0);
    const subtracted = await crawl();
    expect(subtracted.some((l) => l.startsWith('epci ') && l.includes(' minus '))).toBe(true);
    // Without any, every kind of answer shows small counts.
    await erase(['small']);
    const leaks = await crawl();
    for (const kind of ['list', 'csv', 'detail', 'history', 'tile communes'])
      expect(
        leaks.some((l) => l.startsWith(kind)),
        kind,
      ).toBe(true);
  }, 900_000);
});
