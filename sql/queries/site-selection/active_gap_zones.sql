-- active_gap_zones: the active zones of one set of gap zones, with their cells.
-- Inputs:
--   :key   gap_zone_set.key (the criterion and its parameters)
-- Output: one row per active zone, by children then id:
--   id, cells (text[]: demand_cell.cell_id), children (under 3, double), children_estimated
SELECT z.id, z.cells, z.children, z.children_estimated
FROM gap_zone z
WHERE z.set_key = :key AND z.status = 'active'
ORDER BY z.children DESC, z.id
