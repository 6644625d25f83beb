-- scenarios/list: every saved scenario, the last changed first (the service keeps those of the
-- caller's territories).
-- Inputs: none.
-- Output: id, name, year (null: latest), minutes, changes (json text), communes, epcis,
--   departements (text[]), author_id (null: account gone), author_name, version, created_at,
--   updated_at (ISO 8601 UTC text).
SELECT s.id, s.name, s.year, s.minutes, CAST(s.changes AS text) AS changes, s.communes, s.epcis,
       s.departements, s.author_id, s.author_name, s.version,
       to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
FROM scenario s
ORDER BY s.updated_at DESC, s.id DESC
