-- datasets/tables: the tables whose rows belong to a dataset (they have a dataset_id column),
-- read from the catalogue so that a table added later is counted too.
-- Inputs: none.
-- Output: table_name, one row per table of the current schema with a dataset_id column, by name.
SELECT table_name::text AS table_name
FROM information_schema.columns
WHERE table_schema = current_schema() AND column_name = 'dataset_id'
  AND table_name NOT IN (SELECT table_name FROM information_schema.views WHERE table_schema = current_schema())
ORDER BY table_name
