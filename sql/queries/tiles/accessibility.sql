-- tiles/accessibility: the populated cells of the demand grid with their accessibility (places
-- within reach per 100 children), as GET /api/accessibility/cells answers them for the public;
-- below :cell_minzoom, squares that generalise them.
-- Inputs (named bindings):
--   :z, :x, :y       tile address (XYZ, Web Mercator), already validated
--   :margin          tile buffer as a fraction of the tile width (64 / 4096)
--   :cell_minzoom    first zoom serving the 200 m cells (from the layer catalogue)
--   :year            the year of the figures, or NULL for each side's latest stored year
--   :departement     NULL: every loaded département; a code: only its cells (or squares)
--   (:tolerance_m, :reference, :exact are bound for every layer and unused: a cell or a square is
--   a square, which simplification would only erase, and its figures hold no childminder count)
-- Rule: from :cell_minzoom on, one row per (cell, commune) part whose outline reaches the
-- buffered tile; below it, one row per square of access_square (migration 029) reaching it, of
-- side 10,000 m (EPSG:3857) at zoom 6 and below, 5,000 at 7, 2,000 at 8, 1,000 at 9, 500 at 10
-- (the sizes write_squares.sql writes: two pixels or more of a 256-pixel tile).
-- Output (the tile orders them by id: catalogue orderBy):
--   id                  cells: <cell id>@<commune code>, the GeoJSON answer's feature id;
--                       squares: <size_m>m:<ix>:<iy>@<département code> (ix, iy: the square's
--                       column and row, floor(x / size_m), floor(y / size_m))
--   cell_id, commune_code   cells only (NULL on squares: left out of the tile)
--   cell_size_m         squares only: their side, EPSG:3857 metres (NULL on cells)
--   departement_code    squares only
--   children            children under 3 of the part or the square (to 0.01)
--   accessibility_rate  places within reach per 100 children (to 0.1); squares: the mean of
--                       their parts' weighted by children
--   estimated           the cell (a cell of the square) comes from the estimate (roads and
--                       buildings), not INSEE's grid
--   geom                Polygon, EPSG:3857 metres, clipped to the buffered tile
-- The figures are stored by the accessibility feature in access_cell (migration 025), with the
-- copies drawn here, access_cell_tile (the cells' parts in EPSG:3857) and access_square (029),
-- in one transaction; the tile route asks it to bring them up to date (default parameters, the
-- public's figures: places withheld by statistical secrecy left out) before a tile of this
-- layer is drawn.
-- Uses the GIST index on access_cell_tile.geom, or access_square's of the zoom's size (the zoom
-- conditions are constants once bound: the planner picks the index and does not run the branch
-- not taken).
WITH sets AS (
  SELECT s.side, s.year
  FROM access_cell_set s
  WHERE s.year = coalesce(CAST(:year AS integer),
                          (SELECT max(t.year) FROM access_cell_set t WHERE t.side = s.side))
)
SELECT a.cell_id || '@' || a.commune_code AS id,
       a.cell_id, a.commune_code, CAST(NULL AS integer) AS cell_size_m,
       CAST(NULL AS text) AS departement_code,
       a.children, a.accessibility_rate, a.estimated,
       ST_ClipByBox2D(a.geom, ST_TileEnvelope(:z, :x, :y, margin => :margin)) AS geom
FROM access_cell_tile a
JOIN sets s ON s.side = a.side AND s.year = a.year
WHERE CAST(:z AS integer) >= CAST(:cell_minzoom AS integer)
  AND a.geom && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND (CAST(:departement AS text) IS NULL OR a.departement_code = :departement)
UNION ALL
SELECT q.size_m || 'm:' || q.ix || ':' || q.iy || '@' || q.departement_code AS id,
       NULL, NULL, q.size_m, q.departement_code,
       q.children, q.accessibility_rate, q.estimated,
       ST_ClipByBox2D(q.geom, ST_TileEnvelope(:z, :x, :y, margin => :margin)) AS geom
FROM access_square q
JOIN sets s ON s.side = q.side AND s.year = q.year
WHERE CAST(:z AS integer) < CAST(:cell_minzoom AS integer)
  AND q.size_m = CASE WHEN CAST(:z AS integer) <= 6 THEN 10000
                      WHEN CAST(:z AS integer) = 7 THEN 5000
                      WHEN CAST(:z AS integer) = 8 THEN 2000
                      WHEN CAST(:z AS integer) = 9 THEN 1000
                      ELSE 500 END
  AND q.geom && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND (CAST(:departement AS text) IS NULL OR q.departement_code = :departement)
