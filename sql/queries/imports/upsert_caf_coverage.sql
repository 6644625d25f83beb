-- imports/upsert_caf_coverage: coverage figures as published by the Caf (open data).
-- Inputs: :rows (JSON array of {level, code, year int, name, measure, value float8}), :dataset_id.
-- Output: none. Rates are places per 100 children under 3, places are places (see 003). A figure
--   already stored for the same file (dataset) is updated in place; an unchanged one is not written.
INSERT INTO caf_published_coverage (level, code, year, name, measure, value, dataset_id)
SELECT level, code, year, name, measure, value, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(level text, code text, year int, name text, measure text, value float8)
ON CONFLICT (level, code, year, measure, dataset_id) DO UPDATE SET name = EXCLUDED.name, value = EXCLUDED.value
WHERE (caf_published_coverage.name, caf_published_coverage.value) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.value)
