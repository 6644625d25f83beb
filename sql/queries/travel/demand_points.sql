-- demand_points: the demand grid's cells as points, for counting the children inside isochrone
-- bands in the server (server/src/features/travel/demand-points.ts).
-- Inputs:
--   :fictional the side of the data (server/src/kernel/fiction.ts): cells of its communes
-- Output: one row per commune with grid cells, by commune; its cells in arrays of one order:
--   commune_code,
--   lons, lats   float8[]: each cell's centroid (WGS84 degrees), where its children are taken to live,
--   shares       float8[]: the cell's share of the commune's children (0..1, sql/migrations/006),
--   estimated    boolean[]: placed by the estimate (roads and buildings), not INSEE's grid,
--   dataset_ids  integer[]: the cell's dataset.
-- Arrays per commune rather than a row per cell: 35 rows per thousand cells to read, not 1,000.
SELECT d.commune_code,
       array_agg(ST_X(d.centroid) ORDER BY d.cell_id) AS lons,
       array_agg(ST_Y(d.centroid) ORDER BY d.cell_id) AS lats,
       array_agg(d.share ORDER BY d.cell_id) AS shares,
       array_agg(d.method = 'estimate' ORDER BY d.cell_id) AS estimated,
       array_agg(d.dataset_id ORDER BY d.cell_id) AS dataset_ids
FROM demand_cell d
JOIN commune c ON c.code = d.commune_code
WHERE c.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
GROUP BY d.commune_code
ORDER BY d.commune_code
