-- territories/list: the coverage figures of every territory of one level for one year, with a
-- display geometry, for the choropleth, the table and the CSV export.
-- Inputs (named bindings): :level ('commune'|'epci'|'ept'|'departement'), :year (int),
--   :departement (text or null: keep only territories of that département; an EPCI or an EPT
--   matches when any of its communes is in it), :reference ('national'|'departement': which gap class and
--   reference rate are served), :with_geometry (boolean: false for the CSV, which has none),
--   :exact (the viewer's rule, text: childminders_exact, migration 019; the territories it
--   covers show childminder figures below the secrecy threshold; '' (the public) and the others
--   get them withheld: places_am, places_mam, places_total, coverage_rate null,
--   childminders_secret true, childminders_below the threshold for a small figure).
-- Output, one row per territory in code order:
--   `code`;
--   `geometry`: GeoJSON text of the simplified display outline (WGS84, 5 decimals, stored
--     formatted: migration 005), or null;
--   `properties`: the JSON text of the served properties up to `fictional`: the same fields,
--     values and rounding as toProperties (server/src/features/coverage/territories.ts). Built
--     here, not in Node: for 35,000 communes, parsing 25 columns per row and serialising them
--     again cost more than the query;
--   `dataset_ids` (int[] as text, e.g. '{1,2,5}'): the `sources` property, and with `fictional`
--     and `reference_departement` what the response's metadata is made of;
--   `am_under3_share`: the share of AM places of the figure, for the metadata;
--   `label_lon`, `label_lat`: a point on the surface, for labels (degrees, unrounded: rounding
--     them here as numeric took ~150 ms of a 35,000-commune list in the embedded database).
-- Numbers are float8 text (shortest exact form, valid JSON). Text goes through to_json (escaped),
-- but for the level, written as it is: one of four words, by coverage_figure's CHECK (to_json
-- costs ~0.3 µs a call, and this runs 35,000 times).
-- The geometry tables are chosen by :level with CASE-free unions so that one plan serves all.
WITH secrecy AS (SELECT threshold FROM secrecy_setting),
shapes AS (
  SELECT 'commune' AS level, code, display_geojson, label_point FROM commune WHERE :level = 'commune'
  UNION ALL
  SELECT 'epci', code, display_geojson, label_point FROM epci WHERE :level = 'epci'
  UNION ALL
  SELECT 'ept', code, display_geojson, label_point FROM ept WHERE :level = 'ept'
  UNION ALL
  SELECT 'departement', code, display_geojson, label_point FROM departement WHERE :level = 'departement'
)
SELECT f.code,
       CASE WHEN :with_geometry THEN s.display_geojson END AS geometry,
       concat(
         '{"code":', to_json(f.code),
         ',"name":', to_json(f.name),
         ',"level":"', f.level, '"',
         ',"epci_code":', coalesce(to_json(f.epci_code)::text, 'null'),
         ',"ept_code":', coalesce(to_json(f.ept_code)::text, 'null'),
         ',"departement_code":', coalesce(to_json(f.departement_code)::text, 'null'),
         ',"year":', f.year,
         ',"children_under3":', coalesce(served_round(f.children_under3, 100)::text, 'null'),
         ',"places_eaje_psu":', served_round(f.places_eaje_psu, 100),
         ',"places_eaje_hors_psu":', served_round(f.places_eaje_hors_psu, 100),
         ',"places_am":', CASE WHEN w.hidden THEN 'null' ELSE served_round(f.places_am, 100)::text END,
         ',"places_mam":', CASE WHEN w.hidden THEN 'null' ELSE served_round(f.places_mam, 100)::text END,
         ',"places_home_care":', served_round(f.places_home_care, 100),
         ',"places_preschool":', served_round(f.places_preschool, 100),
         ',"places_total":', CASE WHEN w.hidden THEN 'null' ELSE served_round(f.places_total, 100)::text END,
         ',"coverage_rate":', CASE WHEN w.hidden THEN 'null'
                                   ELSE coalesce(served_round(f.coverage_rate, 10)::text, 'null') END,
         ',"coverage_class":', to_json(CASE WHEN :reference = 'national' THEN f.class_national ELSE f.class_departement END),
         ',"reference_rate":', coalesce(served_round(CASE WHEN :reference = 'national'
             THEN f.reference_national ELSE f.reference_departement END, 10)::text, 'null'),
         ',"childminders_secret":', CASE WHEN w.hidden THEN 'true' ELSE 'false' END,
         ',"childminders_below":', CASE WHEN w.hidden AND f.childminders_secret = 'small'
                                        THEN sc.threshold::text ELSE 'null' END,
         ',"missing_modes":', to_json(f.missing_modes),
         ',"caf_rate":', coalesce(served_round(f.caf_rate, 10)::text, 'null'),
         ',"am_under3_share":', f.am_under3_share,
         ',"small_population":', CASE WHEN f.small_population THEN 'true' ELSE 'false' END,
         ',"fictional":', CASE WHEN f.fictional THEN 'true' ELSE 'false' END, '}'
       ) AS properties,
       f.dataset_ids::text AS dataset_ids,
       f.fictional,
       f.reference_departement,
       f.am_under3_share,
       ST_X(s.label_point) AS label_lon,
       ST_Y(s.label_point) AS label_lat
FROM coverage_figure f
JOIN shapes s ON s.level = f.level AND s.code = f.code
CROSS JOIN secrecy sc
CROSS JOIN LATERAL (SELECT f.childminders_secret IS NOT NULL AND NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code) AS hidden) w
WHERE f.level = :level AND f.year = :year
  AND (CAST(:departement AS text) IS NULL
       OR f.departement_code = :departement
       OR (f.level = 'epci' AND EXISTS (
             SELECT 1 FROM commune c WHERE c.epci_code = f.code AND c.departement_code = :departement))
       OR (f.level = 'ept' AND EXISTS (
             SELECT 1 FROM commune c WHERE c.ept_code = f.code AND c.departement_code = :departement)))
ORDER BY f.code
