import type { Knex } from 'knex';

/** What this PostGIS can do, detected once at start-up. */
export interface Capabilities {
  postgresVersion: string;
  /** null when the PostGIS extension is not created (before the first migration). */
  postgisVersion: string | null;
  /** ST_AsMVT available (not in the embedded build, which lacks protobuf-c). */
  mvt: boolean;
  /** pgRouting installed or installable. */
  pgrouting: boolean;
  pgroutingVersion: string | null;
}

export async function detectCapabilities(knex: Knex): Promise<Capabilities> {
  const { rows } = await knex.raw<{ rows: { pg: string; postgis: string | null }[] }>(
    `SELECT current_setting('server_version') AS pg,
            (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
  );
  const mvt = await succeeds(
    knex,
    `SELECT ST_AsMVT(q, 'probe') FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) q`,
  );
  const routing = await knex.raw<{
    rows: { installed: string | null; available: string | null }[];
  }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'pgrouting') AS installed,
            (SELECT default_version FROM pg_available_extensions WHERE name = 'pgrouting') AS available`,
  );
  const r = routing.rows[0];
  return {
    postgresVersion: rows[0].pg,
    postgisVersion: rows[0].postgis,
    mvt,
    pgrouting: Boolean(r.installed ?? r.available),
    pgroutingVersion: r.installed ?? r.available ?? null,
  };
}

async function succeeds(knex: Knex, sql: string): Promise<boolean> {
  try {
    await knex.raw(sql);
    return true;
  } catch {
    return false;
  }
}
