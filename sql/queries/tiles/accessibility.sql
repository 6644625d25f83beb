-- tiles/accessibility: the populated cells of the demand grid with their accessibility (places
-- within reach per 100 children), as GET /api/accessibility/cells answers them for the public.
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :year          the year of the figures, or NULL for each side's latest stored year
--   :departement   NULL: every loaded département; a code: only the cells of its communes
--   (:tolerance_m, :reference, :exact are bound for every layer and unused: a cell is a square
--   of 200 m, which simplification would only erase, and its figures hold no childminder count)
-- Output: one row per (cell, commune) part whose outline reaches the buffered tile (the tile
-- orders them by id: catalogue orderBy):
--   id                  <cell id>@<commune code>, the GeoJSON answer's feature id
--   cell_id, commune_code
--   children            children under 3 of the part (to 0.01)
--   accessibility_rate  places within reach per 100 children (to 0.1)
--   estimated           the cell comes from the estimate (roads and buildings), not INSEE's grid
--   geom                Polygon, EPSG:3857 metres, clipped to the buffered tile
-- The figures are stored in access_cell (migration 025) by the accessibility feature, which the
-- tile route asks to bring them up to date (default parameters, the public's figures: places
-- withheld by statistical secrecy left out) before a tile of this layer is drawn.
-- Uses the GIST index on demand_cell.geom (WGS84: the tile's envelope is transformed, a
-- rectangle in both systems).
WITH sets AS (
  SELECT s.side, s.year
  FROM access_cell_set s
  WHERE s.year = coalesce(CAST(:year AS integer),
                          (SELECT max(t.year) FROM access_cell_set t WHERE t.side = s.side))
)
SELECT a.cell_id || '@' || a.commune_code AS id,
       a.cell_id, a.commune_code, a.children, a.accessibility_rate, a.estimated,
       ST_ClipByBox2D(ST_Transform(d.geom, 3857),
                      ST_TileEnvelope(:z, :x, :y, margin => :margin)) AS geom
FROM demand_cell d
JOIN access_cell a ON a.cell_id = d.cell_id AND a.commune_code = d.commune_code
JOIN sets s ON s.side = a.side AND s.year = a.year
WHERE d.geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :margin), 4326)
  AND (CAST(:departement AS text) IS NULL
       OR EXISTS (SELECT 1 FROM commune c
                  WHERE c.code = d.commune_code AND c.departement_code = :departement))
