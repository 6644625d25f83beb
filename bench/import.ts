/**
 * Import benchmark: generates, in a temp dir, a GeoJSON of one polygon per current commune of
 * the COG (34,969 in 2026, i.e. France's ~35,000; 48-vertex polygons on a grid over the
 * métropole) and a 250,000-row childminder CSV in the canonical schema, then imports each
 * through the real import service (one transaction, validation, provenance, coverage refresh)
 * and prints throughput, wall time and peak memory.
 *
 *   npm run bench:import                          # embedded PGlite (in-process)
 *   DATABASE_URL=postgres://… npm run bench:import # a scratch database on that server
 *   npm run bench:import -- --childminders 50000   # smaller run
 *
 * Target (issue "import a territory"): each import under a minute.
 * Memory: peak RSS of this process. In embedded mode the database runs in the same process,
 * so its memory is included; in server mode PostgreSQL's is not.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { openDatabase, type Database } from '../server/src/db/database';
import { loadCog } from '../server/src/features/imports/cog';
import { runImport, type ImportOutcome } from '../server/src/features/imports/service';

const { values } = parseArgs({ options: { childminders: { type: 'string', default: '250000' }, vertices: { type: 'string', default: '48' } } });
const CHILDMINDERS = Number(values.childminders);
const VERTICES = Number(values.vertices);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Grid cell of the i-th commune: 0.045° squares over the métropole, row by row. */
function cell(i: number): [number, number] {
  const perRow = 260;
  return [-4.6 + (i % perRow) * 0.055, 42.5 + Math.floor(i / perRow) * 0.055];
}

async function generate(dir: string) {
  const cog = loadCog();
  const codes = [...cog.reference.communes.current.keys()].sort();
  const features = codes.map((code, i) => {
    const [x, y] = cell(i);
    const ring: number[][] = [];
    for (let k = 0; k < VERTICES; k++) {
      const a = (2 * Math.PI * k) / VERTICES;
      ring.push([+(x + 0.02 * Math.cos(a)).toFixed(6), +(y + 0.02 * Math.sin(a)).toFixed(6)]);
    }
    ring.push(ring[0]);
    return { type: 'Feature', properties: { code, nom: cog.reference.communes.current.get(code) }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  const geojson = path.join(dir, 'communes-france.geojson');
  await fs.writeFile(geojson, JSON.stringify({ type: 'FeatureCollection', features }));
  const lines = ['id;code_insee;places_agrement;actif;mam_id;lat;lon'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < CHILDMINDERS; i++) {
    const c = Math.floor(rnd() * codes.length);
    const [x, y] = cell(c);
    lines.push(`AM-${i};${codes[c]};${1 + Math.floor(rnd() * 4)};${rnd() < 0.9 ? 'oui' : 'non'};;${(y + (rnd() - 0.5) * 0.02).toFixed(5).replace('.', ',')};${(x + (rnd() - 0.5) * 0.02).toFixed(5).replace('.', ',')}`);
  }
  const csv = path.join(dir, 'assistants-maternels.csv');
  await fs.writeFile(csv, lines.join('\r\n') + '\r\n');
  return { geojson, csv, communes: codes.length };
}

async function scratchDatabase(): Promise<Database> {
  if (!process.env.DATABASE_URL) return openDatabase({ databaseUrl: null });
  const adminUrl = process.env.DATABASE_URL;
  const name = `berceau_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  await admin.raw('CREATE DATABASE ??', [name]);
  await admin.destroy();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...db,
    async close() {
      await db.close();
      const again = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
      await again.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await again.destroy();
    },
  };
}

function line(label: string, o: ImportOutcome, size: number) {
  const s = o.durationMs / 1000;
  const status = o.status === 'imported' && o.rejected === 0 ? 'ok' : `${o.status}, ${o.rejected} rejected`;
  console.log(
    `${label.padEnd(22)} ${String(o.imported).padStart(8)} rows  ${s.toFixed(1).padStart(6)} s  ${Math.round(o.imported / s).toString().padStart(7)} rows/s  ` +
      `file ${mb(size).padStart(7)}  peak RSS ${mb(peakRss()).padStart(8)}  heap ${mb(process.memoryUsage().heapUsed).padStart(7)}  ${s < 60 ? 'under a minute' : 'OVER A MINUTE'} (${status})`,
  );
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-bench-import-'));
try {
  const t0 = performance.now();
  const files = await generate(dir);
  console.log(`Generated ${files.communes} commune polygons (${VERTICES} vertices) and ${CHILDMINDERS} childminder rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const db = await scratchDatabase();
  console.log(`Database: ${db.mode} (${db.displayUrl}); ${os.cpus().length} cores`);
  try {
    const boundaries = await runImport(db, { kind: 'boundaries', file: files.geojson });
    line('boundaries (France)', boundaries, (await fs.stat(files.geojson)).size);
    const childminders = await runImport(db, { kind: 'childminders', file: files.csv });
    line('childminders', childminders, (await fs.stat(files.csv)).size);
  } finally {
    await db.close();
  }
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
