-- set: what a set of zones was computed for, or no row when never computed.
-- Inputs:
--   :key   the set (sans_offre:15)
-- Output: key, criterion, parameters (json text), year, data_version, cells, cells_unreachable,
--   dataset_ids (integer[]), fictional.
SELECT key, criterion, CAST(parameters AS text) AS parameters, year, data_version, cells,
       cells_unreachable, dataset_ids, fictional
FROM gap_zone_set WHERE key = :key
