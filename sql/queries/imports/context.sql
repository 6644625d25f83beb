-- imports/context: what the importers check rows against, read inside the import's transaction.
-- Inputs: none.
-- Output: one row per loaded commune: code, departement_code, has_geometry (boolean), and the
--   extent of the loaded communes of its département in degrees (WGS84): min_lon, min_lat,
--   max_lon, max_lat (null when no commune of the département has a geometry).
WITH extent AS (
  SELECT departement_code, ST_Extent(geom) AS e FROM commune WHERE geom IS NOT NULL GROUP BY departement_code
)
SELECT c.code, c.departement_code, c.geom IS NOT NULL AS has_geometry,
       ST_XMin(x.e) AS min_lon, ST_YMin(x.e) AS min_lat, ST_XMax(x.e) AS max_lon, ST_YMax(x.e) AS max_lat
FROM commune c
LEFT JOIN extent x ON x.departement_code = c.departement_code
ORDER BY c.code
