-- imports/upsert_eaje: EAJE of one imported list, inserted or updated in place by (dataset,
-- source_id): a list re-imported keeps the identity of its rows.
-- Inputs: :rows (JSON array of {source_id, name, kind, financing, places int, manager,
--   manager_kind, address, commune_code, lon float8|null, lat float8|null, opened_year,
--   closed_year}), :dataset_id (int).
-- Output: none. A row without coordinates is placed at its commune's label point (WGS84) and
--   flagged location_approximate. A row whose values do not change is not written.
INSERT INTO eaje (source_id, name, kind, financing, places, manager, manager_kind, address, commune_code,
                  geom, location_approximate, opened_year, closed_year, dataset_id)
SELECT r.source_id, r.name, r.kind, r.financing, r.places, r.manager, r.manager_kind, r.address, r.commune_code,
       coalesce(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), c.label_point), r.lon IS NULL,
       r.opened_year, r.closed_year, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(source_id text, name text, kind text, financing text, places int,
       manager text, manager_kind text, address text, commune_code text, lon float8, lat float8,
       opened_year int, closed_year int)
JOIN commune c ON c.code = r.commune_code
ON CONFLICT (dataset_id, source_id) DO UPDATE SET
  name = EXCLUDED.name, kind = EXCLUDED.kind, financing = EXCLUDED.financing, places = EXCLUDED.places,
  manager = EXCLUDED.manager, manager_kind = EXCLUDED.manager_kind, address = EXCLUDED.address,
  commune_code = EXCLUDED.commune_code, geom = EXCLUDED.geom, location_approximate = EXCLUDED.location_approximate,
  opened_year = EXCLUDED.opened_year, closed_year = EXCLUDED.closed_year
WHERE (eaje.name, eaje.kind, eaje.financing, eaje.places, eaje.manager, eaje.manager_kind, eaje.address,
       eaje.commune_code, eaje.geom, eaje.location_approximate, eaje.opened_year, eaje.closed_year)
  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.financing, EXCLUDED.places, EXCLUDED.manager,
       EXCLUDED.manager_kind, EXCLUDED.address, EXCLUDED.commune_code, EXCLUDED.geom,
       EXCLUDED.location_approximate, EXCLUDED.opened_year, EXCLUDED.closed_year)
