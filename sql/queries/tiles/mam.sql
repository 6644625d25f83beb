-- tiles/mam: maisons d'assistants maternels as points.
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :year          NULL: MAM not closed; a year Y: MAM open in Y (same rule as tiles/eaje)
--   :departement   NULL: every loaded département; a code: only the MAM of its communes
-- Output: one row per MAM inside the buffered tile (the tile orders them by id:
-- catalogue orderBy):
--   id, name, places (children at once, at most 20), childminder_count (1 to 6 AM),
--   commune_code
--   geom              Point, EPSG:3857 metres
-- A MAM's places are its childminders' places: they also appear in tiles/childminders.
-- Uses the GIST index on mam.geom_3857.
WITH picked AS (
  SELECT CAST(:year AS smallint) AS year
)
SELECT m.id, m.name, m.places, m.childminder_count, m.commune_code,
       m.geom_3857 AS geom
FROM mam m
CROSS JOIN picked p
WHERE m.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND (CAST(:departement AS text) IS NULL OR EXISTS (
        SELECT 1 FROM commune c WHERE c.code = m.commune_code AND c.departement_code = :departement))
  AND CASE WHEN p.year IS NULL THEN m.closed_year IS NULL
           ELSE (m.opened_year IS NULL OR m.opened_year <= p.year)
                AND (m.closed_year IS NULL OR m.closed_year > p.year) END
