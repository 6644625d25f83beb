-- 021: which modes of the official rate each figure has data for, the Caf's own rate beside it,
-- and the share of childminder places counted for under-3s as a parameter of the figure.
--
-- missing_modes: the modes of the rate (CNAF/ONAPE: EAJE, assistants maternels and their MAM,
-- garde à domicile, préscolarisation) for which no file was loaded for the territory's side,
-- département and year ('eaje', 'am', 'mam', 'home_care', 'preschool'). A figure with a missing
-- mode is a lower bound, classed 'incomplete' rather than measured against a reference.
-- caf_rate: the rate the Caf publishes for the same territory and year (open data txcouv_pe_*),
-- null where none is loaded. am_under3_share: the share applied to childminder places.
ALTER TABLE coverage_figure
  ADD COLUMN missing_modes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN caf_rate double precision,
  ADD COLUMN am_under3_share double precision NOT NULL DEFAULT 0.81;

COMMENT ON COLUMN coverage_figure.missing_modes IS
  'modes of the rate without any loaded file for this territory and year (eaje, am, mam, home_care, preschool)';

-- The share of childminder agreement places counted for under-3s, set per département where the
-- Caf knows its own (import childminders --am-share); elsewhere the national default (0.81,
-- CNAF 2018: server/src/domain/coverage/coverage-rate.ts). Every figure records the share it used.
CREATE TABLE am_under3_share (
  departement_code text PRIMARY KEY REFERENCES departement (code) ON DELETE CASCADE,
  share            double precision NOT NULL CHECK (share > 0 AND share <= 1),
  source           text NOT NULL,
  set_at           timestamptz NOT NULL DEFAULT now()
);
