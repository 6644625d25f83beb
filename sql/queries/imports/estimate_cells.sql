-- imports/estimate_cells: an estimated demand grid for communes without an imported one.
-- Inputs: :communes (JSON array of {code, srid}: the metric CRS each commune is gridded in,
--   Lambert-93 EPSG:2154 in metropolitan France, the local CRS overseas), :road_classes (JSON
--   array of OSM highway values where people live), :road_cell_m (side of road-weighted cells,
--   metres), :area_cell_m (side of evenly weighted cells, metres).
-- Output: none; fills import_estimate_stage. Cells are squares of the commune's CRS aligned on
--   multiples of their side, ids in INSEE's form (CRS2154RES200mN…E…), geometry and centroid in
--   WGS84.
--   * A commune with real (non-fictional) roads of :road_classes inside its outline: one cell
--     per :road_cell_m square those roads cross, weight = metres of those roads inside the
--     square and the commune (a square on a commune line has one row per commune); centroid =
--     the point of those roads nearest their centre.
--   * Any other commune: one cell per :area_cell_m square whose centre lies in the commune,
--     weight 1 (spread evenly over its area); a commune no centre falls in gets one cell around
--     a point inside it (its centroid).
INSERT INTO import_estimate_stage (cell_id, commune_code, weight, basis, srid, geom, centroid)
WITH c AS (
  SELECT k.code, k.srid, m.geom, ST_Transform(m.geom, k.srid) AS g
  FROM json_to_recordset(CAST(:communes AS json)) AS k(code text, srid int)
  JOIN commune m ON m.code = k.code
  WHERE m.geom IS NOT NULL
), piece AS (
  SELECT c.code, c.srid,
         ST_Transform(CASE WHEN ST_CoveredBy(e.geom, c.geom) THEN e.geom
                           ELSE ST_CollectionExtract(ST_Intersection(e.geom, c.geom), 2) END, c.srid) AS g
  FROM c
  JOIN road_edge e ON e.geom && c.geom AND ST_Intersects(e.geom, c.geom)
  JOIN dataset d ON d.id = e.dataset_id AND NOT d.fictional
  WHERE e.road_class IN (SELECT json_array_elements_text(CAST(:road_classes AS json)))
), road_cell AS (
  SELECT p.code, p.srid, sq.i, sq.j, ST_Collect(ST_Intersection(p.g, sq.geom)) AS roads
  FROM piece p
  CROSS JOIN LATERAL ST_SquareGrid(CAST(:road_cell_m AS float8), p.g) AS sq
  WHERE NOT ST_IsEmpty(p.g) AND ST_Intersects(p.g, sq.geom)
  GROUP BY p.code, p.srid, sq.i, sq.j
), road_w AS (
  SELECT code, srid, i, j, ST_Length(roads) AS w, roads FROM road_cell WHERE ST_Length(roads) > 0
), area_c AS (
  SELECT code, srid, g FROM c WHERE code NOT IN (SELECT code FROM road_w)
), area_cell AS (
  SELECT a.code, a.srid, sq.i, sq.j, ST_Centroid(sq.geom) AS centre
  FROM area_c a
  CROSS JOIN LATERAL ST_SquareGrid(CAST(:area_cell_m AS float8), a.g) AS sq
  WHERE ST_Intersects(a.g, ST_Centroid(sq.geom))
), area_all AS (
  SELECT code, srid, i, j, centre FROM area_cell
  UNION ALL
  SELECT a.code, a.srid, CAST(floor(ST_X(p.p) / CAST(:area_cell_m AS float8)) AS int),
         CAST(floor(ST_Y(p.p) / CAST(:area_cell_m AS float8)) AS int), p.p
  FROM area_c a CROSS JOIN LATERAL (SELECT ST_PointOnSurface(a.g) AS p) AS p
  WHERE a.code NOT IN (SELECT code FROM area_cell)
), cells AS (
  SELECT code, srid, i, j, CAST(:road_cell_m AS int) AS size, w, 'roads' AS basis,
         ST_ClosestPoint(roads, ST_Centroid(roads)) AS centre
  FROM road_w
  UNION ALL
  SELECT code, srid, i, j, CAST(:area_cell_m AS int), 1, 'area', centre FROM area_all
)
SELECT 'CRS' || srid || 'RES' || size || 'mN' || (j * size) || 'E' || (i * size), code, w, basis, srid,
       ST_Transform(ST_MakeEnvelope(i * size, j * size, (i + 1) * size, (j + 1) * size, srid), 4326),
       ST_Transform(centre, 4326)
FROM cells
