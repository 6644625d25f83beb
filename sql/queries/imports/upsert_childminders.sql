-- imports/upsert_childminders: childminders (AM) of one imported list, inserted or updated in
-- place by (dataset, source_id).
-- Inputs: :rows (JSON array of {source_id, commune_code, agreement_places int, active bool,
--   mam_source_id, lon float8|null, lat float8|null, started_year, ended_year, birth_year int|null}), :dataset_id,
--   :birth_years_given (false: the file has no year-of-birth column, and the years already
--   stored are kept rather than erased).
-- Output: none. geom is the AM's home (personal data: never served individually); without
--   coordinates the AM is placed at the commune's label point, flagged location_approximate.
--   mam_id is linked by imports/link_childminders_to_mams (an AM whose MAM identifier changes
--   is unlinked first). birth_year is personal data too (only aggregated departures are served).
--   A row whose values do not change is not written.
INSERT INTO childminder (source_id, commune_code, agreement_places, active, mam_source_id, geom,
                         location_approximate, started_year, ended_year, birth_year, dataset_id)
SELECT r.source_id, r.commune_code, r.agreement_places, r.active, r.mam_source_id,
       coalesce(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), c.label_point), r.lon IS NULL,
       r.started_year, r.ended_year, r.birth_year, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(source_id text, commune_code text, agreement_places int,
       active boolean, mam_source_id text, lon float8, lat float8, started_year int, ended_year int, birth_year int)
JOIN commune c ON c.code = r.commune_code
ON CONFLICT (dataset_id, source_id) DO UPDATE SET
  commune_code = EXCLUDED.commune_code, agreement_places = EXCLUDED.agreement_places, active = EXCLUDED.active,
  mam_id = CASE WHEN childminder.mam_source_id IS DISTINCT FROM EXCLUDED.mam_source_id THEN NULL ELSE childminder.mam_id END,
  mam_source_id = EXCLUDED.mam_source_id, geom = EXCLUDED.geom, location_approximate = EXCLUDED.location_approximate,
  started_year = EXCLUDED.started_year, ended_year = EXCLUDED.ended_year,
  birth_year = CASE WHEN :birth_years_given THEN EXCLUDED.birth_year ELSE childminder.birth_year END
WHERE (childminder.commune_code, childminder.agreement_places, childminder.active, childminder.mam_source_id,
       childminder.geom, childminder.location_approximate, childminder.started_year, childminder.ended_year,
       childminder.birth_year)
  IS DISTINCT FROM (EXCLUDED.commune_code, EXCLUDED.agreement_places, EXCLUDED.active, EXCLUDED.mam_source_id,
       EXCLUDED.geom, EXCLUDED.location_approximate, EXCLUDED.started_year, EXCLUDED.ended_year,
       CASE WHEN :birth_years_given THEN EXCLUDED.birth_year ELSE childminder.birth_year END)
