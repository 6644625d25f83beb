import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scenarioAnswer,
  siteCardAnswer,
  siteSelectionAnswer,
  type SiteCardAnswer,
} from '../../../../contract';
import { startDemoServer, type DemoServer } from '../../../test/demo-server';
import { expectContract } from '../../../test/contract';
import { COVERAGE_OPTIONS, applySecrecyThreshold, refreshCoverage } from '../../kernel';

/**
 * POST /api/site-card on the demo territory: a point inside the largest gap zone (no formal place
 * within 15 min), its figures checked against the other endpoints and against the places the
 * project adds, the secrecy of childminder counts, and bad requests naming their field.
 */
describe('site card on the demo', () => {
  let demo: DemoServer;
  let zone: { id: string; lon: number; lat: number };
  let mam: SiteCardAnswer;
  let creche: SiteCardAnswer;

  const post = async (body: unknown, path = '/api/site-card') => {
    const res = await demo.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    demo = await startDemoServer();
    // The gap zones are computed at the first ask.
    expect((await demo.fetch('/api/gap-zones')).status).toBe(200);
    const { rows } = await demo.db.knex.raw(
      `SELECT id, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM gap_zone
       WHERE status = 'active' ORDER BY children DESC, id LIMIT 1`,
    );
    zone = rows[0];
    const a = await post({
      lon: zone.lon,
      lat: zone.lat,
      project: { kind: 'mam', childminders: 6 },
    });
    expect(a.status).toBe(200);
    mam = expectContract(siteCardAnswer, a.body);
    const b = await post({ lon: zone.lon, lat: zone.lat, project: { kind: 'micro_creche' } });
    expect(b.status).toBe(200);
    creche = expectContract(siteCardAnswer, b.body);
  }, 180_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('answers for the latest year, labelled fictional, with growing bands of 5 to 20 minutes', () => {
    expect(mam.year).toBe(2024);
    expect(mam.metadata.fictional).toBe(true);
    expect(mam.metadata.datasets.every((d) => d.fictional)).toBe(true);
    expect(mam.bands.map((b) => b.minutes)).toEqual([5, 10, 15, 20]);
    for (let k = 1; k < 4; k++) {
      expect(mam.bands[k].children).toBeGreaterThanOrEqual(mam.bands[k - 1].children);
    }
    expect(mam.bands[3].children).toBeGreaterThan(0);
    expect(mam.point.off_network).toBeNull();
  });

  it('gives the births of the communes around the point, their trend, source and vintage, labelled fictional', async () => {
    const births = mam.births!;
    expect(births).not.toBeNull();
    expect(births.minutes).toBe(20);
    expect(births.communes).toBeGreaterThan(0);
    expect(births.years.length).toBeGreaterThanOrEqual(2);
    expect(births.fictional).toBe(true);
    // The demo's births dataset, with its vintage, is among the card's sources.
    const sources = mam.metadata.datasets.filter((d) => births.sources.includes(d.id));
    expect(sources.map((d) => [d.kind, d.vintage])).toEqual([['births', '2016-2024']]);
    expect(births.years.map((y) => y.year)).toEqual(
      [...births.years.map((y) => y.year)].sort((a, b) => a - b),
    );
    // Each year: at least the births of the point's commune, at most those of the whole demo.
    const { rows } = await demo.db.knex.raw(
      `SELECT year, sum(births)::float8 AS all_births,
              sum(births) FILTER (WHERE commune_code = ?)::float8 AS here
       FROM births GROUP BY year`,
      [mam.point.commune.code],
    );
    const byYear = new Map(
      rows.map((r: { year: number; all_births: number; here: number }) => [Number(r.year), r]),
    );
    for (const y of births.years) {
      const r = byYear.get(y.year) as { all_births: number; here: number | null };
      expect(y.births).toBeLessThanOrEqual(r.all_births);
      expect(y.births).toBeGreaterThanOrEqual(r.here ?? 0);
    }
    const first = births.years[0];
    const last = births.years[births.years.length - 1];
    const pct = Math.round((100 * (last.births - first.births)) / first.births);
    expect(births.change_pct).toBe(pct);
    expect(births.since).toBe(first.year);
    const word = Math.abs(pct) < 2 ? 'stables' : pct < 0 ? 'en baisse' : 'en hausse';
    expect(births.statement).toContain(word);
    expect(births.statement).toContain(`depuis ${first.year}`);
  });

  it('reaches the gap zone it stands in, whose children have no formal place within 15 minutes', () => {
    expect(mam.gap_zones?.minutes).toBe(15);
    const reached = mam.gap_zones!.zones.find((z) => z.id === zone.id);
    expect(reached).toBeDefined();
    expect(reached!.children_reached).toBeGreaterThan(0);
    expect(reached!.children_reached).toBeLessThanOrEqual(reached!.children + 0.1);
    // No formal place within 15 min today: the project brings one to at least these children.
    const newly15 = mam.project.newly_within.find((n) => n.minutes === 15)!.children;
    expect(newly15).toBeGreaterThanOrEqual(reached!.children_reached - 0.1);
    expect(creche.project.newly_within).toEqual(mam.project.newly_within);
  });

  it('gives the accessibility of the point as the accessibility layer gives its cell', async () => {
    const res = await demo.fetch(`/api/accessibility/cells?year=2024`);
    const cells = (await res.json()).features as {
      properties: { cell_id: string; accessibility_rate: number };
    }[];
    const cell = cells.find((c) => c.properties.cell_id === mam.accessibility.cell_id);
    expect(cell).toBeDefined();
    expect(mam.accessibility.rate_at_point).toBe(cell!.properties.accessibility_rate);
    expect(mam.accessibility.reference).toEqual({ rate: expect.any(Number), year: 2023 });
    expect(mam.accessibility.gap).toBeCloseTo(
      mam.accessibility.rate_at_point! - mam.accessibility.reference!.rate,
      0,
    );
  });

  it('shares out exactly the places the project adds over the communes it reaches', () => {
    // A MAM of 6: 4 at once × 4 children, counted with the under-3 share; a micro-crèche: 12.
    expect(mam.project.places_at_once).toBe(16);
    expect(mam.project.places_counted).toBeCloseTo(16 * COVERAGE_OPTIONS.amUnder3Share, 2);
    expect(creche.project.places_at_once).toBe(12);
    for (const card of [mam, creche]) {
      const added = card.project.communes.reduce(
        (sum, c) => sum + ((c.after - c.before) * c.children) / 100,
        0,
      );
      // Rounded to 0.1 per commune: a few hundredths of a place per commune at most.
      expect(added).toBeCloseTo(card.project.places_counted, 0);
      expect(card.project.communes.every((c) => c.after >= c.before)).toBe(true);
    }
    expect(creche.project.places_possibly_drawn).toBe(0);
    // Every childminder of the MAM may come from a home nearby: at most all its places move.
    expect(mam.project.places_possibly_drawn).toBeCloseTo(
      Math.min(
        Math.min(6, mam.project.childminders_nearby) * 4 * COVERAGE_OPTIONS.amUnder3Share,
        mam.project.places_counted,
      ),
      1,
    );
  });

  it('names the field of a bad request', async () => {
    const seven = await post({
      lon: zone.lon,
      lat: zone.lat,
      project: { kind: 'mam', childminders: 7 },
    });
    expect(seven.status).toBe(400);
    expect(seven.body.error.details).toEqual([
      { field: 'body.project.childminders', message: 'must be from 1 to 6 childminders' },
    ]);
    const thirteen = await post({
      lon: zone.lon,
      lat: zone.lat,
      project: { kind: 'micro_creche', places: 13 },
    });
    expect(thirteen.status).toBe(400);
    expect(thirteen.body.error.details[0].field).toBe('body.project.places');
    const far = await post({ lon: 0, lat: 0 });
    expect(far.status).toBe(400);
    expect(far.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.lon',
      'body.lat',
    ]);
  });

  it('chooses 2 new sites at 15 minutes on the grid, covering more children than the existing places alone', async () => {
    const res = await post({ model: 'mclp', p: 2, minutes: 15 }, '/api/site-selection');
    expect(res.status).toBe(200);
    const answer = expectContract(siteSelectionAnswer, res.body);
    expect(answer.sites).toHaveLength(2);
    expect(answer.candidates.kind).toBe('grid');
    expect(answer.candidates.count).toBeGreaterThan(50);
    expect(answer.candidates.count).toBeLessThanOrEqual(600);
    expect(answer.fixed_sites).toBeGreaterThan(0);
    expect(answer.objective).toBeCloseTo(answer.covered_children, 0);
    expect(answer.covered_children).toBeGreaterThan(answer.covered_by_fixed!);
    expect(answer.objective).toBeLessThanOrEqual(answer.bound + 0.01);
    if (answer.method === 'exact' && answer.optimal) expect(answer.gap).toBeLessThan(1e-4);
    expect(answer.metadata.fictional).toBe(true);
  }, 120_000);

  it('gains, with the site card point as the one candidate, the children the card says it newly serves', async () => {
    const res = await post(
      { model: 'mclp', p: 1, minutes: 15, candidates: [{ lon: zone.lon, lat: zone.lat }] },
      '/api/site-selection',
    );
    expect(res.status).toBe(200);
    const gain = res.body.covered_children - res.body.covered_by_fixed;
    const newly15 = mam.project.newly_within.find((n) => n.minutes === 15)!.children;
    expect(gain).toBeCloseTo(newly15, 0);
    const tooMany = await post(
      { model: 'mclp', p: 2, minutes: 15, candidates: [{ lon: zone.lon, lat: zone.lat }] },
      '/api/site-selection',
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].field).toBe('body.p');
  }, 120_000);

  it('leaves out of the public counts the childminders of communes under statistical secrecy', async () => {
    expect(mam.childminders.exact).toBe(false);
    expect(mam.bands[3].childminders_at_home).toBeGreaterThan(0);
    // A threshold above every commune's count withholds them all.
    await applySecrecyThreshold(demo.db.knex, 30_000);
    const secret = await post({ lon: zone.lon, lat: zone.lat });
    expect(secret.status).toBe(200);
    const { rows } = await demo.db.knex.raw(
      `SELECT count(*)::int AS n FROM coverage_figure
       WHERE level = 'commune' AND year = 2024 AND childminders_at_home > 0`,
    );
    expect(secret.body.childminders.withheld_communes).toBe(rows[0].n);
    expect(
      secret.body.bands.map((b: { childminders_at_home: number }) => b.childminders_at_home),
    ).toEqual([0, 0, 0, 0]);
    expect(secret.body.bands.map((b: { places: { am: number } }) => b.places.am)).toEqual([
      0, 0, 0, 0,
    ]);
    expect(secret.body.project.childminders_nearby).toBe(0);
  });
  it('closing the most isolated place: the cells losing it add up to the children losing, by commune', async () => {
    const { rows } = await demo.db.knex.raw(
      `WITH f AS (
         SELECT 'eaje-' || id AS id, geom FROM eaje
         WHERE places > 0 AND coalesce(opened_year, 0) <= 2024 AND coalesce(closed_year, 9999) > 2024
         UNION ALL
         SELECT 'mam-' || id, geom FROM mam
         WHERE coalesce(opened_year, 0) <= 2024 AND coalesce(closed_year, 9999) > 2024)
       SELECT a.id FROM f a
       ORDER BY (SELECT min(ST_Distance(CAST(a.geom AS geography), CAST(b.geom AS geography)))
                 FROM f b WHERE b.id <> a.id) DESC
       LIMIT 8`,
    );
    // The most isolated place open in the year that some children have as their only one.
    const refused: string[] = [];
    let res: { status: number; body: { cells?: { change: string }[] } } | null = null;
    for (const { id } of rows) {
      const r = await post(
        { name: 'Fermeture', changes: [{ op: 'close', facility: id }], minutes: 15 },
        '/api/scenario',
      );
      if (r.status === 200 && r.body.cells.some((c: { change: string }) => c.change === 'loss')) {
        res = r;
        break;
      }
      refused.push(`${id}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    expect(res, refused.join('\n')).not.toBeNull();
    const scenario = expectContract(scenarioAnswer, res!.body);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const losing = scenario.cells.filter((c) => c.change === 'loss');
    expect(losing.length).toBeGreaterThan(0);
    expect(scenario.cells.filter((c) => c.change === 'gain')).toEqual([]);
    expect(sum(losing.map((c) => c.children))).toBeCloseTo(scenario.children_losing, 0);
    const communes = scenario.territories.filter((t) => t.level === 'commune');
    expect(sum(communes.map((t) => t.children_losing))).toBeCloseTo(scenario.children_losing, 0);
    const epcis = scenario.territories.filter((t) => t.level === 'epci');
    expect(sum(epcis.map((t) => t.children_losing))).toBeCloseTo(scenario.children_losing, 0);
  });

  it('recomputes one change of each kind as a full recomputation on the changed data gives', async () => {
    type Rate = { level: string; code: string; accessibility_rate: number | null };
    const rates = async () => {
      const out = new Map<string, number | null>();
      for (const level of ['commune', 'epci']) {
        const r = await post({ level }, '/api/accessibility');
        expect(r.status).toBe(200);
        for (const t of r.body.territories as Rate[])
          out.set(`${t.level}|${t.code}`, t.accessibility_rate);
      }
      return out;
    };
    const officialRates = async () => {
      const { rows } = await demo.db.knex.raw(
        `SELECT level, code, coverage_rate FROM coverage_figure WHERE year = 2024`,
      );
      return new Map<string, number | null>(
        rows.map((r: { level: string; code: string; coverage_rate: number | null }) => [
          `${r.level}|${r.code}`,
          r.coverage_rate === null ? null : Number(r.coverage_rate),
        ]),
      );
    };
    const snapshot = async () =>
      JSON.stringify([
        (await demo.db.knex.raw(`SELECT id, places, closed_year FROM eaje ORDER BY id`)).rows,
        (await demo.db.knex.raw(`SELECT id, closed_year FROM mam ORDER BY id`)).rows,
        (await demo.db.knex.raw(`SELECT count(*)::int AS n FROM childminder`)).rows,
        (
          await demo.db.knex.raw(
            `SELECT level, code, year, places_total FROM coverage_figure ORDER BY level, code, year`,
          )
        ).rows,
      ]);
    // A new version of the data for the caches; the roads' stays, as they do not change here, so
    // that the routing graph is not read and built again at each step.
    const bumpVersion = (trx: typeof demo.db.knex) =>
      trx.raw(
        `UPDATE dataset SET imported_at = imported_at + interval '1 second' WHERE kind <> 'roads'`,
      );
    const { rows: eajes } = await demo.db.knex.raw(
      `SELECT id, places, dataset_id FROM eaje WHERE places >= 20 AND closed_year IS NULL
       ORDER BY places DESC, id LIMIT 1`,
    );
    const eaje = eajes[0];
    const kinds = [
      {
        name: 'places changed',
        change: { op: 'set_places', facility: `eaje-${eaje.id}`, places: 4 },
        apply: (trx: typeof demo.db.knex) =>
          trx.raw(`UPDATE eaje SET places = 4 WHERE id = ?`, [eaje.id]),
        revert: (trx: typeof demo.db.knex) =>
          trx.raw(`UPDATE eaje SET places = ? WHERE id = ?`, [eaje.places, eaje.id]),
      },
      {
        // Four childminders of 4 places each: a MAM of 16 places.
        name: 'MAM added',
        change: { op: 'add', kind: 'mam', lon: zone.lon, lat: zone.lat, places: 16 },
        apply: async (trx: typeof demo.db.knex) => {
          const { rows } = await trx.raw(
            `INSERT INTO mam (source_id, name, places, childminder_count, commune_code, geom, dataset_id)
             SELECT 'scenario-mam', 'MAM du scénario', 16, 4, c.code,
                    ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :dataset
             FROM commune c WHERE ST_Covers(c.geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
             LIMIT 1 RETURNING id, commune_code`,
            { lon: zone.lon, lat: zone.lat, dataset: eaje.dataset_id },
          );
          await trx.raw(
            `INSERT INTO childminder (source_id, commune_code, agreement_places, active, mam_id, dataset_id)
             SELECT 'scenario-am-' || k, :commune, 4, true, :mam, :dataset FROM generate_series(1, 4) k`,
            { commune: rows[0].commune_code, mam: rows[0].id, dataset: eaje.dataset_id },
          );
        },
        revert: async (trx: typeof demo.db.knex) => {
          await trx.raw(`DELETE FROM childminder WHERE source_id LIKE 'scenario-am-%'`);
          await trx.raw(`DELETE FROM mam WHERE source_id = 'scenario-mam'`);
        },
      },
    ];
    // The test before withheld every commune's childminders: back to none withheld.
    await demo.db.knex.transaction(async (trx) => {
      await applySecrecyThreshold(trx, 1);
      await bumpVersion(trx);
    });
    const ratesBefore = await rates();
    for (const kind of kinds) {
      const before = await snapshot();
      const res = await post(
        { name: kind.name, changes: [kind.change], minutes: 15 },
        '/api/scenario',
      );
      expect(res.status, kind.name).toBe(200);
      const scenario = expectContract(scenarioAnswer, res.body);
      expect(scenario.territories.length, kind.name).toBeGreaterThan(0);
      // The real data are unchanged.
      expect(await snapshot(), kind.name).toBe(before);

      await demo.db.knex.transaction(async (trx) => {
        await kind.apply(trx);
        await refreshCoverage(trx);
        await applySecrecyThreshold(trx, 1);
        await bumpVersion(trx);
      });
      try {
        const full = await rates();
        const official = await officialRates();
        const listed = new Set(scenario.territories.map((t) => `${t.level}|${t.code}`));
        for (const t of scenario.territories) {
          const key = `${t.level}|${t.code}`;
          expect(t.accessibility_before, `${kind.name} ${key}`).toBe(ratesBefore.get(key));
          expect(
            Math.abs(t.accessibility_after! - full.get(key)!),
            `${kind.name} ${key}: ${t.accessibility_after} vs ${full.get(key)}`,
          ).toBeLessThanOrEqual(0.1 + 1e-9);
          expect(
            Math.abs(t.coverage_after! - official.get(key)!),
            `${kind.name} ${key} coverage`,
          ).toBeLessThanOrEqual(0.1 + 1e-9);
        }
        // Every territory the scenario leaves out keeps its accessibility in the full recomputation.
        for (const [key, rate] of full) {
          if (listed.has(key) || rate === null) continue;
          expect(Math.abs(rate - ratesBefore.get(key)!), `${kind.name} ${key}`).toBeLessThanOrEqual(
            0.1 + 1e-9,
          );
        }
      } finally {
        await demo.db.knex.transaction(async (trx) => {
          await kind.revert(trx);
          await refreshCoverage(trx);
          await applySecrecyThreshold(trx, 1);
          await bumpVersion(trx);
        });
      }
      expect(await snapshot(), kind.name).toBe(before);
    }
  }, 180_000);

  it('evaluates a scenario without changing the data, as a full recomputation on the changed data gives', async () => {
    const { rows: eajes } = await demo.db.knex.raw(
      `SELECT id, commune_code, dataset_id FROM eaje ORDER BY places DESC, id LIMIT 1`,
    );
    const biggest = eajes[0];
    const snapshot = async () =>
      JSON.stringify([
        (await demo.db.knex.raw(`SELECT id, places, closed_year FROM eaje ORDER BY id`)).rows,
        (await demo.db.knex.raw(`SELECT count(*)::int AS n FROM mam`)).rows,
        (
          await demo.db.knex.raw(
            `SELECT code, places_total FROM coverage_figure ORDER BY level, code, year`,
          )
        ).rows,
      ]);
    const before = await snapshot();
    const res = await post(
      {
        name: 'Une micro-crèche, une crèche fermée',
        changes: [
          { op: 'add', kind: 'micro_creche', lon: zone.lon, lat: zone.lat, places: 12 },
          { op: 'close', facility: `eaje-${biggest.id}` },
        ],
        minutes: 15,
      },
      '/api/scenario',
    );
    expect(res.status).toBe(200);
    const scenario = expectContract(scenarioAnswer, res.body);
    // The real data are unchanged.
    expect(await snapshot()).toBe(before);
    // The micro-crèche brings a place within 15 minutes to the children the card counted.
    const newly15 = mam.project.newly_within.find((n) => n.minutes === 15)!.children;
    expect(scenario.children_gaining).toBeCloseTo(newly15, 0);
    expect(scenario.territories.length).toBeGreaterThan(1);
    expect(scenario.metadata.fictional).toBe(true);
    // The difference map's cells add up to the children gaining and losing, and so do the
    // communes of the table (each cell's children counted in its commune).
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const cellsOf = (change: 'gain' | 'loss') => scenario.cells.filter((c) => c.change === change);
    expect(cellsOf('gain').length).toBeGreaterThan(0);
    expect(sum(cellsOf('gain').map((c) => c.children))).toBeCloseTo(scenario.children_gaining, 0);
    expect(sum(cellsOf('loss').map((c) => c.children))).toBeCloseTo(scenario.children_losing, 0);
    const communes = scenario.territories.filter((t) => t.level === 'commune');
    expect(sum(communes.map((t) => t.children_gaining))).toBeCloseTo(scenario.children_gaining, 0);
    expect(sum(communes.map((t) => t.children_losing))).toBeCloseTo(scenario.children_losing, 0);
    const gainBy = new Map<string, number>();
    for (const c of cellsOf('gain'))
      gainBy.set(c.commune_code, (gainBy.get(c.commune_code) ?? 0) + c.children);
    for (const [code, children] of gainBy) {
      const t = communes.find((x) => x.code === code);
      expect(t?.children_gaining, code).toBeCloseTo(children, 0);
    }

    // The same changes made for real, and everything recomputed from the database.
    await demo.db.knex.transaction(async (trx) => {
      await trx.raw(`UPDATE eaje SET closed_year = 2000 WHERE id = ?`, [biggest.id]);
      await trx.raw(
        `INSERT INTO eaje (source_id, name, kind, financing, places, commune_code, geom, dataset_id)
         VALUES ('scenario-test', 'Micro-crèche du scénario', 'micro_creche', 'hors_psu', 12,
                 (SELECT code FROM commune WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) LIMIT 1),
                 ST_SetSRID(ST_MakePoint(?, ?), 4326), ?)`,
        [zone.lon, zone.lat, zone.lon, zone.lat, biggest.dataset_id],
      );
      await refreshCoverage(trx);
      // The roads' version stays (they do not change): the routing graph is not built again.
      await trx.raw(
        `UPDATE dataset SET imported_at = imported_at + interval '1 second' WHERE kind <> 'roads'`,
      );
    });
    const full = await post({ level: 'commune' }, '/api/accessibility');
    const fullEpci = await post({ level: 'epci' }, '/api/accessibility');
    expect(full.status).toBe(200);
    const recomputed = new Map(
      [...full.body.territories, ...fullEpci.body.territories].map(
        (t: { level: string; code: string; accessibility_rate: number; official_rate: number }) => [
          `${t.level}|${t.code}`,
          t,
        ],
      ),
    );
    for (const t of scenario.territories) {
      const r = recomputed.get(`${t.level}|${t.code}`)!;
      expect(r, `${t.level} ${t.code}`).toBeDefined();
      expect(t.accessibility_after, `${t.level} ${t.code}`).toBeCloseTo(r.accessibility_rate, 0);
    }
    const { rows: rates } = await demo.db.knex.raw(
      `SELECT level, code, coverage_rate FROM coverage_figure WHERE year = 2024`,
    );
    const rateOf = new Map(
      rates.map((r: { level: string; code: string; coverage_rate: number }) => [
        `${r.level}|${r.code}`,
        r.coverage_rate,
      ]),
    );
    for (const t of scenario.territories) {
      expect(t.coverage_after, `${t.level} ${t.code}`).toBeCloseTo(
        Number(rateOf.get(`${t.level}|${t.code}`)),
        0,
      );
    }
  }, 180_000);
});
