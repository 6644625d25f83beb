-- 014: the review of gap zones by officials (docs/gap-zones.md, "Review"): per zone a status, an
-- assignee and a version; comments; decisions; and an append-only audit trail of every change.
--
-- Keyed by gap_zone.id without a foreign key: a review, its comments and its audit outlive the
-- zone's row (a zone set may be recomputed from scratch), and authors are stored as a user id
-- plus a snapshot of their name, without a foreign key either, so that the history still says
-- who decided once an account is gone.

CREATE TABLE gap_zone_review (
  zone_id        text PRIMARY KEY,             -- gap_zone.id
  status         text NOT NULL DEFAULT 'a_examiner'
                 CHECK (status IN ('a_examiner', 'confirmee', 'action_prevue', 'ecartee')),
  assignee_id    integer,                      -- the user in charge, or none
  assignee_name  text,                         -- their display name when assigned
  version        integer NOT NULL DEFAULT 0,   -- optimistic concurrency: +1 per change
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by_id  integer,
  updated_by_name text,
  CHECK ((assignee_id IS NULL) = (assignee_name IS NULL))
);
CREATE INDEX gap_zone_review_status_idx ON gap_zone_review (status);

CREATE TABLE gap_zone_comment (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_id        text NOT NULL,
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  author_id      integer NOT NULL,
  author_name    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gap_zone_comment_zone_idx ON gap_zone_comment (zone_id, id);

CREATE TABLE gap_zone_decision (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_id        text NOT NULL,
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  decided_on     date NOT NULL,                -- the date of the decision (a comité's), not of the entry
  link_kind      text CHECK (link_kind IN ('facility', 'scenario')),
  link_ref       text,                         -- a facility id (eaje-12), a scenario id or URL
  author_id      integer NOT NULL,
  author_name    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((link_kind IS NULL) = (link_ref IS NULL))
);
CREATE INDEX gap_zone_decision_zone_idx ON gap_zone_decision (zone_id, id);

-- Every change: who, when, which zone, what (review, comment, decision), before and after.
CREATE TABLE gap_zone_audit (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_id        text NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_id       integer NOT NULL,
  actor_name     text NOT NULL,
  action         text NOT NULL CHECK (action IN ('review', 'comment', 'decision')),
  before         jsonb,                        -- null for what did not exist (a new comment)
  after          jsonb NOT NULL
);
CREATE INDEX gap_zone_audit_zone_idx ON gap_zone_audit (zone_id, id);

-- Append-only, whoever connects: the database itself refuses to rewrite or erase the trail.
CREATE FUNCTION gap_zone_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gap_zone_audit is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER gap_zone_audit_no_rewrite BEFORE UPDATE OR DELETE ON gap_zone_audit
  FOR EACH ROW EXECUTE FUNCTION gap_zone_audit_append_only();
CREATE TRIGGER gap_zone_audit_no_truncate BEFORE TRUNCATE ON gap_zone_audit
  FOR EACH STATEMENT EXECUTE FUNCTION gap_zone_audit_append_only();
