import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Geometry3857 } from '../../domain/tiles/tile-geometry';
import type { TilePropertyValue } from '../../domain/tiles/encode-tile';
import { fetchDataVersions } from '../../db/data-versions';
import { loadQuery, withoutLineComments } from '../../db/sql';
import { fetchYearsByDepartement } from '../../kernel';
import type { LayerDefinition, LayerField } from './catalogue';

/**
 * Named bindings of a layer query (see the contract comment of each `sql/queries/tiles/*.sql`)
 * plus those of the wrappers below: `layer_name`, `extent`, `buffer`.
 */
export type TileBindings = Record<string, string | number | boolean | null>;

/** One feature of a layer query, geometry still in EPSG:3857 metres (embedded mode). */
export interface LayerRow {
  geometry: Geometry3857;
  properties: Record<string, TilePropertyValue>;
}

export interface TileRepository {
  /**
   * A digest of every layer's queries as they run (layer SQL, wrappers, fields): tiles drawn
   * by another rendering are other tiles, even of the same data.
   */
  readonly rendering: string;
  /** The tile encoded by PostGIS (`ST_AsMVTGeom` + `ST_AsMVT`); empty bytes when no feature. */
  encodedTile(layer: LayerDefinition, bindings: TileBindings): Promise<Uint8Array>;
  /** The layer query's rows, for encoding in Node when the database cannot. */
  layerRows(layer: LayerDefinition, bindings: TileBindings): Promise<LayerRow[]>;
  /** Fingerprint of every loaded dataset: changes with any import (sql/queries/data_versions.sql). */
  dataVersion(): Promise<string>;
  /** Years that have coverage figures, ascending. */
  coverageYears(): Promise<number[]>;
  /** Per loaded département, its years with data (the coverage API's `metadata.years`). */
  coverageYearsByDepartement(): Promise<Record<string, number[]>>;
}

/*
 * A layer query may return a NULL or empty geometry for a feature that vanishes at the zoom:
 * ST_AsMVT skips rows whose ST_AsMVTGeom is NULL, and layerRows() drops them. Filtering in SQL
 * instead would make PostgreSQL evaluate the clipping, simplification and ST_AsMVTGeom once
 * per condition and once more for the output (it does not share common expressions: see the
 * Filter lines of EXPLAIN VERBOSE).
 *
 * Both wrappers run the very same layer query as a CTE, select exactly the catalogued fields
 * (the only names that reach SQL text; a field is NULL below its own minzoom, and both
 * encoders leave NULLs out) and order the features by the catalogue's `orderBy`,
 * so the two database modes serve the same features with the same properties in the same
 * order. {{layer}}, {{fields}} and {{order}} are filled once, at start-up. The order is the
 * wrapper's, not the layer query's: with an ORDER BY inside the CTE, PostgreSQL computed
 * ST_AsMVTGeom above the Gather Merge, in one process; here its workers compute it.
 */
const MVT_WRAPPER = `WITH layer AS (
{{layer}}
)
SELECT ST_AsMVT(tile, :layer_name, CAST(:extent AS integer), 'geom') AS mvt
FROM (
  SELECT {{fields}},
         ST_AsMVTGeom(layer.geom, ST_TileEnvelope(:z, :x, :y), CAST(:extent AS integer),
                      CAST(:buffer AS integer), true) AS geom
  FROM layer
  ORDER BY layer.{{order}}
) AS tile`;

const GEOJSON_WRAPPER = `WITH layer AS (
{{layer}}
)
SELECT {{fields}}, ST_AsGeoJSON(layer.geom) AS geom
FROM layer
ORDER BY layer.{{order}}`;

/** Reads every layer's SQL once, here, and runs it with bindings only. */
export function createTileRepository(
  knex: Knex,
  layers: readonly LayerDefinition[],
): TileRepository {
  const queries = new Map(
    layers.map((layer) => {
      const sql = layerSql(layer);
      const fields = layer.fields.map(fieldSql).join(', ');
      const order = quoteField(layer.orderBy);
      const fill = (wrapper: string) =>
        wrapper
          .replace('{{layer}}', () => sql)
          .replace('{{fields}}', () => fields)
          .replace('{{order}}', () => order);
      return [layer.id, { mvt: fill(MVT_WRAPPER), geojson: fill(GEOJSON_WRAPPER) }];
    }),
  );
  const queryOf = (layer: LayerDefinition) => {
    const q = queries.get(layer.id);
    if (!q) throw new Error(`No query loaded for tile layer ${layer.id}`);
    return q;
  };

  const rendering = crypto.createHash('sha256');
  for (const [id, q] of queries) rendering.update(`${id}\n${q.mvt}\n${q.geojson}\n`);

  return {
    rendering: rendering.digest('base64url').slice(0, 32),

    async encodedTile(layer, bindings) {
      const { rows } = await knex.raw<{ rows: { mvt: Buffer | null }[] }>(
        queryOf(layer).mvt,
        bindings,
      );
      return rows[0]?.mvt ?? new Uint8Array(0);
    },

    async layerRows(layer, bindings) {
      const { rows } = await knex.raw<{ rows: Record<string, unknown>[] }>(
        queryOf(layer).geojson,
        bindings,
      );
      return rows
        .filter((row) => row.geom !== null)
        .map(({ geom, ...properties }) => ({
          geometry: JSON.parse(geom as string) as Geometry3857,
          properties: properties as Record<string, TilePropertyValue>,
        }));
    },

    async dataVersion() {
      return (await fetchDataVersions(knex)).data;
    },

    async coverageYears() {
      const { rows } = await knex.raw<{ rows: { year: number }[] }>(
        'SELECT DISTINCT year FROM coverage_figure ORDER BY year',
      );
      return rows.map((r) => r.year);
    },

    coverageYearsByDepartement: () => fetchYearsByDepartement(knex),
  };
}

/**
 * The layer's query, ready to be nested: comments removed (knex would turn the `:name`s they
 * mention into parameters that PostgreSQL cannot type), no trailing semicolon.
 */
function layerSql(layer: LayerDefinition): string {
  const sql = withoutLineComments(loadQuery(`tiles/${layer.id}`))
    .trim()
    .replace(/;$/, '');
  if (sql.includes('?')) {
    // knex reads ? as a positional binding: a stray one would shift every value.
    throw new Error(`sql/queries/tiles/${layer.id}.sql must not contain '?'`);
  }
  return sql;
}

/** A catalogued field as the wrappers select it: absent (NULL) below its own minzoom. */
function fieldSql(field: LayerField): string {
  const column = `layer.${quoteField(field.name)}`;
  if (field.minzoom === undefined) return column;
  return `CASE WHEN CAST(:z AS integer) >= ${Math.trunc(field.minzoom)} THEN ${column} END AS ${quoteField(field.name)}`;
}

function quoteField(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Invalid catalogue field name "${name}"`);
  return `"${name}"`;
}
