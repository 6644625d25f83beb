-- commune_inputs: the raw inputs of the official coverage rate, per commune and year.
-- Inputs: none (every commune, every year that has population data on its side of the data:
--   a real commune gets the years of the real population rows, a fictional one those of the
--   demo's, so that the demo's years never appear in a real territory's history; a side with
--   no population at all gets every loaded year, without figures; server/src/kernel/fiction.ts).
-- Output: one row per (commune, year):
--   code, name, epci_code, ept_code (EPT of the Métropole du Grand Paris, or null), departement_code, year,
--   children_under3 (INSEE ages 0-2; null when the commune has no population row that year),
--   places_eaje_psu, places_eaje_hors_psu   authorised places of EAJE open that year,
--   places_am_home, places_am_mam           agreement places of active AM working that year,
--                                           at home / in a MAM (raw, before the under-3 share),
--   places_home_care, places_preschool      counts per commune and year,
--   childminders, childminders_at_home      active AM working that year, all / not in a MAM
--                                           (for statistical secrecy: server/src/domain/secrecy),
--   modes_with_data                         the modes of the rate with a loaded file for the
--                                           commune's side and département ('eaje', 'am') or
--                                           side, département and year ('home_care',
--                                           'preschool'): a list covers its département (a
--                                           commune without any row in it has 0 places, not
--                                           no data); server/src/domain/coverage/completeness,
--   fictional                               any input comes from a fictional dataset,
--   dataset_ids                             provenance of every input.
-- A facility or an AM counts for year Y when it started on or before Y and did not end by Y:
-- (opened_year IS NULL OR opened_year <= Y) AND (closed_year IS NULL OR closed_year > Y).
WITH years AS (
  SELECT DISTINCT year FROM population
),
side_years AS (
  SELECT DISTINCT p.year, d.fictional FROM population p JOIN dataset d ON d.id = p.dataset_id
  UNION
  -- A side without any population (outlines only) gets every loaded year, as "no data" rows,
  -- so that its territories are listed and say what is missing.
  SELECT y.year, s.fictional FROM years y CROSS JOIN (VALUES (true), (false)) AS s(fictional)
  WHERE NOT EXISTS (SELECT 1 FROM population p JOIN dataset d ON d.id = p.dataset_id
                    WHERE d.fictional = s.fictional)
),
eaje_y AS (
  SELECT e.commune_code, y.year,
         sum(e.places) FILTER (WHERE e.financing = 'psu') AS psu,
         sum(e.places) FILTER (WHERE e.financing = 'hors_psu') AS hors_psu,
         array_agg(DISTINCT e.dataset_id) AS ds
  FROM eaje e
  JOIN years y ON (e.opened_year IS NULL OR e.opened_year <= y.year)
              AND (e.closed_year IS NULL OR e.closed_year > y.year)
  GROUP BY e.commune_code, y.year
),
am_y AS (
  SELECT a.commune_code, y.year,
         sum(a.agreement_places) FILTER (WHERE a.mam_id IS NULL) AS home,
         sum(a.agreement_places) FILTER (WHERE a.mam_id IS NOT NULL) AS in_mam,
         count(*) AS am_count,
         count(*) FILTER (WHERE a.mam_id IS NULL) AS am_at_home,
         array_agg(DISTINCT a.dataset_id) AS ds
  FROM childminder a
  JOIN years y ON (a.started_year IS NULL OR a.started_year <= y.year)
              AND (a.ended_year IS NULL OR a.ended_year > y.year)
  WHERE a.active
  GROUP BY a.commune_code, y.year
),
-- The départements each side's supply files cover, by mode. Materialised: a few rows, read once
-- per commune and year by the subquery below (inlined, every reading scanned every EAJE and
-- childminder again: hours for a national territory).
list_modes AS MATERIALIZED (
  SELECT DISTINCT 'eaje' AS mode, c.departement_code, d.fictional
  FROM eaje e JOIN commune c ON c.code = e.commune_code JOIN dataset d ON d.id = e.dataset_id
  UNION
  SELECT DISTINCT 'am', c.departement_code, d.fictional
  FROM childminder a JOIN commune c ON c.code = a.commune_code JOIN dataset d ON d.id = a.dataset_id
),
count_modes AS MATERIALIZED (
  SELECT DISTINCT CASE s.mode WHEN 'garde_domicile' THEN 'home_care' ELSE 'preschool' END AS mode,
         c.departement_code, s.year, d.fictional
  FROM supply_count s JOIN commune c ON c.code = s.commune_code JOIN dataset d ON d.id = s.dataset_id
),
counts_y AS (
  SELECT s.commune_code, s.year,
         sum(s.places) FILTER (WHERE s.mode = 'garde_domicile') AS home_care,
         sum(s.places) FILTER (WHERE s.mode = 'prescolarisation') AS preschool,
         array_agg(DISTINCT s.dataset_id) AS ds
  FROM supply_count s
  GROUP BY s.commune_code, s.year
)
SELECT c.code, c.name, c.epci_code, c.ept_code, c.departement_code, y.year,
       p.children_under3,
       coalesce(e.psu, 0) AS places_eaje_psu,
       coalesce(e.hors_psu, 0) AS places_eaje_hors_psu,
       coalesce(a.home, 0) AS places_am_home,
       coalesce(a.in_mam, 0) AS places_am_mam,
       coalesce(s.home_care, 0) AS places_home_care,
       coalesce(s.preschool, 0) AS places_preschool,
       coalesce(a.am_count, 0)::integer AS childminders,
       coalesce(a.am_at_home, 0)::integer AS childminders_at_home,
       ds_ids.ids AS dataset_ids,
       array(SELECT m.mode FROM list_modes m
             WHERE m.departement_code = c.departement_code AND m.fictional = cd.fictional
             UNION
             SELECT m.mode FROM count_modes m
             WHERE m.departement_code = c.departement_code AND m.fictional = cd.fictional
               AND m.year = y.year) AS modes_with_data,
       EXISTS (SELECT 1 FROM dataset d WHERE d.id = ANY (ds_ids.ids) AND d.fictional) AS fictional
FROM commune c
JOIN dataset cd ON cd.id = c.dataset_id
JOIN side_years y ON y.fictional = cd.fictional
LEFT JOIN population p ON p.commune_code = c.code AND p.year = y.year
LEFT JOIN eaje_y e ON e.commune_code = c.code AND e.year = y.year
LEFT JOIN am_y a ON a.commune_code = c.code AND a.year = y.year
LEFT JOIN counts_y s ON s.commune_code = c.code AND s.year = y.year
CROSS JOIN LATERAL (
  SELECT array(SELECT DISTINCT id FROM unnest(
           ARRAY[c.dataset_id, p.dataset_id] || coalesce(e.ds, '{}') || coalesce(a.ds, '{}') || coalesce(s.ds, '{}')
         ) AS id WHERE id IS NOT NULL ORDER BY id) AS ids
) ds_ids
ORDER BY c.code, y.year
