-- history_audit: the audit trail of some zones, oldest first.
-- Inputs:
--   :zone_ids  json text: [id…]
-- Output: id, zone_id, at (ISO 8601 UTC text), actor_id, actor_name, action, before and after
--   (json text, before null for what did not exist).
SELECT CAST(id AS integer) AS id, zone_id,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
       actor_id, actor_name, action, CAST(before AS text) AS before, CAST(after AS text) AS after
FROM gap_zone_audit
WHERE zone_id IN (SELECT json_array_elements_text(CAST(:zone_ids AS json)))
ORDER BY id
