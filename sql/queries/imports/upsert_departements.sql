-- imports/upsert_departements: create or rename départements of imported communes.
-- Inputs: :rows (JSON array of {code, name, prefecture_code}), :dataset_id (int).
-- Output: none. A département keeps the dataset that created it and its outline (recomputed by
--   imports/derive_outlines after communes change).
INSERT INTO departement (code, name, prefecture_code, dataset_id)
SELECT code, name, prefecture_code, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(code text, name text, prefecture_code text)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, prefecture_code = EXCLUDED.prefecture_code
WHERE (departement.name, departement.prefecture_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.prefecture_code)
