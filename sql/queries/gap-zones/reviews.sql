-- reviews: the reviews of some zones (a zone never reviewed has no row).
-- Inputs:
--   :zone_ids  json text: [id…]
-- Output: one row per reviewed zone: zone_id, status, assignee_id, assignee_name, version,
--   updated_at (ISO 8601 UTC text), updated_by_id, updated_by_name.
SELECT zone_id, status, assignee_id, assignee_name, version,
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at,
       updated_by_id, updated_by_name
FROM gap_zone_review
WHERE zone_id IN (SELECT json_array_elements_text(CAST(:zone_ids AS json)))
ORDER BY zone_id
