-- 003: what the importers need beside the domain schema of 001.

-- Coverage figures as the Caf publishes them (open data txcouv_pe_* / nbpla_pe_* / TAUXCOUV20xx),
-- kept beside the figures Berceau computes (coverage_figure) so that both can be compared.
-- Long format: one row per published measure, named after the file's column stem without the
-- level suffix (e.g. 'txcouv', 'txcouv_eaje', 'pl_am_ind', 'tot_offre'); rates are places per
-- 100 children under 3, place counts are places. No foreign key to commune: the Caf publishes
-- territories that may not be loaded.
CREATE TABLE caf_published_coverage (
  level      text NOT NULL CHECK (level IN ('commune', 'epci', 'departement', 'region', 'national')),
  code       text NOT NULL,
  year       smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name       text,
  measure    text NOT NULL,
  value      double precision NOT NULL,
  dataset_id integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  PRIMARY KEY (level, code, year, measure, dataset_id)
);
CREATE INDEX caf_published_coverage_lookup_idx ON caf_published_coverage (level, year, code);

-- Childminders: the MAM they work in, by the identifier of the MAM list, so that the link
-- survives importing the two lists in either order; and whether the location is only the
-- commune's (the file had no coordinates).
ALTER TABLE childminder
  ADD COLUMN mam_source_id text,
  ADD COLUMN location_approximate boolean NOT NULL DEFAULT false;
