-- imports/upsert_mams: MAM of one imported list, updated in place by (dataset, source_id) so that
-- childminders linked to them stay linked.
-- Inputs: :rows (JSON array of {source_id, name, places int, childminder_count int, address,
--   commune_code, lon float8|null, lat float8|null, opened_year, closed_year}), :dataset_id (int).
-- Output: none. Without coordinates a MAM is placed at its commune's label point, flagged
--   location_approximate. A row whose values do not change is not written.
INSERT INTO mam (source_id, name, places, childminder_count, address, commune_code, geom, location_approximate,
                 opened_year, closed_year, dataset_id)
SELECT r.source_id, r.name, r.places, r.childminder_count, r.address, r.commune_code,
       coalesce(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), c.label_point), r.lon IS NULL,
       r.opened_year, r.closed_year, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(source_id text, name text, places int, childminder_count int,
       address text, commune_code text, lon float8, lat float8, opened_year int, closed_year int)
JOIN commune c ON c.code = r.commune_code
ON CONFLICT (dataset_id, source_id) DO UPDATE SET
  name = EXCLUDED.name, places = EXCLUDED.places, childminder_count = EXCLUDED.childminder_count,
  address = EXCLUDED.address, commune_code = EXCLUDED.commune_code, geom = EXCLUDED.geom,
  location_approximate = EXCLUDED.location_approximate, opened_year = EXCLUDED.opened_year,
  closed_year = EXCLUDED.closed_year
WHERE (mam.name, mam.places, mam.childminder_count, mam.address, mam.commune_code, mam.geom,
       mam.location_approximate, mam.opened_year, mam.closed_year)
  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.places, EXCLUDED.childminder_count, EXCLUDED.address,
       EXCLUDED.commune_code, EXCLUDED.geom, EXCLUDED.location_approximate, EXCLUDED.opened_year,
       EXCLUDED.closed_year)
