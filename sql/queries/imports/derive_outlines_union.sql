-- imports/derive_outlines_union: as imports/derive_outlines, for PostGIS builds without the
-- ST_CoverageUnion aggregate (before 3.4): plain ST_Union, repaired.
-- Inputs: :departements (JSON array of codes), :epcis (JSON array of SIREN codes).
-- Output: departements, epcis (outlines that changed; a territory left without any commune
--   polygon loses its outline). WGS84 MultiPolygons.
WITH d AS (
  SELECT c.departement_code AS code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom ORDER BY c.code)), 3)) AS g
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.departement_code IN (SELECT json_array_elements_text(CAST(:departements AS json)))
  GROUP BY c.departement_code
), upd_d AS (
  UPDATE departement SET geom = d.g FROM d
  WHERE departement.code = d.code AND departement.geom IS DISTINCT FROM d.g RETURNING 1
), e AS (
  SELECT c.epci_code AS code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom ORDER BY c.code)), 3)) AS g
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.epci_code IN (SELECT json_array_elements_text(CAST(:epcis AS json)))
  GROUP BY c.epci_code
), upd_e AS (
  UPDATE epci SET geom = e.g FROM e
  WHERE epci.code = e.code AND epci.geom IS DISTINCT FROM e.g RETURNING 1
), none_d AS (
  UPDATE departement SET geom = NULL
  WHERE code IN (SELECT json_array_elements_text(CAST(:departements AS json))) AND geom IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.departement_code = departement.code AND c.geom IS NOT NULL)
  RETURNING 1
), none_e AS (
  UPDATE epci SET geom = NULL
  WHERE code IN (SELECT json_array_elements_text(CAST(:epcis AS json))) AND geom IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.epci_code = epci.code AND c.geom IS NOT NULL)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd_d) + (SELECT count(*) FROM none_d) AS departements,
       (SELECT count(*) FROM upd_e) + (SELECT count(*) FROM none_e) AS epcis
