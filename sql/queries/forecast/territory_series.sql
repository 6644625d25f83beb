-- territory_series: what a territory's forecasts start from, one row per year with population data.
-- Inputs: :level ('commune' | 'epci' | 'ept' | 'departement', a binding compared with constants, never an
--         identifier), :code (INSEE, SIREN or département code).
-- Output: one row per year that has a population row for at least one commune of the territory:
--   year,
--   children_under3        sum over the territory's communes of INSEE ages 0-2 (persons),
--   communes               communes of the territory (today's list),
--   communes_with_children communes that have a population row that year,
--   estimate_rows          of which local estimates (the rest are census figures),
--   places_eaje_psu, places_eaje_hors_psu   authorised places of EAJE open that year,
--   places_am_home, places_am_mam           agreement places of active AM working that year
--                                           (raw, before the under-3 share),
--   places_home_care, places_preschool      counts per commune and year,
--   dataset_ids            provenance of every input, ascending,
--   fictional              any input comes from a fictional dataset.
-- No geometry. Births and childminder ages: territory_births.sql, territory_childminder_ages.sql.
-- A facility or an AM counts for year Y as in coverage/commune_inputs.sql:
-- (opened_year IS NULL OR opened_year <= Y) AND (closed_year IS NULL OR closed_year > Y).
WITH communes AS (
  SELECT c.code, c.dataset_id
  FROM commune c
  WHERE (:level = 'commune' AND c.code = :code)
     OR (:level = 'epci' AND c.epci_code = :code)
     OR (:level = 'ept' AND c.ept_code = :code)
     OR (:level = 'departement' AND c.departement_code = :code)
),
pop AS (
  SELECT p.year,
         sum(p.children_under3) AS children_under3,
         count(*) FILTER (WHERE p.children_under3 IS NOT NULL) AS communes_with_children,
         count(*) FILTER (WHERE p.method = 'estimate') AS estimate_rows,
         array_agg(DISTINCT p.dataset_id) AS ds
  FROM population p JOIN communes c ON c.code = p.commune_code
  GROUP BY p.year
),
eaje_y AS (
  SELECT y.year,
         sum(e.places) FILTER (WHERE e.financing = 'psu') AS psu,
         sum(e.places) FILTER (WHERE e.financing = 'hors_psu') AS hors_psu,
         array_agg(DISTINCT e.dataset_id) AS ds
  FROM pop y
  JOIN eaje e ON (e.opened_year IS NULL OR e.opened_year <= y.year)
             AND (e.closed_year IS NULL OR e.closed_year > y.year)
  JOIN communes c ON c.code = e.commune_code
  GROUP BY y.year
),
am_y AS (
  SELECT y.year,
         sum(a.agreement_places) FILTER (WHERE a.mam_id IS NULL) AS home,
         sum(a.agreement_places) FILTER (WHERE a.mam_id IS NOT NULL) AS in_mam,
         array_agg(DISTINCT a.dataset_id) AS ds
  FROM pop y
  JOIN childminder a ON (a.started_year IS NULL OR a.started_year <= y.year)
                    AND (a.ended_year IS NULL OR a.ended_year > y.year)
  JOIN communes c ON c.code = a.commune_code
  WHERE a.active
  GROUP BY y.year
),
counts_y AS (
  SELECT s.year,
         sum(s.places) FILTER (WHERE s.mode = 'garde_domicile') AS home_care,
         sum(s.places) FILTER (WHERE s.mode = 'prescolarisation') AS preschool,
         array_agg(DISTINCT s.dataset_id) AS ds
  FROM supply_count s JOIN communes c ON c.code = s.commune_code
  GROUP BY s.year
)
SELECT p.year::integer AS year,
       p.children_under3,
       (SELECT count(*) FROM communes)::integer AS communes,
       p.communes_with_children::integer AS communes_with_children,
       p.estimate_rows::integer AS estimate_rows,
       coalesce(e.psu, 0)::double precision AS places_eaje_psu,
       coalesce(e.hors_psu, 0)::double precision AS places_eaje_hors_psu,
       coalesce(a.home, 0)::double precision AS places_am_home,
       coalesce(a.in_mam, 0)::double precision AS places_am_mam,
       coalesce(s.home_care, 0)::double precision AS places_home_care,
       coalesce(s.preschool, 0)::double precision AS places_preschool,
       ds_ids.ids AS dataset_ids,
       EXISTS (SELECT 1 FROM dataset d WHERE d.id = ANY (ds_ids.ids) AND d.fictional) AS fictional
FROM pop p
LEFT JOIN eaje_y e ON e.year = p.year
LEFT JOIN am_y a ON a.year = p.year
LEFT JOIN counts_y s ON s.year = p.year
CROSS JOIN LATERAL (
  SELECT array(SELECT DISTINCT id FROM unnest(
           p.ds || coalesce(e.ds, '{}') || coalesce(a.ds, '{}') || coalesce(s.ds, '{}')
           || ARRAY(SELECT dataset_id FROM communes)
         ) AS id WHERE id IS NOT NULL ORDER BY id) AS ids
) ds_ids
ORDER BY p.year
