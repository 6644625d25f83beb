-- scenarios/place: the territories a scenario's changes touch: the communes holding its new
-- sites and the facilities it closes or changes, with their EPCI and départements.
-- Inputs:
--   :points      JSON array of [lon, lat] (WGS84 degrees) of the sites it adds
--   :facilities  JSON array of facility ids as the API names them (eaje-12, mam-3)
-- Output: one row: communes, epcis, departements (text[] of codes, sorted, distinct);
--   unplaced (integer: points in no loaded commune and facilities unknown).
WITH pts AS (
  SELECT CAST(p ->> 0 AS float8) AS lon, CAST(p ->> 1 AS float8) AS lat
  FROM json_array_elements(CAST(:points AS json)) p
), point_communes AS (
  SELECT (SELECT c.code FROM commune c
          WHERE ST_Covers(c.geom, ST_SetSRID(ST_MakePoint(pts.lon, pts.lat), 4326))
          ORDER BY c.code LIMIT 1) AS code
  FROM pts
), ids AS (
  SELECT split_part(f, '-', 1) AS kind, CAST(split_part(f, '-', 2) AS bigint) AS id
  FROM json_array_elements_text(CAST(:facilities AS json)) f
), facility_communes AS (
  SELECT CASE WHEN ids.kind = 'eaje' THEN (SELECT e.commune_code FROM eaje e WHERE e.id = ids.id)
              ELSE (SELECT m.commune_code FROM mam m WHERE m.id = ids.id) END AS code
  FROM ids
), touched AS (
  SELECT code FROM point_communes UNION ALL SELECT code FROM facility_communes
)
SELECT coalesce(array_agg(DISTINCT c.code ORDER BY c.code), '{}') AS communes,
       coalesce(array_agg(DISTINCT c.epci_code ORDER BY c.epci_code)
                  FILTER (WHERE c.epci_code IS NOT NULL), '{}') AS epcis,
       coalesce(array_agg(DISTINCT c.departement_code ORDER BY c.departement_code), '{}')
         AS departements,
       (SELECT CAST(count(*) AS integer) FROM touched WHERE code IS NULL) AS unplaced
FROM touched t
LEFT JOIN commune c ON c.code = t.code
WHERE t.code IS NOT NULL
