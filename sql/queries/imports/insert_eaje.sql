-- imports/insert_eaje: EAJE of one imported list.
-- Inputs: :rows (JSON array of {source_id, name, kind, financing, places int, manager,
--   manager_kind, address, commune_code, lon float8|null, lat float8|null, opened_year,
--   closed_year}), :dataset_id (int).
-- Output: none. A row without coordinates is placed at its commune's label point (WGS84) and
--   flagged location_approximate.
INSERT INTO eaje (source_id, name, kind, financing, places, manager, manager_kind, address, commune_code,
                  geom, location_approximate, opened_year, closed_year, dataset_id)
SELECT r.source_id, r.name, r.kind, r.financing, r.places, r.manager, r.manager_kind, r.address, r.commune_code,
       coalesce(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), c.label_point), r.lon IS NULL,
       r.opened_year, r.closed_year, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(source_id text, name text, kind text, financing text, places int,
       manager text, manager_kind text, address text, commune_code text, lon float8, lat float8,
       opened_year int, closed_year int)
JOIN commune c ON c.code = r.commune_code
