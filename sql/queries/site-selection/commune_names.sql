-- commune_names: names of communes by code.
-- Inputs:
--   :codes   JSON array of commune codes (text)
-- Output: code, name, by code
SELECT c.code, c.name
FROM commune c
WHERE c.code IN (SELECT json_array_elements_text(CAST(:codes AS json)))
ORDER BY c.code
