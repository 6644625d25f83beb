-- 023: planners and reviewers may work on an établissement public territorial (EPT) of the
-- Métropole du Grand Paris (migration 020), beside a département, an EPCI or a commune.
-- docs/security.md describes scopes.

ALTER TABLE app_user_territory DROP CONSTRAINT app_user_territory_level_check;
ALTER TABLE app_user_territory ADD CONSTRAINT app_user_territory_level_check
  CHECK (level IN ('departement', 'epci', 'ept', 'commune'));

-- The rule of migration 019, with the EPT level: an EPT is covered by its own token ('t:' || code).
-- Its communes are covered by their own tokens, which server/src/domain/accounts/visibility.ts
-- adds to the rule of an EPT scope (the EPT's members at the request), so that the signature
-- and every caller stay as they are. Neither the Métropole (an EPCI) nor a département is
-- covered by an EPT scope.
CREATE OR REPLACE FUNCTION childminders_exact(rule text, level text, code text, epci_code text,
                                              departement_code text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN rule = '*' THEN true
    WHEN rule IS NULL OR rule = '' THEN false
    ELSE coalesce(
      CASE level
        WHEN 'commune' THEN ARRAY['c:' || code, 'e:' || epci_code, 'd:' || departement_code]
        WHEN 'epci' THEN ARRAY['e:' || code, 'd:' || departement_code]
        WHEN 'ept' THEN ARRAY['t:' || code]
        WHEN 'departement' THEN ARRAY['d:' || code]
      END && string_to_array(rule, ' '), false)
  END
$$;
