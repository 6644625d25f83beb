-- imports/derive_outlines: département and EPCI outlines as the union of their loaded communes.
-- Inputs: :departements (JSON array of codes), :epcis (JSON array of SIREN codes) whose
--   communes changed.
-- Output: departements, epcis (outlines that changed; a territory left without any commune
--   polygon loses its outline). WGS84 MultiPolygons. Communes normally form
--   a coverage (shared edges, no overlap): ST_CoverageUnion dissolves it about ten times faster
--   than ST_Union; when its result is invalid or loses area (overlaps, mismatched edges) the
--   group falls back to ST_Union, repaired. An EPCI that crosses a département line gets the
--   outline of its loaded communes only; territories without geometry keep a null outline.
--   ST_CoverageUnion returns SRID 0 in some PostGIS builds: set back to 4326, so that an
--   unchanged outline compares equal and is not written again.
WITH d AS (
  SELECT c.departement_code AS code, ST_SetSRID(ST_CoverageUnion(c.geom ORDER BY c.code), 4326) AS cu, sum(ST_Area(c.geom)) AS parts_area
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.departement_code IN (SELECT json_array_elements_text(CAST(:departements AS json)))
  GROUP BY c.departement_code
), d_outline AS (
  SELECT d.code,
         CASE WHEN d.cu IS NOT NULL AND ST_IsValid(d.cu) AND abs(ST_Area(d.cu) - d.parts_area) <= 1e-6 * d.parts_area
              THEN ST_Multi(ST_CollectionExtract(d.cu, 3))
              ELSE (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom ORDER BY c.code)), 3))
                    FROM commune c WHERE c.geom IS NOT NULL AND c.departement_code = d.code) END AS g
  FROM d
), upd_d AS (
  UPDATE departement SET geom = o.g FROM d_outline o
  WHERE departement.code = o.code AND departement.geom IS DISTINCT FROM o.g RETURNING 1
), e AS (
  SELECT c.epci_code AS code, ST_SetSRID(ST_CoverageUnion(c.geom ORDER BY c.code), 4326) AS cu, sum(ST_Area(c.geom)) AS parts_area
  FROM commune c
  WHERE c.geom IS NOT NULL AND c.epci_code IN (SELECT json_array_elements_text(CAST(:epcis AS json)))
  GROUP BY c.epci_code
), e_outline AS (
  SELECT e.code,
         CASE WHEN e.cu IS NOT NULL AND ST_IsValid(e.cu) AND abs(ST_Area(e.cu) - e.parts_area) <= 1e-6 * e.parts_area
              THEN ST_Multi(ST_CollectionExtract(e.cu, 3))
              ELSE (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(c.geom ORDER BY c.code)), 3))
                    FROM commune c WHERE c.geom IS NOT NULL AND c.epci_code = e.code) END AS g
  FROM e
), upd_e AS (
  UPDATE epci SET geom = o.g FROM e_outline o
  WHERE epci.code = o.code AND epci.geom IS DISTINCT FROM o.g RETURNING 1
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
