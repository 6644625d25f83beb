-- write_set: records for which data a set of zones is computed (inserted or replaced).
-- Inputs:
--   :key, :criterion ('sans_offre' | 'sous_dotee'), :parameters (json text), :year,
--   :data_version (data_versions.sql's `data`), :cells, :cells_unreachable (counts),
--   :dataset_ids (json array of integers), :fictional (boolean)
-- Output: none.
INSERT INTO gap_zone_set (key, criterion, parameters, year, data_version, cells, cells_unreachable,
                          dataset_ids, fictional, computed_at)
VALUES (:key, :criterion, CAST(:parameters AS jsonb), :year, :data_version, :cells,
        :cells_unreachable,
        ARRAY(SELECT CAST(json_array_elements_text(CAST(:dataset_ids AS json)) AS integer)),
        :fictional, now())
ON CONFLICT (key) DO UPDATE SET
  criterion = EXCLUDED.criterion, parameters = EXCLUDED.parameters, year = EXCLUDED.year,
  data_version = EXCLUDED.data_version, cells = EXCLUDED.cells,
  cells_unreachable = EXCLUDED.cells_unreachable, dataset_ids = EXCLUDED.dataset_ids,
  fictional = EXCLUDED.fictional, computed_at = EXCLUDED.computed_at
