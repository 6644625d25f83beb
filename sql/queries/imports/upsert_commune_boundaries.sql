-- imports/upsert_commune_boundaries: store commune polygons (insert or replace by INSEE code).
-- Inputs: :rows (JSON array of {code, name, departement_code, epci_code, geometry GeoJSON
--   Polygon|MultiPolygon}), :srid (int, CRS of the coordinates: 4326, 2154…), :dataset_id (int).
-- Output: none. Geometries are transformed to WGS84 (EPSG:4326), repaired with ST_MakeValid
--   (only the polygonal part kept) and made Multi; area_km2 is computed on the spheroid.
--   Existing rows of the same code (from the reference import) are replaced in place, so that
--   populations and supply attached to them stay.
INSERT INTO commune (code, name, departement_code, epci_code, geom, area_km2, dataset_id)
SELECT code, name, departement_code, epci_code, g, ST_Area(CAST(g AS geography)) / 1e6, :dataset_id
FROM (
  SELECT r.code, r.name, r.departement_code, r.epci_code,
         ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), :srid), 4326)), 3)) AS g
  FROM json_to_recordset(CAST(:rows AS json)) AS r(code text, name text, departement_code text, epci_code text, geometry json)
) s
ON CONFLICT (code) DO UPDATE SET
  name = EXCLUDED.name, departement_code = EXCLUDED.departement_code, epci_code = EXCLUDED.epci_code,
  geom = EXCLUDED.geom, area_km2 = EXCLUDED.area_km2, dataset_id = EXCLUDED.dataset_id
