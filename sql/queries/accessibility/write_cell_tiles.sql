-- write_cell_tiles: the copy of a set's cells that the tile layer `accessibility` draws from
-- zoom 11 (access_cell_tile, migration 029), from its cells just written (write_cells.sql), in
-- the same transaction.
-- Inputs:
--   :side, :year   the set
-- Output: none (a cell already written for the set, by another process computing the same data
-- at the same time, takes the new values). Each cell part with its figures, the département of
-- its commune and its outline in EPSG:3857, written in strips of 0.02° of latitude (~2 km) so
-- that a tile's cells lie on a few pages.
INSERT INTO access_cell_tile (side, year, cell_id, commune_code, departement_code, children,
                              accessibility_rate, estimated, geom)
SELECT a.side, a.year, a.cell_id, a.commune_code, c.departement_code, a.children,
       a.accessibility_rate, a.estimated, ST_Transform(d.geom, 3857)
FROM access_cell a
JOIN demand_cell d ON d.cell_id = a.cell_id AND d.commune_code = a.commune_code
JOIN commune c ON c.code = a.commune_code
WHERE a.side = :side AND a.year = :year
ORDER BY floor(ST_YMin(d.geom) * 50), ST_XMin(d.geom)
ON CONFLICT (side, year, commune_code, cell_id) DO UPDATE SET
  departement_code = EXCLUDED.departement_code, children = EXCLUDED.children,
  accessibility_rate = EXCLUDED.accessibility_rate, estimated = EXCLUDED.estimated,
  geom = EXCLUDED.geom
