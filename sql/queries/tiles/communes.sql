-- tiles/communes: commune outlines with their official coverage figures for one year.
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
-- Output: one row per commune whose outline reaches the buffered tile (the
-- tile orders them by code: catalogue orderBy):
--   code, name, epci_code, departement_code      INSEE code, name, EPCI SIREN, département
--   year              year of the figures (NULL when there is no commune figure at all)
--   children_under3   INSEE ages 0-2
--   places_total      places for under-3s, all modes (NULL: withheld, below)
--   coverage_rate     places per 100 children under 3 (NULL: no children or no data, or
--                     withheld, below)
--   childminders_secret  statistical secrecy: the figure's childminder places, hence its
--                     total and rate, are withheld (migration 009); false where :exact
--                     covers the commune, or for a public figure
--   coverage_class    class against the national rate (class_national); 'no_data' when the
--                     commune has no figure that year
--   small_population  fewer than ~20 children: the rate is unstable
--   fictional         figures (or, without figures, the outline) come from fictional data
--   geom              (Multi)Polygon, EPSG:3857 metres, clipped to the buffered tile and
--                     simplified; NULL or empty
--                    when nothing of it is left at this zoom (the tile wrappers drop those rows)
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
                  END) AS year
),
shapes AS (
  SELECT c.code, c.name, c.epci_code, c.departement_code, c.dataset_id,
         ST_Simplify(ST_ClipByBox2D(CASE WHEN CAST(:z AS integer) <= 7 THEN c.geom_3857_low
                                         ELSE c.geom_3857 END,
                                    ST_TileEnvelope(:z, :x, :y, margin => :margin)),
                     :tolerance_m) AS geom
  FROM commune c
  WHERE c.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
    AND (CAST(:departement AS text) IS NULL OR c.departement_code = :departement)
)
SELECT s.code, s.name, s.epci_code, s.departement_code,
       f.year, f.children_under3,
       CASE WHEN (f.childminders_secret IS NOT NULL AND NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code)) THEN NULL ELSE f.places_total END AS places_total,
       CASE WHEN (f.childminders_secret IS NOT NULL AND NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code)) THEN NULL ELSE f.coverage_rate END AS coverage_rate,
       coalesce((f.childminders_secret IS NOT NULL AND NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code)), false) AS childminders_secret,
       coalesce(f.class_national, 'no_data') AS coverage_class,
       f.small_population,
       coalesce(f.fictional, d.fictional) AS fictional,
       s.geom
FROM shapes s
CROSS JOIN picked p
JOIN dataset d ON d.id = s.dataset_id
LEFT JOIN coverage_figure f ON f.level = 'commune' AND f.code = s.code AND f.year = p.year
