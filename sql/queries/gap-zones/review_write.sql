-- review_write: stores a changed review.
-- Inputs:
--   :zone_id, :status, :assignee_id (null: nobody), :assignee_name, :version (the new one),
--   :actor_id, :actor_name (who changed it)
-- Output: none.
UPDATE gap_zone_review
SET status = :status, assignee_id = CAST(:assignee_id AS integer),
    assignee_name = CAST(:assignee_name AS text), version = :version, updated_at = now(),
    updated_by_id = :actor_id, updated_by_name = :actor_name
WHERE zone_id = :zone_id
