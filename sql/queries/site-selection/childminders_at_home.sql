-- childminders_at_home: childminders working at home per commune, where a site card counts them.
-- Inputs:
--   :year   the year of the coverage figures
-- Output: one row per commune with at least one, by code:
--   code, name,
--   childminders_at_home  integer: active childminders of the commune not working in a MAM
--   secret     boolean: the commune's childminder figures are withheld from the public that year
--              (coverage_figure.childminders_secret)
--   epci_code, departement_code  of the commune (where a planner's exact figures apply)
--   lon, lat   WGS84 degrees: the commune's label point (a home location is never read here)
SELECT f.code, f.name, f.childminders_at_home, f.childminders_secret IS NOT NULL AS secret,
       c.epci_code, c.departement_code,
       ST_X(c.label_point) AS lon, ST_Y(c.label_point) AS lat
FROM coverage_figure f
JOIN commune c ON c.code = f.code
WHERE f.level = 'commune' AND f.year = CAST(:year AS integer) AND f.childminders_at_home > 0
ORDER BY f.code
