-- territories/list: the coverage figures of every territory of one level for one year, with a
-- display geometry, for the choropleth and the table.
-- Inputs (named bindings): :level ('commune'|'epci'|'departement'), :year (int),
--   :departement (text or null: keep only territories of that département; an EPCI matches when
--   any of its communes is in it).
-- Output: the coverage_figure columns, `geometry` (GeoJSON text, WGS84, 5 decimals, simplified),
--   `label_lon`, `label_lat` (a point on the surface, for labels).
-- The geometry tables are chosen by :level with CASE-free unions so that one plan serves all.
WITH shapes AS (
  SELECT 'commune' AS level, code, geom_display AS geom, label_point FROM commune WHERE :level = 'commune'
  UNION ALL
  SELECT 'epci', code, geom_display, label_point FROM epci WHERE :level = 'epci'
  UNION ALL
  SELECT 'departement', code, geom_display, label_point FROM departement WHERE :level = 'departement'
)
SELECT f.*,
       ST_AsGeoJSON(s.geom, 5) AS geometry,
       round(ST_X(s.label_point)::numeric, 5)::float8 AS label_lon,
       round(ST_Y(s.label_point)::numeric, 5)::float8 AS label_lat
FROM coverage_figure f
JOIN shapes s ON s.level = f.level AND s.code = f.code
WHERE f.level = :level AND f.year = :year
  AND (CAST(:departement AS text) IS NULL
       OR f.departement_code = :departement
       OR (f.level = 'epci' AND EXISTS (
             SELECT 1 FROM commune c WHERE c.epci_code = f.code AND c.departement_code = :departement)))
ORDER BY f.code
