-- imports/upsert_commune_reference: names, département and EPCI membership of communes from the
-- official reference (no geometry).
-- Inputs: :rows (JSON array of {code, name, departement_code, epci_code}), :dataset_id (int).
-- Output: none. A commune already loaded keeps its geometry and its dataset (its boundary's);
--   a new one is created without geometry.
INSERT INTO commune (code, name, departement_code, epci_code, dataset_id)
SELECT code, name, departement_code, epci_code, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(code text, name text, departement_code text, epci_code text)
ON CONFLICT (code) DO UPDATE SET
  name = EXCLUDED.name, departement_code = EXCLUDED.departement_code, epci_code = EXCLUDED.epci_code
WHERE (commune.name, commune.departement_code, commune.epci_code)
  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.departement_code, EXCLUDED.epci_code)
