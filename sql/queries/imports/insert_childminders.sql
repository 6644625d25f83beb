-- imports/insert_childminders: childminders (AM) of one imported list.
-- Inputs: :rows (JSON array of {source_id, commune_code, agreement_places int, active bool,
--   mam_source_id, lon float8|null, lat float8|null, started_year, ended_year}), :dataset_id.
-- Output: none. geom is the AM's home (personal data: never served individually); without
--   coordinates the AM is placed at the commune's label point, flagged location_approximate.
--   mam_id is linked by imports/link_childminders_to_mams.
INSERT INTO childminder (source_id, commune_code, agreement_places, active, mam_source_id, geom,
                         location_approximate, started_year, ended_year, dataset_id)
SELECT r.source_id, r.commune_code, r.agreement_places, r.active, r.mam_source_id,
       coalesce(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), c.label_point), r.lon IS NULL,
       r.started_year, r.ended_year, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(source_id text, commune_code text, agreement_places int,
       active boolean, mam_source_id text, lon float8, lat float8, started_year int, ended_year int)
JOIN commune c ON c.code = r.commune_code
