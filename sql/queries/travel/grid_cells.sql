-- grid_cells: a regular grid of square cells over the loaded communes (or one département's).
-- Inputs:
--   :west, :south      grid origin, WGS84 degrees (the extent's south-west corner)
--   :d_lon, :d_lat     cell size in degrees (a square of :cell_m metres at the extent's middle
--                      latitude, computed by the caller)
--   :cols, :rows       grid size in cells
--   :departement       text or null: every loaded commune of the side
--   :fictional         the side of the data (server/src/kernel/fiction.ts)
-- Output: one row per cell meeting a commune, by row then column:
--   col, row (0-based from the south-west), lon, lat (the cell's centre, WGS84 degrees).
WITH g AS (
  SELECT CAST(:west AS float8) AS west, CAST(:south AS float8) AS south,
         CAST(:d_lon AS float8) AS d_lon, CAST(:d_lat AS float8) AS d_lat
),
cells AS (
  SELECT i AS col, j AS row,
         ST_MakeEnvelope(west + i * d_lon, south + j * d_lat, west + (i + 1) * d_lon, south + (j + 1) * d_lat, 4326) AS geom
  FROM g, generate_series(0, CAST(:cols AS integer) - 1) AS i, generate_series(0, CAST(:rows AS integer) - 1) AS j
)
SELECT col, row, ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat
FROM cells
WHERE EXISTS (
  SELECT 1 FROM commune c
  WHERE ST_Intersects(c.geom, cells.geom)
    AND (CAST(:departement AS text) IS NULL OR c.departement_code = :departement)
    AND c.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
)
ORDER BY row, col
