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
--   :exact         the viewer's rule (text, childminders_exact of migration 019): counts
--                  below the secrecy threshold shown where it covers ('' for the public)
-- Output: one row per commune with at least one such AM and its label point in the buffered
-- tile (the tile orders them by
-- commune_code: catalogue orderBy):
--   commune_code, name   INSEE code and name of the commune
--   childminders         number of AM counted
--   places               sum of their agreement places (children at once, all ages)
--   in_mam               how many of them work in a MAM (their places are also MAM places)
--                        (the three NULL when withheld by statistical secrecy, below)
--   childminders_secret  the commune's counts are withheld: fewer than the threshold of
--                        secrecy_setting (all, or at home), or its coverage figure of the year
--                        (the latest commune year when :year is NULL) is withheld, small or
--                        complementary (server/src/domain/secrecy); false where :exact covers the commune
--   childminders_below   the threshold when the count itself is below it ("moins de N"), else NULL
--   geom                 Point, EPSG:3857 metres: the commune's label point
-- Uses the GIST index on commune.geom_3857 (a label point lies inside its commune), then
-- childminder_commune_idx.
WITH picked AS (
  SELECT CAST(:year AS smallint) AS year,
         coalesce(CAST(:year AS smallint),
                  (SELECT max(year) FROM coverage_figure WHERE level = 'commune')) AS figure_year,
         (SELECT threshold FROM secrecy_setting) AS threshold
)
SELECT c.code AS commune_code, c.name,
       CASE WHEN sec.hidden THEN NULL ELSE am.childminders END AS childminders,
       CASE WHEN sec.hidden THEN NULL ELSE am.places END AS places,
       CASE WHEN sec.hidden THEN NULL ELSE am.in_mam END AS in_mam,
       sec.hidden AS childminders_secret,
       CASE WHEN sec.hidden AND sec.small THEN p.threshold END AS childminders_below,
       ST_Transform(c.label_point, 3857) AS geom
FROM commune c
CROSS JOIN picked p
CROSS JOIN LATERAL (
  SELECT count(*) AS childminders,
         sum(a.agreement_places) AS places,
         count(*) FILTER (WHERE a.mam_id IS NOT NULL) AS in_mam,
         count(*) FILTER (WHERE a.mam_id IS NULL) AS at_home
  FROM childminder a
  WHERE a.commune_code = c.code
    AND a.active
    AND CASE WHEN p.year IS NULL THEN a.ended_year IS NULL
             ELSE (a.started_year IS NULL OR a.started_year <= p.year)
                  AND (a.ended_year IS NULL OR a.ended_year > p.year) END
) am
CROSS JOIN LATERAL (
  SELECT am.childminders < p.threshold OR (am.at_home BETWEEN 1 AND p.threshold - 1) AS small
) size
CROSS JOIN LATERAL (
  SELECT NOT childminders_exact(CAST(:exact AS text), 'commune', c.code, c.epci_code, c.departement_code)
         AND (size.small OR EXISTS (
               SELECT 1 FROM coverage_figure f
               WHERE f.level = 'commune' AND f.code = c.code AND f.year = p.figure_year
                 AND f.childminders_secret IS NOT NULL)) AS hidden,
         size.small
) sec
WHERE c.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND ST_Transform(c.label_point, 3857) && ST_TileEnvelope(:z, :x, :y, margin => :margin)
  AND (CAST(:departement AS text) IS NULL OR c.departement_code = :departement)
  AND am.childminders > 0
