-- imports/insert_code_history: former INSEE codes of loaded communes.
-- Inputs: :rows (JSON array of {old_code, commune_code, old_name}).
-- Output: none. Already known pairs are left as they are.
INSERT INTO commune_code_history (old_code, commune_code, old_name)
SELECT old_code, commune_code, old_name
FROM json_to_recordset(CAST(:rows AS json)) AS r(old_code text, commune_code text, old_name text)
WHERE EXISTS (SELECT 1 FROM commune c WHERE c.code = r.commune_code)
ON CONFLICT (old_code, commune_code) DO UPDATE SET old_name = coalesce(EXCLUDED.old_name, commune_code_history.old_name)
WHERE EXCLUDED.old_name IS NOT NULL AND EXCLUDED.old_name IS DISTINCT FROM commune_code_history.old_name
