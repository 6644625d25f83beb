-- tiles/eaje: établissements d'accueil du jeune enfant (crèches, micro-crèches...) as points.
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :year          NULL: facilities not closed (closed_year IS NULL); a year Y: facilities
--                  open in Y (opened_year IS NULL OR <= Y) AND (closed_year IS NULL OR > Y)
--   :departement   NULL: every loaded département; a code: only the facilities of its communes
-- Output: one row per facility inside the buffered tile (the tile orders them by id:
-- catalogue orderBy):
--   id, name, kind, financing ('psu' | 'hors_psu'), places (authorised places),
--   commune_code, location_approximate (placed at its commune: no coordinates known)
--   geom              Point, EPSG:3857 metres
-- Uses the GIST index on eaje.geom_3857.
WITH picked AS (
  SELECT CAST(:year AS smallint) AS year
)
SELECT e.id, e.name, e.kind, e.financing, e.places, e.commune_code, e.location_approximate,
       e.geom_3857 AS geom
FROM eaje e
CROSS JOIN picked p
WHERE e.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND (CAST(:departement AS text) IS NULL OR EXISTS (
        SELECT 1 FROM commune c WHERE c.code = e.commune_code AND c.departement_code = :departement))
  AND CASE WHEN p.year IS NULL THEN e.closed_year IS NULL
           ELSE (e.opened_year IS NULL OR e.opened_year <= p.year)
                AND (e.closed_year IS NULL OR e.closed_year > p.year) END
