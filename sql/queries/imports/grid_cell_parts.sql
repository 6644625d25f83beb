-- imports/grid_cell_parts: each staged cell in each loaded commune it lies in.
-- Inputs: none (reads import_grid_stage).
-- Output: one row per (cell, loaded commune the file gives for it):
--   n (row of the file), commune_code,
--   cell_area_m2  area of the square, m² (in its own CRS),
--   area_m2       area of the square inside the commune's outline, m² in the cell's CRS; null
--                 when the file gives one commune for the cell (no split) or the commune has no
--                 outline,
--   geometry      the square, GeoJSON Polygon, WGS84 (corners transformed from the cell's CRS),
--   centroid_lon, centroid_lat  WGS84 degrees: a point of the cell's part inside the commune
--                 when the cell is split, else the centre of the square.
WITH s AS (
  SELECT n, srid, listed, communes, ST_MakeEnvelope(east, north, east + size, north + size, srid) AS sq
  FROM import_grid_stage
), p AS (
  SELECT s.n, s.srid, s.listed, s.sq, ST_Transform(s.sq, 4326) AS sq4326, code.value AS commune_code
  FROM s CROSS JOIN LATERAL jsonb_array_elements_text(s.communes) AS code(value)
), x AS (
  SELECT p.*, CASE WHEN p.listed > 1 AND c.geom IS NOT NULL
                   THEN ST_CollectionExtract(ST_Intersection(c.geom, p.sq4326), 3) END AS part
  FROM p JOIN commune c ON c.code = p.commune_code
)
SELECT n, commune_code, ST_Area(sq) AS cell_area_m2,
       CASE WHEN part IS NULL THEN NULL WHEN ST_IsEmpty(part) THEN 0
            ELSE ST_Area(ST_Transform(part, srid)) END AS area_m2,
       ST_AsGeoJSON(sq4326) AS geometry,
       ST_X(pt) AS centroid_lon, ST_Y(pt) AS centroid_lat
FROM x CROSS JOIN LATERAL (
  SELECT CASE WHEN part IS NULL OR ST_IsEmpty(part) THEN ST_Transform(ST_Centroid(sq), 4326)
              ELSE ST_PointOnSurface(part) END AS pt
) c
ORDER BY n, commune_code
