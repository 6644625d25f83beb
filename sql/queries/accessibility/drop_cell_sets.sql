-- drop_cell_sets: removes a side's stored cell accessibility of other data versions, and the
-- set about to be written again (their cells go with them: ON DELETE CASCADE, migration 025).
-- Inputs:
--   :side, :year, :data_version (data_versions.sql's `data`)
-- Output: none.
DELETE FROM access_cell_set
WHERE side = :side AND (data_version <> :data_version OR year = :year)
