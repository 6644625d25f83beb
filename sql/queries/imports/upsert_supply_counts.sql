-- imports/upsert_supply_counts: places known only as counts per commune and year (garde à
-- domicile, préscolarisation).
-- Inputs: :rows (JSON array of {commune_code, year int, mode ('garde_domicile'|'prescolarisation'),
--   places float8 (>= 0)}), :dataset_id (int).
-- Output: none. A (commune, year, mode) already stored is replaced, and credited to this dataset.
INSERT INTO supply_count (commune_code, year, mode, places, dataset_id)
SELECT commune_code, year, mode, places, :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(commune_code text, year int, mode text, places float8)
ON CONFLICT (commune_code, year, mode) DO UPDATE SET places = EXCLUDED.places, dataset_id = EXCLUDED.dataset_id
