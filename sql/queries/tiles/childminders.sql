-- tiles/childminders: active assistants maternels AGGREGATED by commune, one point per commune.
-- A childminder's home (childminder.geom) is personal data (RGPD): this query never reads it.
-- Childminders are joined to communes by commune_code only, and the point drawn is the
-- commune's label point (ST_PointOnSurface of its outline), the same for every childminder.
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :year          NULL: active AM whose activity has not ended (ended_year IS NULL); a year
--                  Y: active AM working in Y (started_year IS NULL OR <= Y) AND
--                  (ended_year IS NULL OR > Y), as the coverage inputs count them
--   :departement   NULL: every loaded département; a code: only the aggregates of its communes
-- Output: one row per commune with at least one such AM and its label point in the buffered
-- tile (the tile orders them by
-- commune_code: catalogue orderBy):
--   commune_code, name   INSEE code and name of the commune
--   childminders         number of AM counted
--   places               sum of their agreement places (children at once, all ages)
--   in_mam               how many of them work in a MAM (their places are also MAM places)
--   geom                 Point, EPSG:3857 metres: the commune's label point
-- Uses the GIST index on commune.geom_3857 (a label point lies inside its commune), then
-- childminder_commune_idx.
WITH picked AS (
  SELECT CAST(:year AS smallint) AS year
)
SELECT c.code AS commune_code, c.name,
       am.childminders, am.places, am.in_mam,
       ST_Transform(c.label_point, 3857) AS geom
FROM commune c
CROSS JOIN picked p
CROSS JOIN LATERAL (
  SELECT count(*) AS childminders,
         sum(a.agreement_places) AS places,
         count(*) FILTER (WHERE a.mam_id IS NOT NULL) AS in_mam
  FROM childminder a
  WHERE a.commune_code = c.code
    AND a.active
    AND CASE WHEN p.year IS NULL THEN a.ended_year IS NULL
             ELSE (a.started_year IS NULL OR a.started_year <= p.year)
                  AND (a.ended_year IS NULL OR a.ended_year > p.year) END
) am
WHERE c.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND ST_Transform(c.label_point, 3857) && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND (CAST(:departement AS text) IS NULL OR c.departement_code = :departement)
  AND am.childminders > 0
