-- fiction/at_point: whether a point belongs to the fictional territory or to a real one: the
-- side of the commune that covers it, else of the loaded commune nearest to it.
-- Inputs: :lon, :lat (WGS84 degrees, EPSG:4326).
-- Output: at most one row: fictional (the commune's boundary dataset's flag), commune_code,
--   departement_code. No row when no commune with an outline is loaded.
-- Uses the GIST index on commune.geom (KNN ordering: exact distance for geometries).
SELECT d.fictional, c.code AS commune_code, c.departement_code
FROM commune c
JOIN dataset d ON d.id = c.dataset_id
WHERE c.geom IS NOT NULL
ORDER BY c.geom <-> ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326), c.code
LIMIT 1
