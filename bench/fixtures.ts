/** Databases and tile samples shared by the API and load benchmarks. */
import knexFactory from 'knex';
import { openDatabase, type Database } from '../server/src/db/database';

/** Deterministic sample of tiles at zoom z covering a bounding box (WGS84). */
export function sampleTiles(bbox: number[], z: number, n: number, seed: number) {
  const lonToX = (lon: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const latToY = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  const [x0, x1, y0, y1] = [lonToX(bbox[0]), lonToX(bbox[2]), latToY(bbox[3]), latToY(bbox[1])];
  let state = seed;
  const rnd = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const tiles: { z: number; x: number; y: number }[] = [];
  // Start from the centre tile (always inside the territory), then random ones in the bbox.
  tiles.push({ z, x: Math.floor((x0 + x1) / 2), y: Math.floor((y0 + y1) / 2) });
  while (tiles.length < n)
    tiles.push({
      z,
      x: x0 + Math.floor(rnd() * (x1 - x0 + 1)),
      y: y0 + Math.floor(rnd() * (y1 - y0 + 1)),
    });
  return tiles;
}

/**
 * A fresh database for a benchmark: embedded (in memory, or in `dataDir` for a server process to
 * open), or a database `berceau_<prefix>_<scale>` created on DATABASE_URL's server (`url`) and
 * dropped by `drop`.
 */
export async function openBenchDatabase(
  mode: string,
  scale: string,
  {
    dataDir,
    prefix = 'bench',
    reuse = false,
  }: {
    dataDir?: string;
    prefix?: string;
    /** Server mode: the database a previous run left (killed before its end), as it is. */
    reuse?: boolean;
  } = {},
): Promise<{ db: Database; url: string | null; drop: () => Promise<void> }> {
  if (mode === 'embedded') {
    const db = await openDatabase({
      databaseUrl: null,
      embedded: dataDir ? { dataDir, command: `npm run bench:${prefix}` } : undefined,
    });
    return { db, url: null, drop: () => db.close() };
  }
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('server mode needs DATABASE_URL');
  const name = `berceau_${prefix}_${scale}`;
  const k = knexFactory({ client: 'pg', connection: admin, pool: { min: 0, max: 1 } });
  if (!reuse) {
    await k.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    await k.raw('CREATE DATABASE ??', [name]);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  // As the server opens it: the data version kept until PostgreSQL notifies a change.
  const db = await openDatabase({ databaseUrl: url.toString(), listenForDataChanges: true });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await k.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await k.destroy();
    },
  };
}
