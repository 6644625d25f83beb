-- decision_add: attaches a decision to a zone.
-- Inputs:
--   :zone_id, :body (1 to 4000 characters), :decided_on ('YYYY-MM-DD'),
--   :link_kind ('facility', 'scenario' or null), :link_ref (with link_kind), :author_id, :author_name
-- Output: the decision as history_decisions gives it.
INSERT INTO gap_zone_decision (zone_id, body, decided_on, link_kind, link_ref, author_id, author_name)
VALUES (:zone_id, :body, CAST(:decided_on AS date), CAST(:link_kind AS text),
        CAST(:link_ref AS text), :author_id, :author_name)
RETURNING CAST(id AS integer) AS id, zone_id, body, to_char(decided_on, 'YYYY-MM-DD') AS decided_on,
          link_kind, link_ref, author_id, author_name,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
