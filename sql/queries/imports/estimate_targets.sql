-- imports/estimate_targets: which of some communes get an estimated demand grid: real ones (not
-- fictional) with an outline and no cell of an imported grid.
-- Inputs: :codes (JSON array of commune codes).
-- Output: code, departement_code, estimate (boolean), one row per loaded commune among :codes.
SELECT c.code, c.departement_code,
       (c.geom IS NOT NULL AND NOT d.fictional
        AND NOT EXISTS (SELECT 1 FROM demand_cell x WHERE x.commune_code = c.code AND x.method = 'grid')) AS estimate
FROM commune c
JOIN dataset d ON d.id = c.dataset_id
WHERE c.code IN (SELECT json_array_elements_text(CAST(:codes AS json)))
ORDER BY c.code
