-- imports/upsert_births: births per commune and calendar year (état civil, naissances domiciliées).
-- Inputs: :rows (JSON array of {commune_code, year int, births int}), :dataset_id (int).
-- Output: none. A (commune, year) already given by another file is taken over by this one (the
--   latest import of a year wins, as for population). A row whose values do not change is not
--   written.
INSERT INTO births (commune_code, year, births, dataset_id)
SELECT commune_code, year, births, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(commune_code text, year int, births int)
ON CONFLICT (commune_code, year) DO UPDATE SET
  births = EXCLUDED.births, dataset_id = EXCLUDED.dataset_id
WHERE (births.births, births.dataset_id) IS DISTINCT FROM (EXCLUDED.births, EXCLUDED.dataset_id)
