-- 009: statistical secrecy for childminders (server/src/domain/secrecy, docs/coverage.md).
--
-- Each coverage figure keeps the counts its childminder figures are made of, and whether a
-- public view withholds them: `childminders_secret` 'small' (fewer than the threshold: shown as
-- "moins de N"), 'complementary' (withheld so that a small neighbour cannot be found by
-- subtraction), or NULL (public). The flags are written with the figures (refreshCoverage) and
-- again when the server starts with another threshold (BERCEAU_SECRECY_THRESHOLD): one row,
-- `secrecy_setting`, records the threshold they were computed with. `revision` changes whenever
-- the flags do, and is part of the data version (sql/queries/data_versions.sql), so that cached
-- tiles and answers made under other flags are not served again.

ALTER TABLE coverage_figure
  ADD COLUMN childminders integer NOT NULL DEFAULT 0 CHECK (childminders >= 0),
  ADD COLUMN childminders_at_home integer NOT NULL DEFAULT 0 CHECK (childminders_at_home >= 0),
  ADD COLUMN childminders_secret text CHECK (childminders_secret IN ('small', 'complementary'));

COMMENT ON COLUMN coverage_figure.childminders IS
  'active AM working that year (at home and in a MAM): personal data below the secrecy threshold';
COMMENT ON COLUMN coverage_figure.childminders_at_home IS 'of them, those not working in a MAM';

CREATE TABLE secrecy_setting (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  threshold smallint NOT NULL CHECK (threshold >= 1),
  -- false: the flags have not been computed with `threshold` yet (the server does it at start)
  applied   boolean NOT NULL,
  revision  integer NOT NULL DEFAULT 0
);
INSERT INTO secrecy_setting (threshold, applied) VALUES (3, false);

-- Figures stored before this migration get their counts here (the same rule as
-- sql/queries/coverage/commune_inputs.sql); their flags are computed when the server starts.
UPDATE coverage_figure f
SET childminders = n.all_am, childminders_at_home = n.at_home
FROM (
  SELECT f2.level, f2.code, f2.year,
         count(a.id) AS all_am,
         count(a.id) FILTER (WHERE a.mam_id IS NULL) AS at_home
  FROM coverage_figure f2
  JOIN commune c ON (f2.level = 'commune' AND c.code = f2.code)
                 OR (f2.level = 'epci' AND c.epci_code = f2.code)
                 OR (f2.level = 'departement' AND c.departement_code = f2.code)
  JOIN childminder a ON a.commune_code = c.code AND a.active
                    AND (a.started_year IS NULL OR a.started_year <= f2.year)
                    AND (a.ended_year IS NULL OR a.ended_year > f2.year)
  GROUP BY f2.level, f2.code, f2.year
) n
WHERE f.level = n.level AND f.code = n.code AND f.year = n.year;
