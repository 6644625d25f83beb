-- point_commune: the loaded commune a point lies in (none: the point is outside every one).
-- Inputs:
--   :lon, :lat   WGS84 degrees
-- Output: at most one row: code, name, epci_code (null: none), departement_code
SELECT c.code, c.name, c.epci_code, c.departement_code
FROM commune c
WHERE ST_Covers(c.geom, ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326))
ORDER BY c.code
LIMIT 1
