-- tiles/gaps: communes classed by how far their coverage rate is from a reference rate.
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :exact         the viewer's rule (text, childminders_exact of migration 019): figures
--                  below the secrecy threshold shown where it covers ('' for the public)
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :tolerance_m   simplification tolerance, EPSG:3857 metres (one rendered pixel at :z)
--   :year          coverage year, or NULL for the latest year with commune figures
--   :departement   NULL: every loaded département; a code: only its communes, and the
--                  default year becomes the latest with population data in that département
--                  (else the latest of its figures)
--   :reference     'national' (the national rate of the year) or 'departement' (the
--                  commune's département rate that year); validated by the caller
-- Output: one row per commune whose outline reaches the buffered tile (the
-- tile orders them by code: catalogue orderBy):
--   code, name        INSEE code and name
--   year              year of the figures (NULL when there is no commune figure at all)
--   coverage_class    class_national or class_departement per :reference; 'no_data' when
--                     the commune has no figure that year
--   coverage_rate     places per 100 children under 3 (NULL: no children or no data, or
--                     withheld by statistical secrecy: childminders_secret, as tiles/communes)
--   childminders_secret  the commune's childminder figures, hence its rate, are withheld
--   reference_rate    reference_national or reference_departement per :reference, same unit
--   fictional         figures (or, without figures, the outline) come from fictional data
--   geom              (Multi)Polygon, EPSG:3857 metres, clipped to the buffered tile and
--                     simplified; NULL or empty
--                    when nothing of it is left at this zoom (the tile wrappers drop those rows)
-- The classes are computed once by the coverage module and stored in coverage_figure.
-- Below zoom 8 the outline drawn is commune.geom_3857_low (simplified once at 150 m, migration
-- 004), else geom_3857; either way clipped and simplified to one pixel of the zoom.
-- Uses the GIST index on commune.geom_3857.
WITH picked AS (
  SELECT coalesce(CAST(:year AS smallint),
                  CASE WHEN CAST(:departement AS text) IS NULL
                       THEN (SELECT max(year) FROM coverage_figure WHERE level = 'commune')
                       ELSE (SELECT coalesce(max(year) FILTER (WHERE children_under3 IS NOT NULL), max(year))
                             FROM coverage_figure
                             WHERE level = 'commune' AND departement_code = :departement)
                  END) AS year,
         CAST(:reference AS text) = 'departement' AS by_departement
),
shapes AS (
  SELECT c.code, c.name, c.dataset_id,
         ST_Simplify(ST_ClipByBox2D(CASE WHEN CAST(:z AS integer) <= 7 THEN c.geom_3857_low
                                         ELSE c.geom_3857 END,
                                    ST_TileEnvelope(:z, :x, :y, margin => :margin)),
                     :tolerance_m) AS geom
  FROM commune c
  WHERE c.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
    AND (CAST(:departement AS text) IS NULL OR c.departement_code = :departement)
)
SELECT s.code, s.name, f.year,
       coalesce(CASE WHEN p.by_departement THEN f.class_departement ELSE f.class_national END,
                'no_data') AS coverage_class,
       CASE WHEN (f.childminders_secret IS NOT NULL AND NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code)) THEN NULL ELSE f.coverage_rate END AS coverage_rate,
       coalesce((f.childminders_secret IS NOT NULL AND NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code)), false) AS childminders_secret,
       CASE WHEN p.by_departement THEN f.reference_departement ELSE f.reference_national END
         AS reference_rate,
       coalesce(f.fictional, d.fictional) AS fictional,
       s.geom
FROM shapes s
CROSS JOIN picked p
JOIN dataset d ON d.id = s.dataset_id
LEFT JOIN coverage_figure f ON f.level = 'commune' AND f.code = s.code AND f.year = p.year
