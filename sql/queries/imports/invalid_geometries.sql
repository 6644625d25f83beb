-- imports/invalid_geometries: PostGIS's verdict on the staged polygons before they are stored.
-- Inputs: none (reads import_geometry_stage).
-- Output: one row per invalid geometry: row_number, reason (ST_IsValidReason, e.g.
--   'Self-intersection[2.3 47.24]'), empty_after_repair (true when ST_MakeValid leaves no
--   polygon: not repairable).
SELECT s.n AS row_number, ST_IsValidReason(s.g) AS reason,
       ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(s.g), 3)) AS empty_after_repair
FROM import_geometry_stage s
WHERE NOT ST_IsValid(s.g)
ORDER BY s.n
