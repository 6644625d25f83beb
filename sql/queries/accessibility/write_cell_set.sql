-- write_cell_set: records a computation of the cells' accessibility for the tile layer (inserted
-- or replaced; drop_cell_sets.sql first removes the side's sets of other data versions).
-- Inputs:
--   :side, :year, :data_version (data_versions.sql's `data`), :method, :weights, :max_minutes,
--   :modes (json array of text), :cells (count), :estimated, :fictional,
--   :dataset_ids (json array of integers)
-- Output: none. The set's cells are written by write_cells.sql in the same transaction.
INSERT INTO access_cell_set (side, year, data_version, method, weights, max_minutes, modes, cells,
                             estimated, fictional, dataset_ids, computed_at)
VALUES (:side, :year, :data_version, :method, :weights, :max_minutes,
        ARRAY(SELECT json_array_elements_text(CAST(:modes AS json))), :cells, :estimated,
        :fictional,
        ARRAY(SELECT CAST(json_array_elements_text(CAST(:dataset_ids AS json)) AS integer)),
        now())
ON CONFLICT (side, year) DO UPDATE SET
  data_version = EXCLUDED.data_version, method = EXCLUDED.method, weights = EXCLUDED.weights,
  max_minutes = EXCLUDED.max_minutes, modes = EXCLUDED.modes, cells = EXCLUDED.cells,
  estimated = EXCLUDED.estimated, fictional = EXCLUDED.fictional,
  dataset_ids = EXCLUDED.dataset_ids, computed_at = EXCLUDED.computed_at
