-- imports/stage_geometries: parse polygons into import_geometry_stage.
-- Inputs: :rows (JSON array of {n int (row number), wkb text (hex-encoded WKB Polygon or
--   MultiPolygon)}), :srid (int, CRS of the coordinates).
-- Output: none.
INSERT INTO import_geometry_stage (n, g)
SELECT r.n, ST_SetSRID(ST_GeomFromWKB(decode(r.wkb, 'hex')), :srid)
FROM json_to_recordset(CAST(:rows AS json)) AS r(n int, wkb text)
