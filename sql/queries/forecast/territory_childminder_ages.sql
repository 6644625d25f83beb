-- territory_childminder_ages: the active childminders (AM) of a territory working in :year,
-- grouped by year of birth, agreement places and MAM membership, for the departures projection.
-- Inputs: :level ('commune' | 'epci' | 'ept' | 'departement', a binding compared with constants),
--         :code, :year (the base year).
-- Output: one row per group: birth_year (null: the list gives no age), agreement_places,
--   in_mam (boolean), childminders (count), dataset_ids (ascending), fictional.
-- Counts only, never a row per person: the service answers aggregated departures by year, and
-- withholds them where the territory's childminder figures are secret.
-- An AM works in :year as in coverage/commune_inputs.sql:
-- active AND (started_year IS NULL OR started_year <= :year) AND (ended_year IS NULL OR ended_year > :year).
WITH communes AS (
  SELECT c.code
  FROM commune c
  WHERE (:level = 'commune' AND c.code = :code)
     OR (:level = 'epci' AND c.epci_code = :code)
     OR (:level = 'ept' AND c.ept_code = :code)
     OR (:level = 'departement' AND c.departement_code = :code)
)
SELECT a.birth_year::integer AS birth_year,
       a.agreement_places::integer AS agreement_places,
       a.mam_id IS NOT NULL AS in_mam,
       count(*)::integer AS childminders,
       array_agg(DISTINCT a.dataset_id ORDER BY a.dataset_id) AS dataset_ids,
       bool_or(d.fictional) AS fictional
FROM childminder a
JOIN communes c ON c.code = a.commune_code
JOIN dataset d ON d.id = a.dataset_id
WHERE a.active
  AND (a.started_year IS NULL OR a.started_year <= :year)
  AND (a.ended_year IS NULL OR a.ended_year > :year)
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
