-- imports/derive_ept_outlines: EPT outlines as the union of their loaded communes.
-- Inputs: :departements (JSON array of codes whose communes changed).
-- Output: epts (outlines that changed). Every EPT with a commune in those départements, and
--   every EPT left without any commune polygon (which loses its outline), is recomputed: there
--   are eleven, so plain ST_Union, repaired, serves both PostGIS builds. WGS84 MultiPolygons.
WITH touched AS (
  SELECT DISTINCT c.ept_code AS code FROM commune c
  WHERE c.ept_code IS NOT NULL
    AND c.departement_code IN (SELECT json_array_elements_text(CAST(:departements AS json)))
), outline AS (
  SELECT c.ept_code AS code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom ORDER BY c.code)), 3)) AS g
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.ept_code IN (SELECT code FROM touched)
  GROUP BY c.ept_code
), upd AS (
  UPDATE ept SET geom = o.g FROM outline o
  WHERE ept.code = o.code AND ept.geom IS DISTINCT FROM o.g RETURNING 1
), none AS (
  UPDATE ept SET geom = NULL
  WHERE geom IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.ept_code = ept.code AND c.geom IS NOT NULL)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd) + (SELECT count(*) FROM none) AS epts
