-- demand_cells: where children live, as the demand of the accessibility computation.
-- Inputs:
--   :year   the population year: a cell's children = its commune's children_under3 that year × the
--           cell's share (sql/migrations/006_demand_grid.sql), so a commune's cells add up to it
--   :fictional the side of the data (server/src/kernel/fiction.ts): cells of its communes
-- Output: one row per (cell, commune) with children > 0, by commune then cell:
--   cell_id, commune_code, epci_code (null: none), ept_code (null: none), departement_code,
--   children   children under 3 of the cell's part in the commune (float),
--   lon, lat   the cell's centroid (WGS84 degrees): where its trips start,
--   estimated  true when the cell comes from the estimate (roads and buildings), not INSEE's grid,
--   dataset_ids  the cell's and the population row's datasets.
-- A cell crossing a commune line gives one row per commune: each part is its commune's demand.
SELECT d.cell_id, d.commune_code, c.epci_code, c.ept_code, c.departement_code,
       p.children_under3 * d.share AS children,
       ST_X(d.centroid) AS lon, ST_Y(d.centroid) AS lat,
       d.method = 'estimate' AS estimated,
       ARRAY[d.dataset_id, p.dataset_id] AS dataset_ids
FROM demand_cell d
JOIN commune c ON c.code = d.commune_code
JOIN population p ON p.commune_code = d.commune_code AND p.year = :year
WHERE d.share > 0 AND p.children_under3 > 0 AND c.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
ORDER BY d.commune_code, d.cell_id
