-- imports/upsert_population: population per commune and year.
-- Inputs: :rows (JSON array of {commune_code, year int, children_under3 float8 or null, total
--   float8 or null}), :method ('census'|'estimate'), :dataset_id (int).
-- Output: none. An existing (commune, year) keeps the values this file does not give (the
--   reference gives totals only, INSEE files give children under 3 and totals); the row is
--   credited to the dataset that gave its children under 3. A row whose values do not change is
--   not written.
INSERT INTO population (commune_code, year, children_under3, total, method, dataset_id)
SELECT commune_code, year, children_under3, total, :method, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(commune_code text, year int, children_under3 float8, total float8)
ON CONFLICT (commune_code, year) DO UPDATE SET
  children_under3 = coalesce(EXCLUDED.children_under3, population.children_under3),
  total = coalesce(EXCLUDED.total, population.total),
  method = CASE WHEN EXCLUDED.children_under3 IS NOT NULL THEN EXCLUDED.method ELSE population.method END,
  dataset_id = CASE WHEN EXCLUDED.children_under3 IS NOT NULL OR population.children_under3 IS NULL
                    THEN EXCLUDED.dataset_id ELSE population.dataset_id END
WHERE (population.children_under3, population.total, population.method, population.dataset_id) IS DISTINCT FROM
      (coalesce(EXCLUDED.children_under3, population.children_under3), coalesce(EXCLUDED.total, population.total),
       CASE WHEN EXCLUDED.children_under3 IS NOT NULL THEN EXCLUDED.method ELSE population.method END,
       CASE WHEN EXCLUDED.children_under3 IS NOT NULL OR population.children_under3 IS NULL
            THEN EXCLUDED.dataset_id ELSE population.dataset_id END)
