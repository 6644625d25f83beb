-- imports/delete_empty_epcis: remove the EPCI that no loaded commune belongs to any more.
-- Inputs: :epcis (JSON array of EPCI codes to look at: those of removed communes).
-- Output: epcis (rows removed). An EPCI that keeps communes is left to imports/derive_outlines.
WITH gone AS (
  DELETE FROM epci e
  WHERE e.code IN (SELECT json_array_elements_text(CAST(:epcis AS json)))
    AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.epci_code = e.code)
  RETURNING 1
)
SELECT count(*) AS epcis FROM gone
