-- tile-store/extents: where the loaded data lie, to render ahead only tiles that can have
-- features: the bounding box of each loaded département's outline and of its communes,
-- EPSG:3857 metres (a file may bring communes without their département's outline).
-- Inputs: none.
-- Output: one row per box: xmin, ymin, xmax, ymax (double precision).
SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
FROM (
  SELECT ST_Extent(geom_3857)::geometry AS e FROM departement GROUP BY code
  UNION ALL
  SELECT ST_Extent(geom_3857)::geometry AS e FROM commune GROUP BY departement_code
) AS boxes
WHERE e IS NOT NULL
