-- territories: the territories the accessibility figures are summed over, with their official rate.
-- Inputs:
--   :year    the year of the official figures (coverage_figure)
--   :exact   the viewer's rule (childminders_exact, migration 019; '' for the public): the
--            official rate and places of a territory it does not cover whose childminder
--            figures are withheld by statistical secrecy are null, as in /api/territories
--   :fictional the side of the data (server/src/kernel/fiction.ts): territories of its datasets
-- Output: one row per loaded commune, EPCI, EPT and département, by level then code:
--   level ('commune' | 'epci' | 'ept' | 'departement'), code, name,
--   children_under3   the official figure's children (null: no population that year),
--   places_total      places of every mode counted by the official rate (null: withheld),
--   coverage_rate     the official rate, places per 100 children under 3 (null: none or withheld),
--   dataset_ids       the official figure's datasets.
WITH t AS (
  SELECT 'commune' AS level, code, name FROM commune WHERE dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
  UNION ALL SELECT 'epci', code, name FROM epci WHERE dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
  UNION ALL SELECT 'ept', code, name FROM ept WHERE dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
  UNION ALL SELECT 'departement', code, name FROM departement WHERE dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
)
SELECT t.level, t.code, t.name, f.children_under3,
       CASE WHEN f.childminders_secret IS NULL OR childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code) THEN f.places_total END AS places_total,
       CASE WHEN f.childminders_secret IS NULL OR childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code) THEN f.coverage_rate END AS coverage_rate,
       coalesce(f.dataset_ids, '{}') AS dataset_ids
FROM t
LEFT JOIN coverage_figure f ON f.level = t.level AND f.code = t.code AND f.year = CAST(:year AS integer)
ORDER BY CASE t.level WHEN 'commune' THEN 0 WHEN 'epci' THEN 1 WHEN 'ept' THEN 2 ELSE 3 END, t.code
