-- imports/delete_stale_estimates: estimated cells of some communes that the new estimate does not
-- have (a commune now covered by an imported grid, or estimated from roads instead of its area).
-- Inputs: :codes (JSON array of the communes estimated again). Reads import_estimate_stage.
-- Output: removed (rows deleted).
WITH gone AS (
  DELETE FROM demand_cell d
  WHERE d.method = 'estimate'
    AND d.commune_code IN (SELECT json_array_elements_text(CAST(:codes AS json)))
    AND NOT EXISTS (SELECT 1 FROM import_estimate_stage s
                    WHERE s.cell_id = d.cell_id AND s.commune_code = d.commune_code)
  RETURNING 1
)
SELECT count(*) AS removed FROM gone
