-- history_comments: the comments of some zones, oldest first.
-- Inputs:
--   :zone_ids  json text: [id…]
-- Output: id, zone_id, body, author_id, author_name, created_at (ISO 8601 UTC text).
SELECT CAST(id AS integer) AS id, zone_id, body, author_id, author_name,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
FROM gap_zone_comment
WHERE zone_id IN (SELECT json_array_elements_text(CAST(:zone_ids AS json)))
ORDER BY id
