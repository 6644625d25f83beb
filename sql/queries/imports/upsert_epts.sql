-- imports/upsert_epts: create or update the EPT (Métropole du Grand Paris) of imported communes
-- and record each commune's EPT.
-- Inputs: :epts (JSON array of {code (SIREN), name, departement_code}), :communes (JSON array of
--   {code, ept_code}: every commune the import wrote, ept_code null for a commune in no EPT),
--   :dataset_id (int).
-- Output: epts (EPT rows written), communes (communes whose EPT changed). An EPT keeps the
--   dataset that first wrote it (as an EPCI does); its outline is recomputed by
--   imports/derive_ept_outlines.
WITH e AS (
  INSERT INTO ept (code, name, departement_code, dataset_id)
  SELECT code, name, departement_code, :dataset_id
  FROM json_to_recordset(CAST(:epts AS json)) AS r(code text, name text, departement_code text)
  ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, departement_code = EXCLUDED.departement_code
  WHERE (ept.name, ept.departement_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.departement_code)
  RETURNING 1
), c AS (
  UPDATE commune SET ept_code = r.ept_code
  FROM json_to_recordset(CAST(:communes AS json)) AS r(code text, ept_code text)
  WHERE commune.code = r.code AND commune.ept_code IS DISTINCT FROM r.ept_code
  RETURNING 1
)
SELECT (SELECT count(*) FROM e) AS epts, (SELECT count(*) FROM c) AS communes
