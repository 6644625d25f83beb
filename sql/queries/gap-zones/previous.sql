-- previous: the active zones of a set, as the last computation left them (for their identity).
-- Inputs:
--   :key   the set: criterion and parameter (sans_offre:15)
-- Output: one row per active zone, by id: id, cells (text[] of demand_cell.cell_id).
SELECT id, cells FROM gap_zone WHERE set_key = :key AND status = 'active' ORDER BY id
