/**
 * The importers on the real public files of ../shared/real-data (Cher communes, Monaco
 * OpenStreetMap extract), as a new user would run them. Those files are not part of the
 * project: when they are absent these tests are skipped, and say so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { runImport } from './service';

const REAL = path.resolve(import.meta.dirname, '../../../../../shared/real-data');
const CHER = path.join(REAL, 'cher-communes-2026.geojson');
const MONACO = path.join(REAL, 'osm/monaco.osm.pbf');
const present = fs.existsSync(CHER) && fs.existsSync(MONACO);
if (!present) console.warn(`real-data imports skipped: ${REAL} (shared real files) is absent`);

describe.skipIf(!present)(
  `imports of the real Cher and Monaco files (${databaseMode}; skipped without ../shared/real-data)`,
  () => {
    let db: Database;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('the Cher: 286 communes, 18 EPCI, 298,660 inhabitants, valid outlines, 305 real coverage figures', async () => {
      const boundaries = await runImport(db, { kind: 'boundaries', file: CHER });
      expect([
        boundaries.status,
        boundaries.imported,
        boundaries.errors,
        boundaries.warnings,
      ]).toEqual(['imported', 286, 0, 0]);
      expect(boundaries.counts).toMatchObject({ communes: 286, departements: 1, epcis: 18 });
      const reference = await runImport(db, {
        kind: 'reference',
        file: null,
        options: { departement: '18' },
      });
      expect(reference.counts).toMatchObject({ communes: 286, epcis: 18, populationTotal: 298660 });
      const { rows } = await db.knex
        .raw(`SELECT (SELECT bool_and(ST_IsValid(geom)) FROM epci) AS epci_valid,
      (SELECT ST_IsValid(geom) FROM departement WHERE code = '18') AS dep_valid,
      (SELECT count(*) FROM coverage_figure WHERE NOT fictional) AS figures`);
      expect(rows[0]).toEqual({ epci_valid: true, dep_valid: true, figures: 305 });
    });

    it('Monaco: road edges from the OpenStreetMap extract', async () => {
      const roads = await runImport(db, { kind: 'roads', file: MONACO });
      expect([roads.status, roads.imported]).toEqual(['imported', 2732]);
      expect(roads.detected.nodes).toBe('180118');
    });
  },
);
