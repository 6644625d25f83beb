-- commune_points: the communes as origins of travel times, with their outline.
-- Inputs: :year (population year), :departement (text or null: every loaded commune of the
--   side), :fictional (the side of the data, server/src/kernel/fiction.ts).
-- Output: one row per commune, by code:
--   code, name, departement_code,
--   lon, lat             its label point (ST_PointOnSurface, WGS84 degrees): where its times start,
--   children_under3      INSEE ages 0-2 that year (null without a population row),
--   geometry             GeoJSON text of the display outline (simplified ~30 m, WGS84, 5 decimals),
--   dataset_ids          the commune's and its population row's datasets.
SELECT c.code, c.name, c.departement_code,
       ST_X(c.label_point) AS lon, ST_Y(c.label_point) AS lat,
       p.children_under3,
       c.display_geojson AS geometry,
       array_remove(ARRAY[c.dataset_id, p.dataset_id], NULL) AS dataset_ids
FROM commune c
LEFT JOIN population p ON p.commune_code = c.code AND p.year = :year
WHERE c.geom IS NOT NULL AND (CAST(:departement AS text) IS NULL OR c.departement_code = :departement)
  AND c.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
ORDER BY c.code
