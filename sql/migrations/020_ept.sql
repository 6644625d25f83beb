-- 020: the établissements publics territoriaux (EPT) of the Métropole du Grand Paris.
--
-- The communes of Hauts-de-Seine, Seine-Saint-Denis and Val-de-Marne (and a few of Essonne and
-- Val-d'Oise) belong to the Métropole du Grand Paris (their EPCI, a single one of 130 communes)
-- and, inside it, to one of eleven EPT, the level early-childhood planning is done at. Paris
-- itself belongs to no EPT. The EPT and their members come from the reference data of
-- `@etalab/decoupage-administratif` (data/ept.json), written by the reference and boundaries
-- imports (docs/data.md). An EPT's outline is the union of its loaded communes
-- (sql/queries/imports/derive_ept_outlines.sql); its figures are sums over its communes, as an
-- EPCI's (kernel/coverage-figures).
CREATE TABLE ept (
  code             text PRIMARY KEY CHECK (code ~ '^[0-9]{9}$'),  -- SIREN
  name             text NOT NULL,
  departement_code text,                    -- the département most of its members belong to
  geom             geometry(MultiPolygon, 4326),
  dataset_id       integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  geom_3857        geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  label_point      geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED,
  display_geojson  text GENERATED ALWAYS AS (ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0008), 5)) STORED
);
CREATE INDEX ept_geom_3857_idx ON ept USING gist (geom_3857);
CREATE INDEX ept_dataset_idx ON ept (dataset_id);

ALTER TABLE commune ADD COLUMN ept_code text REFERENCES ept (code) ON DELETE SET NULL;
CREATE INDEX commune_ept_idx ON commune (ept_code);

-- Figures at the EPT level, and a commune's EPT beside its EPCI (statistical secrecy treats the
-- EPT as one more parent of its communes).
ALTER TABLE coverage_figure DROP CONSTRAINT coverage_figure_level_check;
ALTER TABLE coverage_figure ADD CONSTRAINT coverage_figure_level_check
  CHECK (level IN ('commune', 'epci', 'ept', 'departement'));
ALTER TABLE coverage_figure ADD COLUMN ept_code text;
