-- births_of_communes: births of a set of communes by calendar year (the site card's trend).
-- Inputs:
--   :codes   JSON array of commune codes (text)
-- Output: one row per year with births for at least one of the communes, by year:
--   year,
--   births                 sum over the communes that have the year (persons),
--   communes_with_births   communes that have the year (a year is complete when all do),
--   dataset_ids            provenance, ascending.
-- No geometry.
SELECT b.year::integer AS year,
       sum(b.births)::double precision AS births,
       count(*)::integer AS communes_with_births,
       array_agg(DISTINCT b.dataset_id ORDER BY b.dataset_id) AS dataset_ids
FROM births b
WHERE b.commune_code IN (SELECT json_array_elements_text(CAST(:codes AS json)))
GROUP BY b.year
ORDER BY b.year
