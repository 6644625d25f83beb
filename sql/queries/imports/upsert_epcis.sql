-- imports/upsert_epcis: create or update the EPCI of imported communes.
-- Inputs: :rows (JSON array of {code (SIREN), name, kind ('CC'|'CA'|'CU'|'MET'|'EPT'),
--   departement_code}), :dataset_id (int).
-- Output: none. Outlines are recomputed by imports/derive_outlines.
INSERT INTO epci (code, name, kind, departement_code, dataset_id)
SELECT code, name, kind, departement_code, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(code text, name text, kind text, departement_code text)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, departement_code = EXCLUDED.departement_code
WHERE (epci.name, epci.kind, epci.departement_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.departement_code)
