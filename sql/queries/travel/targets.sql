-- targets: the places a "time to the nearest place" or a matrix goes to.
-- Inputs:
--   :year        facilities open that year: (opened_year IS NULL OR opened_year <= Y)
--                AND (closed_year IS NULL OR closed_year > Y)
--   :eaje, :mam  booleans: which kinds of facility
--   :min_places  only facilities with at least this many authorised places (1: all)
--   :fictional   the side of the data (server/src/kernel/fiction.ts): facilities of its datasets
-- Output: one row per facility, by type and id:
--   type ('eaje' | 'mam'), id, name, places (authorised places; a MAM's own capacity),
--   lon, lat (WGS84 degrees), location_approximate, dataset_id.
-- Childminders working at home are never targets: their home is personal data.
SELECT 'eaje' AS type, id, name, places, ST_X(geom) AS lon, ST_Y(geom) AS lat, location_approximate, dataset_id
FROM eaje
WHERE :eaje AND places >= :min_places AND dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
  AND (opened_year IS NULL OR opened_year <= :year) AND (closed_year IS NULL OR closed_year > :year)
UNION ALL
SELECT 'mam', id, name, places, ST_X(geom), ST_Y(geom), location_approximate, dataset_id
FROM mam
WHERE :mam AND places >= :min_places AND dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
  AND (opened_year IS NULL OR opened_year <= :year) AND (closed_year IS NULL OR closed_year > :year)
ORDER BY 1, 2
