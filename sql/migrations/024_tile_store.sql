-- 024: encoded tiles kept in the database (server/src/features/tiles/tile-store.ts). The low
-- zooms of a national load hold thousands of communes per tile and take far longer to render
-- than to read; kept here rather than in a process's memory, every API instance and a restarted
-- process serve them. A tile is valid for one version of the data: `data_version` is a digest
-- of sql/queries/data_versions.sql's `data`, and rows of other versions are purged.
CREATE TABLE tile_store (
  data_version text NOT NULL,
  layer text NOT NULL,
  z smallint NOT NULL CHECK (z BETWEEN 0 AND 22),
  x integer NOT NULL CHECK (x >= 0),
  y integer NOT NULL CHECK (y >= 0),
  -- the request's query parameters, `year/reference/departement` ('' when absent)
  params text NOT NULL,
  -- Mapbox Vector Tile bytes; empty when the tile has no feature
  bytes bytea NOT NULL,
  etag text NOT NULL,
  encoded_by text NOT NULL CHECK (encoded_by IN ('postgis', 'node')),
  rendered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (data_version, layer, z, x, y, params)
);
-- Vector tiles barely compress: kept out of line uncompressed, read without decompressing.
ALTER TABLE tile_store ALTER COLUMN bytes SET STORAGE EXTERNAL;
