-- write_cells: the cells of a set of the tile layer `accessibility` (migration 025).
-- Inputs:
--   :side, :year   the set (written first by write_cell_set.sql)
--   :cells         json text: [{ "cell_id", "commune_code", "children" (to 0.01),
--                  "accessibility_rate" (to 0.1), "estimated" }, …]
-- Output: none. A cell already written for the set (another process computing the same data at
-- the same time) takes the new values.
INSERT INTO access_cell (side, year, cell_id, commune_code, children, accessibility_rate, estimated)
SELECT :side, :year, r.cell_id, r.commune_code, r.children, r.accessibility_rate, r.estimated
FROM json_to_recordset(CAST(:cells AS json))
  AS r(cell_id text, commune_code text, children float8, accessibility_rate float8,
       estimated boolean)
ON CONFLICT (side, year, commune_code, cell_id) DO UPDATE SET
  children = EXCLUDED.children, accessibility_rate = EXCLUDED.accessibility_rate,
  estimated = EXCLUDED.estimated
