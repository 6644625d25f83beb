-- custom_set_extent: where to frame and label a custom set of communes on the map.
-- Inputs: :codes (text[]) INSEE codes of the set's communes (unknown codes are ignored).
-- Output: one row:
--   min_lon, min_lat, max_lon, max_lat   bounding box of their outlines (EPSG:4326, degrees);
--   label_lon, label_lat                 a point on the surface of their union;
--   all null when no code is loaded.
SELECT ST_XMin(b) AS min_lon, ST_YMin(b) AS min_lat, ST_XMax(b) AS max_lon, ST_YMax(b) AS max_lat,
       ST_X(p) AS label_lon, ST_Y(p) AS label_lat
FROM (SELECT ST_Extent(geom)::box2d AS b, ST_PointOnSurface(ST_Collect(geom)) AS p
      FROM commune WHERE code = ANY (:codes)) s
