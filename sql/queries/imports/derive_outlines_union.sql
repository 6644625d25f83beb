-- imports/derive_outlines_union: as imports/derive_outlines, for PostGIS builds without the
-- ST_CoverageUnion aggregate (before 3.4): plain ST_Union, repaired.
-- Inputs: :departements (JSON array of codes), :epcis (JSON array of SIREN codes).
-- Output: departements, epcis (outlines updated). WGS84 MultiPolygons.
WITH d AS (
  SELECT c.departement_code AS code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom)), 3)) AS g
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.departement_code IN (SELECT json_array_elements_text(CAST(:departements AS json)))
  GROUP BY c.departement_code
), upd_d AS (
  UPDATE departement SET geom = d.g FROM d WHERE departement.code = d.code RETURNING 1
), e AS (
  SELECT c.epci_code AS code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom)), 3)) AS g
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.epci_code IN (SELECT json_array_elements_text(CAST(:epcis AS json)))
  GROUP BY c.epci_code
), upd_e AS (
  UPDATE epci SET geom = e.g FROM e WHERE epci.code = e.code RETURNING 1
)
SELECT (SELECT count(*) FROM upd_d) AS departements, (SELECT count(*) FROM upd_e) AS epcis
