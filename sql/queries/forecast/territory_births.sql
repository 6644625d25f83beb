-- territory_births: births of a territory's communes by calendar year, for the cohort projection.
-- Inputs: :level ('commune' | 'epci' | 'ept' | 'departement', a binding compared with constants, never an
--         identifier), :code (INSEE, SIREN or département code).
-- Output: one row per year with births for at least one commune of the territory:
--   year,
--   births                 sum over the communes that have the year (persons),
--   communes               communes of the territory (today's list),
--   communes_with_births   communes that have the year (a year counts only when all do),
--   dataset_ids            provenance, ascending,
--   fictional              any row comes from a fictional dataset.
-- No geometry.
WITH communes AS (
  SELECT c.code
  FROM commune c
  WHERE (:level = 'commune' AND c.code = :code)
     OR (:level = 'epci' AND c.epci_code = :code)
     OR (:level = 'ept' AND c.ept_code = :code)
     OR (:level = 'departement' AND c.departement_code = :code)
)
SELECT b.year::integer AS year,
       sum(b.births)::double precision AS births,
       (SELECT count(*) FROM communes)::integer AS communes,
       count(*)::integer AS communes_with_births,
       array_agg(DISTINCT b.dataset_id ORDER BY b.dataset_id) AS dataset_ids,
       bool_or(d.fictional) AS fictional
FROM births b
JOIN communes c ON c.code = b.commune_code
JOIN dataset d ON d.id = b.dataset_id
GROUP BY b.year
ORDER BY b.year
