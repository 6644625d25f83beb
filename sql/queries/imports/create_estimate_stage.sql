-- imports/create_estimate_stage: a temporary table holding the estimated cells of the communes
-- being estimated. Inputs: none. Output: none. Dropped at the end of the import's transaction.
CREATE TEMP TABLE IF NOT EXISTS import_estimate_stage (
  cell_id text NOT NULL,
  commune_code text NOT NULL,
  weight float8 NOT NULL,        -- metres of residential roads in the cell, or 1 (spread evenly)
  basis text NOT NULL,           -- 'roads' or 'area'
  srid int NOT NULL,
  geom geometry(Polygon, 4326) NOT NULL,
  centroid geometry(Point, 4326) NOT NULL,
  PRIMARY KEY (cell_id, commune_code)
) ON COMMIT DROP
