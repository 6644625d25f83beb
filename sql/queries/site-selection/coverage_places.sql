-- coverage_places: the official coverage figures of communes and EPCI a scenario changes.
-- Inputs:
--   :year   the year of the figures
-- Output: one row per commune and EPCI, by level then code:
--   level ('commune' | 'epci'), code, name, epci_code (communes; null: none),
--   children_under3 (double, null: unknown), places_total (double: places of every mode)
SELECT f.level, f.code, f.name, f.epci_code, f.children_under3, f.places_total
FROM coverage_figure f
WHERE f.year = CAST(:year AS integer) AND f.level IN ('commune', 'epci')
ORDER BY f.level, f.code
