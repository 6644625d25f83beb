/**
 * Import benchmark: generates, in a temp dir, a GeoJSON of one polygon per current commune of
 * the COG (34,969 in 2026, i.e. France's ~35,000; 48-vertex cells of a grid over the
 * métropole that share their edges, as real communes do), a 250,000-row childminder CSV in the
 * canonical schema and a Filosofi 200 m grid CSV (500,000 cells of the loaded communes, 5 % on
 * a commune line), then imports each through the real import service (one transaction,
 * validation, provenance, estimated demand cells, coverage refresh) and prints throughput, wall
 * time and peak memory. The boundaries line includes the estimate of every commune's demand
 * grid (1 km cells, no roads loaded).
 *
 *   npm run bench:import                          # embedded PGlite (in-process)
 *   DATABASE_URL=postgres://… npm run bench:import # a scratch database on that server
 *   npm run bench:import -- --childminders 50000 --grid-cells 100000   # smaller run
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

const { values } = parseArgs({
  options: {
    childminders: { type: 'string', default: '250000' },
    vertices: { type: 'string', default: '48' },
    'grid-cells': { type: 'string', default: '500000' },
  },
});
const CHILDMINDERS = Number(values.childminders);
const VERTICES = Number(values.vertices);
const GRID_CELLS = Number(values['grid-cells']);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

const CELL_DEG = 0.055;
const PER_ROW = 260;

/** South-west corner of the i-th commune's cell: a grid over the métropole, row by row. */
function cell(i: number): [number, number] {
  return [-4.6 + (i % PER_ROW) * CELL_DEG, 42.5 + Math.floor(i / PER_ROW) * CELL_DEG];
}

/**
 * The i-th commune: a square cell whose sides are cut into VERTICES/4 segments. Neighbours
 * share their vertices exactly, so that the communes form a coverage as real ones do (the
 * département and EPCI outlines dissolve their inner edges).
 */
function communeRing(i: number): number[][] {
  const [x0, y0] = cell(i);
  const n = Math.max(1, Math.round(VERTICES / 4));
  const at = (fx: number, fy: number) => [
    +(x0 + fx * CELL_DEG).toFixed(6),
    +(y0 + fy * CELL_DEG).toFixed(6),
  ];
  const ring: number[][] = [];
  for (let k = 0; k < n; k++) ring.push(at(k / n, 0));
  for (let k = 0; k < n; k++) ring.push(at(1, k / n));
  for (let k = 0; k < n; k++) ring.push(at(1 - k / n, 1));
  for (let k = 0; k < n; k++) ring.push(at(0, 1 - k / n));
  ring.push(ring[0]);
  return ring;
}

async function generate(dir: string) {
  const cog = loadCog();
  const codes = [...cog.reference.communes.current.keys()].sort();
  const features = codes.map((code, i) => ({
    type: 'Feature',
    properties: { code, nom: cog.reference.communes.current.get(code) },
    geometry: { type: 'Polygon', coordinates: [communeRing(i)] },
  }));
  const geojson = path.join(dir, 'communes-france.geojson');
  await fs.writeFile(geojson, JSON.stringify({ type: 'FeatureCollection', features }));
  const lines = ['id;code_insee;places_agrement;actif;mam_id;lat;lon'];
  let seed = 42;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < CHILDMINDERS; i++) {
    const c = Math.floor(rnd() * codes.length);
    const [x0, y0] = cell(c);
    const [x, y] = [x0 + CELL_DEG / 2, y0 + CELL_DEG / 2];
    lines.push(
      `AM-${i};${codes[c]};${1 + Math.floor(rnd() * 4)};${rnd() < 0.9 ? 'oui' : 'non'};;${(y + (rnd() - 0.5) * 0.02).toFixed(5).replace('.', ',')};${(x + (rnd() - 0.5) * 0.02).toFixed(5).replace('.', ',')}`,
    );
  }
  const csv = path.join(dir, 'assistants-maternels.csv');
  await fs.writeFile(csv, lines.join('\r\n') + '\r\n');
  // Filosofi 2019 layout; cells on a grid of EPSG:3035 over the métropole (their squares need
  // not meet their communes' synthetic outlines: a line cell is then shared equally).
  const grid = path.join(dir, 'carreaux_200m_met.csv');
  const handle = await fs.open(grid, 'w');
  await handle.write('idcar_200m,i_est_200,lcog_geo,ind,ind_0_3\n');
  let chunk: string[] = [];
  for (let i = 0; i < GRID_CELLS; i++) {
    const e = 3_200_000 + (i % 5000) * 200;
    const n = 2_100_000 + Math.floor(i / 5000) * 200;
    const c = codes[Math.floor(rnd() * codes.length)];
    const lcog = rnd() < 0.05 ? c + codes[Math.floor(rnd() * codes.length)] : c;
    chunk.push(
      `CRS3035RES200mN${n}E${e},${rnd() < 0.3 ? 1 : 0},${lcog},${Math.floor(rnd() * 60)},${(rnd() * 4).toFixed(1)}`,
    );
    if (chunk.length === 50_000) {
      await handle.write(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  await handle.write(chunk.join('\n') + (chunk.length ? '\n' : ''));
  await handle.close();
  return { geojson, csv, grid, communes: codes.length };
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

function line(label: string, o: ImportOutcome, size: number, cpuSeconds: number) {
  const s = o.durationMs / 1000;
  const cells = o.changes.demand_cell;
  const status =
    o.status === 'imported' && o.rejected === 0 ? 'ok' : `${o.status}, ${o.rejected} rejected`;
  console.log(
    `${label.padEnd(20)} ${String(o.imported).padStart(7)} rows  wall ${s.toFixed(1).padStart(5)} s  ${Math.round(
      o.imported / s,
    )
      .toString()
      .padStart(6)} rows/s  ` +
      `cpu ${cpuSeconds.toFixed(1).padStart(5)} s  file ${mb(size).padStart(6)}  peak RSS ${mb(peakRss()).padStart(7)}  heap ${mb(process.memoryUsage().heapUsed).padStart(6)}  ` +
      `${s < 60 ? 'under a minute' : 'OVER A MINUTE'} (${status})` +
      (cells ? `  demand cells written ${cells.added + cells.updated}` : ''),
  );
}

/** Import `file` and print its line; CPU time is this process's (in embedded mode it includes the database's). */
async function measure(
  db: Database,
  label: string,
  kind: 'boundaries' | 'childminders' | 'grid',
  file: string,
) {
  const cpu0 = process.cpuUsage();
  const outcome = await runImport(db, { kind, file });
  const cpu = process.cpuUsage(cpu0);
  line(label, outcome, (await fs.stat(file)).size, (cpu.user + cpu.system) / 1e6);
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-bench-import-'));
try {
  const t0 = performance.now();
  const files = await generate(dir);
  console.log(
    `Generated ${files.communes} commune polygons (${VERTICES} vertices), ${CHILDMINDERS} childminder rows and ${GRID_CELLS} grid cells in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const db = await scratchDatabase();
  console.log(
    `Database: ${db.mode} (${db.displayUrl}); ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} (other work on the machine slows the wall times)`,
  );
  try {
    await measure(db, 'boundaries (France)', 'boundaries', files.geojson);
    await measure(db, 'childminders', 'childminders', files.csv);
    await measure(db, 'grid (Filosofi)', 'grid', files.grid);
  } finally {
    await db.close();
  }
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
