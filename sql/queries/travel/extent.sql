-- extent: the bounding box of the loaded territories (communes and départements), optionally
-- of one département, in WGS84 degrees (EPSG:4326).
-- Inputs: :departement (text or null: every loaded territory of the side), :fictional (the side
--   of the data, server/src/kernel/fiction.ts: territories of its datasets).
-- Output: one row: min_lon, min_lat, max_lon, max_lat (all null when nothing is loaded).
WITH boxes AS (
  SELECT geom FROM commune WHERE geom IS NOT NULL AND (CAST(:departement AS text) IS NULL OR departement_code = :departement)
    AND dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
  UNION ALL
  SELECT geom FROM departement WHERE geom IS NOT NULL AND (CAST(:departement AS text) IS NULL OR code = :departement)
    AND dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
), e AS (
  SELECT ST_Extent(geom) AS b FROM boxes
)
SELECT ST_XMin(b) AS min_lon, ST_YMin(b) AS min_lat, ST_XMax(b) AS max_lon, ST_YMax(b) AS max_lat FROM e
