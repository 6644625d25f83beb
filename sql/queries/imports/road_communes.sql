-- imports/road_communes: the real communes a roads import may change the estimated demand of:
-- those meeting the extent of the staged edges or of the edges the extract's dataset holds.
-- Inputs: :dataset_id (int or null on a first import). Reads import_road_stage.
-- Output: code (one row per commune). Bounding-box test only (WGS84): a commune just outside
--   the extract is estimated again for nothing, never missed.
WITH extent AS (
  SELECT ST_Extent(geom) AS e FROM (
    SELECT geom FROM import_road_stage
    UNION ALL SELECT geom FROM road_edge WHERE dataset_id = :dataset_id
  ) g
)
SELECT c.code
FROM commune c, extent x
WHERE x.e IS NOT NULL AND c.geom && CAST(x.e AS geometry)
