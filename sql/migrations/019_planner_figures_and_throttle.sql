-- 019: exact childminder figures by territory for signed-in planners and reviewers, and the
-- sign-in throttle per client address kept in the database (shared by every API process).
-- docs/security.md describes both.

-- Whether a viewer's rule shows the childminder figures of a territory as they are. `rule` is
-- built by server/src/domain/accounts/visibility.ts: '*' (administrators: everywhere), '' (the
-- public: nowhere), or space-separated tokens of the territories a user works on ('d:18',
-- 'e:200000172', 'c:18033'). A commune is covered by its own token, its EPCI's or its
-- département's; an EPCI by its own or its seat's département; a département by its own.
-- Inlined by the planner (LANGUAGE sql, IMMUTABLE), so it costs no call per row.
CREATE FUNCTION childminders_exact(rule text, level text, code text, epci_code text,
                                   departement_code text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN rule = '*' THEN true
    WHEN rule IS NULL OR rule = '' THEN false
    ELSE coalesce(
      CASE level
        WHEN 'commune' THEN ARRAY['c:' || code, 'e:' || epci_code, 'd:' || departement_code]
        WHEN 'epci' THEN ARRAY['e:' || code, 'd:' || departement_code]
        WHEN 'departement' THEN ARRAY['d:' || code]
      END && string_to_array(rule, ' '), false)
  END
$$;

-- Refused sign-ins per client address and window (express-rate-limit's store), so that an
-- address is throttled the same whichever API process answers it.
CREATE TABLE sign_in_throttle (
  address_key  text PRIMARY KEY,               -- the limiter's key of the client address
  hits         integer NOT NULL,               -- refused sign-ins in the current window
  reset_at     timestamptz NOT NULL            -- end of the window
);
CREATE INDEX sign_in_throttle_reset ON sign_in_throttle (reset_at);
