-- 017: what the forecasts project from (server/src/domain/forecast, docs/forecasts.md).
--
-- Births: INSEE's état civil counts births by the mother's commune of residence ("naissances
-- domiciliées") and calendar year. Children under 3 on 1 January of Y were born in Y−1, Y−2 and
-- Y−3, so births give the children of the next three years before any census does.
-- Childminders' years of birth, where the list gives them: departures are projected from them
-- (retirement at a documented age). A year of birth is personal data: it is never served, only
-- counts of departures by year for a territory above the secrecy threshold.

ALTER TABLE dataset DROP CONSTRAINT dataset_kind_check;
ALTER TABLE dataset ADD CONSTRAINT dataset_kind_check CHECK (kind IN ('territory', 'reference',
  'population', 'eaje', 'childminders', 'mam', 'supply_counts', 'roads', 'caf_coverage', 'grid',
  'births'));

CREATE TABLE births (
  commune_code text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  year         integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  births       integer NOT NULL CHECK (births >= 0),  -- live births of mothers living in the commune
  dataset_id   integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  PRIMARY KEY (commune_code, year)
);
CREATE INDEX births_dataset_idx ON births (dataset_id);

ALTER TABLE childminder
  ADD COLUMN birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100);
COMMENT ON COLUMN childminder.birth_year IS
  'year of birth when the list gives it (personal data: only aggregated departures leave the server)';
