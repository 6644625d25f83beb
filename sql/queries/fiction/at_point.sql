-- fiction/at_point: whether a point belongs to the fictional territory or to a real one: the
-- side of the commune that covers it, else of the loaded commune nearest to it.
-- Inputs: :lon, :lat (WGS84 degrees, EPSG:4326).
-- Output: at most one row: fictional (the commune's boundary dataset's flag), commune_code,
--   departement_code. No row when no commune with an outline is loaded. Among communes at the
--   same least distance (a point on a shared boundary), the smallest code.
-- Uses the GIST index on commune.geom twice: the least distance by KNN ordering (exact distance
-- for geometries), then the communes within it (ST_DWithin), so that no commune's distance is
-- computed beyond those (ordering every commune by distance and code would compute them all).
WITH least_distance AS (   -- the point written out each time: a KNN ordering needs it inline
  SELECT ST_Distance(c.geom, ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326)) AS d
  FROM commune c
  WHERE c.geom IS NOT NULL
  ORDER BY c.geom <-> ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326)
  LIMIT 1
)
SELECT d.fictional, c.code AS commune_code, c.departement_code
FROM commune c
JOIN dataset d ON d.id = c.dataset_id
CROSS JOIN least_distance l
WHERE c.geom IS NOT NULL
  AND ST_DWithin(c.geom, ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326), l.d)
ORDER BY ST_Distance(c.geom, ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), 4326)),
         c.code
LIMIT 1
