-- imports/upsert_estimate_cells: the staged estimated cells into demand_cell (method 'estimate',
-- labelled "estimé"), share = weight / Σ weight of the commune's estimated cells.
-- Inputs: none (reads import_estimate_stage). The dataset 'estimate:grid:<département>' of each
--   commune must exist.
-- Output: none. Unchanged cells are not written; cells the commune no longer has are removed by
--   imports/delete_stale_estimates.
INSERT INTO demand_cell (cell_id, commune_code, weight, share, method, imputed, srid, geom, centroid, dataset_id)
SELECT s.cell_id, s.commune_code, s.weight, s.weight / sum(s.weight) OVER (PARTITION BY s.commune_code),
       'estimate', false, s.srid, s.geom, s.centroid, d.id
FROM import_estimate_stage s
JOIN commune c ON c.code = s.commune_code
JOIN dataset d ON d.key = 'estimate:grid:' || c.departement_code
ON CONFLICT (cell_id, commune_code) DO UPDATE SET
  weight = EXCLUDED.weight, share = EXCLUDED.share, method = EXCLUDED.method, imputed = EXCLUDED.imputed,
  srid = EXCLUDED.srid, geom = EXCLUDED.geom, centroid = EXCLUDED.centroid, dataset_id = EXCLUDED.dataset_id
WHERE (demand_cell.weight, demand_cell.share, demand_cell.method, demand_cell.imputed, demand_cell.srid,
       demand_cell.geom, demand_cell.centroid, demand_cell.dataset_id)
  IS DISTINCT FROM (EXCLUDED.weight, EXCLUDED.share, EXCLUDED.method, EXCLUDED.imputed, EXCLUDED.srid,
       EXCLUDED.geom, EXCLUDED.centroid, EXCLUDED.dataset_id)
