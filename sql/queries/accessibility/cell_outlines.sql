-- cell_outlines: the outlines of the demand grid's cells, to draw their accessibility.
-- Inputs:
--   :departement   text or null: the cells of every loaded commune
-- Output: one row per (cell, commune) part, by commune then cell:
--   cell_id, commune_code,
--   geometry   GeoJSON text of the cell (its part inside the commune), WGS84, 5 decimals (~1 m).
SELECT d.cell_id, d.commune_code, ST_AsGeoJSON(d.geom, 5) AS geometry
FROM demand_cell d
JOIN commune c ON c.code = d.commune_code
WHERE CAST(:departement AS text) IS NULL OR c.departement_code = :departement
ORDER BY d.commune_code, d.cell_id
