import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapZoneCollection } from '../../../../contract';
import { createTestDatabase, startTestServer, type TestServer } from '../../../test/database';
import type { Database } from '../../db/database';
import { tileContaining } from '../../domain/tiles/tile-id';
import { loadDemo } from '../demo/service';

/**
 * GET /api/gap-zones on the demo territory: zones drawn from the grid and the routing core,
 * valid polygons, figures checked against plain SQL, the identity of zones when a crèche moves,
 * and the same zones and ids from the same inputs.
 */

const YEAR = 2024;

describe('gap zones on the demo', () => {
  let db: Database;
  let server: TestServer;
  let first: GapZoneCollection;

  const get = async (query = '') => {
    const res = await fetch(`${server.baseUrl}/api/gap-zones${query}`);
    return { status: res.status, body: await res.json() };
  };
  /** Marks the facilities as re-imported: a new data version, as an import would give. */
  const touchFacilities = () =>
    db.knex.raw(
      `UPDATE dataset SET imported_at = imported_at + interval '1 second' WHERE kind = 'eaje'`,
    );
  const activeCells = async () => {
    const { rows } = await db.knex.raw(
      `SELECT id, cells FROM gap_zone WHERE status = 'active' ORDER BY id`,
    );
    return new Map<string, string[]>(
      rows.map((r: { id: string; cells: string[] }) => [r.id, r.cells]),
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    server = await startTestServer(db);
    const answer = await get();
    expect(answer.status).toBe(200);
    first = answer.body;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('draws zones of the 15-minute criterion from the latest year, by children, labelled fictional', () => {
    const { metadata, features } = first;
    expect(metadata).toMatchObject({
      criterion: 'sans_offre',
      minutes: 15,
      year: YEAR,
      adjacency: 4,
      cell_m: 200,
      min_children: 5,
      keep_share: 0.5,
      fictional: true,
    });
    expect(metadata.cells).toBeGreaterThan(10_000);
    // Every populated cell of the demo reaches a formal place within the hour but a handful.
    expect(metadata.cells_unreachable).toBeLessThan(metadata.cells / 1_000);
    expect(features.length).toBeGreaterThan(10);
    const children = features.map((f) => f.properties.children_under3);
    expect(children).toEqual([...children].sort((a, b) => b - a));
    expect(Math.min(...children)).toBeGreaterThanOrEqual(5);
    for (const f of features) {
      expect(f.properties.nearest.length).toBeGreaterThan(0);
      // The nearest place is beyond the 15 minutes: that is what makes the zone.
      expect(f.properties.nearest[0].minutes).toBeGreaterThan(15);
      expect(f.properties.places_missing).toBe(
        Math.ceil(Math.round(f.properties.children_under3 * metadata.reference_rate * 1e4) / 1e6),
      );
    }
  });

  it('stores valid, non-empty MultiPolygons whose area is their cells’', async () => {
    const { rows } = await db.knex.raw(`
      SELECT count(*) AS n, bool_and(ST_IsValid(geom)) AS valid, bool_and(NOT ST_IsEmpty(geom)) AS filled,
             bool_and(GeometryType(geom) = 'MULTIPOLYGON') AS multi,
             max(abs(area_km2 - cardinality(cells) * 0.04) / (cardinality(cells) * 0.04)) AS area_error
      FROM gap_zone`);
    expect(rows[0]).toMatchObject({
      n: first.features.length,
      valid: true,
      filled: true,
      multi: true,
    });
    // 200 m squares of 0.04 km² each (Lambert-93 areas vs geodesic ones: well under 1 %).
    expect(rows[0].area_error).toBeLessThan(0.01);
  });

  it('counts each zone’s children from the grid, as plain SQL sums them', async () => {
    for (const f of first.features.slice(0, 5)) {
      const { rows: cells } = await db.knex.raw(`SELECT cells FROM gap_zone WHERE id = ?`, [f.id]);
      const { rows } = await db.knex.raw(
        `SELECT sum(p.children_under3 * d.share) AS children, array_agg(DISTINCT d.commune_code) AS communes
         FROM demand_cell d JOIN population p ON p.commune_code = d.commune_code AND p.year = ?
         WHERE d.cell_id = ANY (?)`,
        [YEAR, cells[0].cells],
      );
      expect(f.properties.children_under3).toBeCloseTo(rows[0].children, 1);
      expect(f.properties.communes.map((c) => c.code).sort()).toEqual([...rows[0].communes].sort());
    }
  });

  it('keeps only the zones touching a territory with level and code', async () => {
    const epci = first.features[0].properties.epcis[0].code;
    const { status, body } = await get(`?level=epci&code=${epci}`);
    expect(status).toBe(200);
    const expected = first.features.filter((f) => f.properties.epcis.some((e) => e.code === epci));
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(expected.map((f) => f.id));
    expect(expected.length).toBeLessThan(first.features.length);
  });

  it('answers a CSV for French Excel, one row per zone, sources named', async () => {
    const res = await fetch(`${server.baseUrl}/api/gap-zones?format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines).toHaveLength(first.features.length + 1);
    expect(lines[0].split(';').slice(0, 9)).toEqual([
      'id',
      'statut',
      'successeurs',
      'critere',
      'minutes',
      'annee',
      'enfants_moins_3_ans',
      'enfants_estimes',
      'places_manquantes',
    ]);
    const top = first.features[0].properties;
    const cells = lines[1].split(';');
    expect(cells.slice(0, 9)).toEqual([
      top.id,
      'active',
      '',
      'sans_offre',
      '15',
      String(YEAR),
      String(top.children_under3).replace('.', ','),
      'non',
      String(top.places_missing),
    ]);
    expect(lines[1]).toContain('[fictif]');
  });

  it('draws "sous-dotée" zones from the cells whose accessibility is under half the reference', async () => {
    const answer = await get('?criterion=sous_dotee');
    expect(answer.status).toBe(200);
    const zones: GapZoneCollection = answer.body;
    expect(zones.metadata).toMatchObject({ criterion: 'sous_dotee', share: 0.5, year: YEAR });
    const threshold = 0.5 * zones.metadata.reference_rate;
    // Each cell's rate as the accessibility layer serves it (to 0.1, per part of a cell).
    const res = await fetch(`${server.baseUrl}/api/accessibility/cells?year=${YEAR}`);
    expect(res.status).toBe(200);
    const cells: {
      features: { properties: { cell_id: string; accessibility_rate: number; children: number } }[];
    } = await res.json();
    const rate = new Map<string, number>();
    const children = new Map<string, number>();
    for (const { properties: p } of cells.features) {
      rate.set(p.cell_id, p.accessibility_rate);
      children.set(p.cell_id, (children.get(p.cell_id) ?? 0) + p.children);
    }
    // The demo's zones: the set of the fictional side.
    const { rows } = await db.knex.raw(
      `SELECT cells, children FROM gap_zone WHERE set_key = 'sous_dotee:0.5@fictif' AND status = 'active'`,
    );
    expect(rows.length).toBe(zones.features.length);
    expect(rows.length).toBeGreaterThan(0);
    let inZones = 0;
    for (const z of rows as { cells: string[]; children: number }[]) {
      for (const c of z.cells) expect(rate.get(c) ?? 0, c).toBeLessThan(threshold + 0.05);
      expect(z.children).toBeCloseTo(
        z.cells.reduce((sum, c) => sum + (children.get(c) ?? 0), 0),
        1,
      );
      inZones += z.children;
    }
    // Zones hold under-served children only (groups under the minimum are left out).
    let under = 0;
    for (const [c, r] of rate) if (r < threshold + 0.05) under += children.get(c) ?? 0;
    expect(inZones).toBeGreaterThan(0);
    expect(inZones).toBeLessThanOrEqual(under + 1);
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['?minutes=3', 'query.minutes'],
      ['?minutes=abc', 'query.minutes'],
      ['?level=epci', 'query.code'],
      ['?code=200000001', 'query.level'],
      ['?criterion=nope', 'query.criterion'],
      ['?format=xlsx', 'query.format'],
      ['?colour=red', 'query'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await get(query);
      expect([query, status]).toEqual([query, 400]);
      expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const unknown = await get('?level=commune&code=99999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Unknown commune "99999"');
  });

  it('draws the zones as the gapzones tile layer, with their ids and figures', async () => {
    const top = first.features[0];
    const { z, x, y } = tileContaining(top.properties.label_point, 12);
    const res = await fetch(`${server.baseUrl}/api/tiles/gapzones/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
      .gapzones;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const drawn = features.find((f) => f.properties.id === top.id)!;
    expect(drawn.type).toBe(3); // polygon
    expect(drawn.properties).toEqual({
      id: top.id,
      children_under3: Math.round(top.properties.children_under3 * 10) / 10,
      places_missing: top.properties.places_missing,
      nearest_minutes: top.properties.nearest[0].minutes,
      fictional: true,
    });
    // Only zones of the tile: every feature drawn is a zone of the answer.
    const ids = new Set(first.features.map((f) => f.id));
    expect(features.every((f) => ids.has(f.properties.id as string))).toBe(true);
  });

  describe('identity across recomputations', () => {
    it('gives the same zones and ids from the same inputs, even computed from scratch', async () => {
      const before = await activeCells();
      await touchFacilities();
      const again = await get();
      expect(again.body.features).toEqual(first.features);
      expect(await activeCells()).toEqual(before);
      // From scratch: no stored zone to match, the ids come from the cells alone.
      await db.knex.raw('DELETE FROM gap_zone_set');
      const scratch = await get();
      expect(scratch.body.features).toEqual(first.features);
    });

    it('when a crèche moves into a zone, that zone goes and the others keep their ids', async () => {
      const before = await activeCells();
      // The zone farthest from any other (by label points): a crèche there serves it alone.
      const gap = (f: (typeof first.features)[number]) =>
        Math.min(
          ...first.features
            .filter((g) => g.id !== f.id)
            .map((g) =>
              Math.hypot(
                g.properties.label_point[0] - f.properties.label_point[0],
                g.properties.label_point[1] - f.properties.label_point[1],
              ),
            ),
        );
      const target = [...first.features].sort((a, b) => gap(b) - gap(a))[0];
      // A crèche of the commune with the most crèches: its old spot stays served by the others.
      const { rows } = await db.knex.raw(`
        SELECT id FROM eaje WHERE commune_code = (
          SELECT commune_code FROM eaje GROUP BY commune_code ORDER BY count(*) DESC, commune_code LIMIT 1)
        ORDER BY id DESC LIMIT 1`);
      // The zones the tile layer draws around the target, which is among them.
      const drawnIds = async () => {
        const { z, x, y } = tileContaining(target.properties.label_point, 12);
        const res = await fetch(`${server.baseUrl}/api/tiles/gapzones/${z}/${x}/${y}.mvt`);
        if (res.status === 204) return [];
        const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
          .gapzones;
        return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.id);
      };
      expect(await drawnIds()).toContain(target.id);
      const [lon, lat] = target.properties.label_point;
      await db.knex.raw(
        `UPDATE eaje SET geom = ST_SetSRID(ST_MakePoint(?, ?), 4326) WHERE id = ?`,
        [lon, lat, rows[0].id],
      );
      await touchFacilities();
      // The tiles follow the new data by themselves, asked before any other answer.
      expect(await drawnIds()).not.toContain(target.id);
      const after = await get('?status=all');
      const byId = new Map<string, GapZoneCollection['features'][number]>(
        after.body.features.map((f: GapZoneCollection['features'][number]) => [f.id, f]),
      );
      expect(byId.get(target.id)!.properties).toMatchObject({
        status: 'disappeared',
        successors: [],
      });
      const now = await activeCells();
      expect(now.has(target.id)).toBe(false);
      // Every other zone is still there, under its id, with its cells.
      const others = [...before].filter(([id]) => id !== target.id);
      expect([...now]).toEqual(others);
    });
  });
});
