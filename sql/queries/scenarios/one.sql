-- scenarios/one: a saved scenario by id.
-- Inputs: :id (integer).
-- Output: zero or one row, the columns of scenarios/list.
SELECT s.id, s.name, s.year, s.minutes, CAST(s.changes AS text) AS changes, s.communes, s.epcis,
       s.departements, s.author_id, s.author_name, s.version,
       to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
FROM scenario s
WHERE s.id = :id
