-- review_lock: the review of a zone, locked until the end of the transaction (a concurrent
-- change waits, then sees the new version).
-- Inputs:
--   :zone_id
-- Output: one row: status, assignee_id, assignee_name, version.
SELECT status, assignee_id, assignee_name, version
FROM gap_zone_review
WHERE zone_id = :zone_id
FOR UPDATE
