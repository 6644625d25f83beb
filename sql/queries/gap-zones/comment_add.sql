-- comment_add: adds a comment to a zone.
-- Inputs:
--   :zone_id, :body (1 to 4000 characters), :author_id, :author_name
-- Output: the comment as history_comments gives it.
INSERT INTO gap_zone_comment (zone_id, body, author_id, author_name)
VALUES (:zone_id, :body, :author_id, :author_name)
RETURNING CAST(id AS integer) AS id, zone_id, body, author_id, author_name,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
