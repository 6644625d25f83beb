-- imports/delete_other_cells: after a commune's cells were written, remove the cells it had
-- before and no longer has (a grid replacing an estimate, a cell INSEE dropped).
-- Inputs: :communes (JSON array of commune codes whose cells were all written), :keep (JSON array
--   of "cell_id|commune_code" strings: the cells just written).
-- Output: removed (rows deleted).
WITH gone AS (
  DELETE FROM demand_cell d
  WHERE d.commune_code IN (SELECT json_array_elements_text(CAST(:communes AS json)))
    AND d.cell_id || '|' || d.commune_code NOT IN (SELECT json_array_elements_text(CAST(:keep AS json)))
  RETURNING 1
)
SELECT count(*) AS removed FROM gone
