-- imports/derive_outlines: département and EPCI outlines as the union of their loaded communes.
-- Inputs: :departements (JSON array of codes), :epcis (JSON array of SIREN codes) whose
--   communes changed.
-- Output: departements, epcis (outlines updated). WGS84 MultiPolygons. Communes normally form
--   a coverage (shared edges, no overlap): ST_CoverageUnion dissolves it about ten times faster
--   than ST_Union; when its result is invalid or loses area (overlaps, mismatched edges) the
--   group falls back to ST_Union, repaired. An EPCI that crosses a département line gets the
--   outline of its loaded communes only; territories without geometry keep a null outline.
WITH d AS (
  SELECT c.departement_code AS code, ST_CoverageUnion(c.geom) AS cu, sum(ST_Area(c.geom)) AS parts_area
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.departement_code IN (SELECT json_array_elements_text(CAST(:departements AS json)))
  GROUP BY c.departement_code
), d_outline AS (
  SELECT d.code,
         CASE WHEN d.cu IS NOT NULL AND ST_IsValid(d.cu) AND abs(ST_Area(d.cu) - d.parts_area) <= 1e-6 * d.parts_area
              THEN ST_Multi(ST_CollectionExtract(d.cu, 3))
              ELSE (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom)), 3))
                    FROM commune c WHERE c.geom IS NOT NULL AND c.departement_code = d.code) END AS g
  FROM d
), upd_d AS (
  UPDATE departement SET geom = o.g FROM d_outline o WHERE departement.code = o.code RETURNING 1
), e AS (
  SELECT c.epci_code AS code, ST_CoverageUnion(c.geom) AS cu, sum(ST_Area(c.geom)) AS parts_area
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.epci_code IN (SELECT json_array_elements_text(CAST(:epcis AS json)))
  GROUP BY c.epci_code
), e_outline AS (
  SELECT e.code,
         CASE WHEN e.cu IS NOT NULL AND ST_IsValid(e.cu) AND abs(ST_Area(e.cu) - e.parts_area) <= 1e-6 * e.parts_area
              THEN ST_Multi(ST_CollectionExtract(e.cu, 3))
              ELSE (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom)), 3))
                    FROM commune c WHERE c.geom IS NOT NULL AND c.epci_code = e.code) END AS g
  FROM e
), upd_e AS (
  UPDATE epci SET geom = o.g FROM e_outline o WHERE epci.code = o.code RETURNING 1
)
SELECT (SELECT count(*) FROM upd_d) AS departements, (SELECT count(*) FROM upd_e) AS epcis
