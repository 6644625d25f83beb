-- imports/upsert_commune_boundaries: store commune polygons (insert or replace by INSEE code).
-- Inputs: :rows (JSON array of {n int (row number in import_geometry_stage), code, name,
--   departement_code, epci_code}), :dataset_id (int).
-- Output: none. Geometries come from import_geometry_stage, are transformed to WGS84
--   (EPSG:4326), repaired with ST_MakeValid when invalid (only the polygonal part kept) and made
--   Multi; area_km2 is computed on the spheroid. Existing rows of the same code (from the
--   reference import) are replaced in place, so that populations and supply attached stay; a row
--   whose values do not change is not written.
INSERT INTO commune (code, name, departement_code, epci_code, geom, area_km2, dataset_id)
SELECT code, name, departement_code, epci_code, g, ST_Area(CAST(g AS geography)) / 1e6, :dataset_id
FROM (
  SELECT r.code, r.name, r.departement_code, r.epci_code,
         ST_Multi(CASE WHEN ST_IsValid(t.g) THEN t.g ELSE ST_CollectionExtract(ST_MakeValid(t.g), 3) END) AS g
  FROM json_to_recordset(CAST(:rows AS json)) AS r(n int, code text, name text, departement_code text, epci_code text)
  JOIN import_geometry_stage s ON s.n = r.n
  CROSS JOIN LATERAL (SELECT ST_Transform(s.g, 4326) AS g) t
) x
ON CONFLICT (code) DO UPDATE SET
  name = EXCLUDED.name, departement_code = EXCLUDED.departement_code, epci_code = EXCLUDED.epci_code,
  geom = EXCLUDED.geom, area_km2 = EXCLUDED.area_km2, dataset_id = EXCLUDED.dataset_id
WHERE (commune.name, commune.departement_code, commune.epci_code, commune.dataset_id, commune.geom)
  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.departement_code, EXCLUDED.epci_code, EXCLUDED.dataset_id, EXCLUDED.geom)
