-- audit_add: appends one entry to the audit trail (which refuses UPDATE and DELETE, 014).
-- Inputs:
--   :zone_id, :actor_id, :actor_name, :action ('review', 'comment', 'decision'),
--   :before (json text or null), :after (json text)
-- Output: none.
INSERT INTO gap_zone_audit (zone_id, actor_id, actor_name, action, before, after)
VALUES (:zone_id, :actor_id, :actor_name, :action, CAST(:before AS jsonb), CAST(:after AS jsonb))
