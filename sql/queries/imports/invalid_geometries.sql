-- imports/invalid_geometries: PostGIS's verdict on polygons before they are stored.
-- Inputs (named bindings): :rows (JSON array of {n int (row number), geometry GeoJSON}), :srid (int, CRS
--   of the coordinates).
-- Output: one row per invalid geometry: row_number, reason (ST_IsValidReason, e.g. 'Self-intersection
--   [2.1 47.2]'), empty_after_repair (true when ST_MakeValid leaves no polygon: not repairable).
SELECT r.n AS row_number, ST_IsValidReason(g) AS reason,
       ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(g), 3)) AS empty_after_repair
FROM json_to_recordset(CAST(:rows AS json)) AS r(n int, geometry json)
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), :srid) AS g) s
WHERE NOT ST_IsValid(g)
ORDER BY r.n
