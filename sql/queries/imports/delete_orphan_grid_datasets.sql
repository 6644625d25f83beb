-- imports/delete_orphan_grid_datasets: provenance records of imported or estimated grids that no
-- cell refers to any more (a later import took their communes over).
-- Inputs: :keep (int: the dataset of the running import, kept even when empty).
-- Output: removed (datasets deleted). Nothing else refers to these datasets: deleting them
--   cascades to nothing.
WITH gone AS (
  DELETE FROM dataset d
  WHERE d.kind = 'grid' AND (d.key LIKE 'import:grid:%' OR d.key LIKE 'estimate:grid:%')
    AND d.id <> :keep
    AND NOT EXISTS (SELECT 1 FROM demand_cell c WHERE c.dataset_id = d.id)
  RETURNING 1
)
SELECT count(*) AS removed FROM gone
