-- tiles/ept: établissement public territorial (EPT, Métropole du Grand Paris) outlines with their official coverage figures for one year.
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :exact         the viewer's rule (text, childminders_exact of migration 019): figures
--                  below the secrecy threshold shown where it covers ('' for the public)
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :tolerance_m   simplification tolerance, EPSG:3857 metres (one rendered pixel at :z)
--   :year          coverage year, or NULL for the latest year with EPT figures
--   :departement   NULL: every loaded département; a code: only its EPT (those with any
--                  commune in it, as in territories/list), and the default year becomes the
--                  latest with population data in that département (else the latest of its
--                  figures)
-- Output: one row per EPT whose outline reaches the buffered tile (the
-- tile orders them by code: catalogue orderBy):
--   code, name, departement_code   SIREN, name, département of most of its communes
--   year, children_under3, places_total, coverage_rate (places per 100 children under 3;
--   both NULL when withheld by statistical secrecy: childminders_secret, as tiles/communes),
--   coverage_class ('no_data' without a figure that year; else class_national),
--   small_population, fictional    as in tiles/communes
--   geom              (Multi)Polygon, EPSG:3857 metres, clipped to the buffered tile and
--                     simplified; NULL or empty
--                    when nothing of it is left at this zoom (the tile wrappers drop those rows)
-- An EPT's figures are sums over its communes (coverage module), not an average of rates.
-- Uses the GIST index on ept.geom_3857 (outlines: the union of the loaded member communes, migration 020).
WITH picked AS (
  SELECT coalesce(CAST(:year AS smallint),
                  CASE WHEN CAST(:departement AS text) IS NULL
                       THEN (SELECT max(year) FROM coverage_figure WHERE level = 'ept')
                       ELSE (SELECT coalesce(max(year) FILTER (WHERE children_under3 IS NOT NULL), max(year))
                             FROM coverage_figure
                             WHERE level = 'commune' AND departement_code = :departement)
                  END) AS year
),
shapes AS (
  SELECT e.code, e.name, e.departement_code, e.dataset_id,
         ST_Simplify(ST_ClipByBox2D(e.geom_3857, ST_TileEnvelope(:z, :x, :y, margin => :margin)),
                     :tolerance_m) AS geom
  FROM ept e
  WHERE e.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
    AND (CAST(:departement AS text) IS NULL OR EXISTS (
          SELECT 1 FROM commune c WHERE c.ept_code = e.code AND c.departement_code = :departement))
)
SELECT s.code, s.name, s.departement_code,
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
LEFT JOIN coverage_figure f ON f.level = 'ept' AND f.code = s.code AND f.year = p.year
