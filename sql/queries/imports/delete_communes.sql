-- imports/delete_communes: remove communes and everything attached to them (cascading foreign
-- keys: population, supply, former codes, demand cells).
-- Inputs: :codes (JSON array of INSEE codes).
-- Output: one row: communes (rows removed), epcis (JSON array of the EPCI codes they belonged
--   to, for imports/delete_empty_epcis and imports/derive_outlines). Run imports/commune_removal
--   first for the counts of the cascades.
WITH gone AS (
  DELETE FROM commune WHERE code IN (SELECT json_array_elements_text(CAST(:codes AS json)))
  RETURNING epci_code
)
SELECT count(*) AS communes,
       coalesce(json_agg(DISTINCT epci_code) FILTER (WHERE epci_code IS NOT NULL), '[]') AS epcis
FROM gone
