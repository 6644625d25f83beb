-- cell_set: the data version the stored accessibility of a side's cells was computed for
-- (tile layer `accessibility`, migration 025).
-- Inputs:
--   :side   boolean, the side of the data (server/src/kernel/fiction.ts)
--   :year   the year of the figures
-- Output: zero or one row: data_version.
SELECT data_version FROM access_cell_set WHERE side = :side AND year = :year
