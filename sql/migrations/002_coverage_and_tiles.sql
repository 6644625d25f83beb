-- 002: figures computed by the coverage module, and geometry columns for fast tiles.

-- Web Mercator copies and label points, kept in step with geom by PostgreSQL itself.
ALTER TABLE departement
  ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  ADD COLUMN label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED;
ALTER TABLE epci
  ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  ADD COLUMN label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED;
ALTER TABLE commune
  ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  ADD COLUMN label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED;
ALTER TABLE eaje ADD COLUMN geom_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE mam ADD COLUMN geom_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
ALTER TABLE road_edge ADD COLUMN geom_3857 geometry(LineString, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;

-- Display geometries for GeoJSON lists (tiles simplify per zoom instead). Tolerances in degrees:
-- about 150 m for départements, 80 m for EPCI, 30 m for communes.
ALTER TABLE departement ADD COLUMN geom_display geometry GENERATED ALWAYS AS (ST_SimplifyPreserveTopology(geom, 0.0015)) STORED;
ALTER TABLE epci ADD COLUMN geom_display geometry GENERATED ALWAYS AS (ST_SimplifyPreserveTopology(geom, 0.0008)) STORED;
ALTER TABLE commune ADD COLUMN geom_display geometry GENERATED ALWAYS AS (ST_SimplifyPreserveTopology(geom, 0.0003)) STORED;

CREATE INDEX departement_geom_3857_idx ON departement USING gist (geom_3857);
CREATE INDEX epci_geom_3857_idx ON epci USING gist (geom_3857);
CREATE INDEX commune_geom_3857_idx ON commune USING gist (geom_3857);
CREATE INDEX eaje_geom_3857_idx ON eaje USING gist (geom_3857);
CREATE INDEX mam_geom_3857_idx ON mam USING gist (geom_3857);
CREATE INDEX road_edge_geom_3857_idx ON road_edge USING gist (geom_3857);

-- The official coverage rate (TCG) per territory and year, as computed by the pure coverage
-- module (server/src/domain/coverage) and written here by the coverage service after every
-- load or import: one owner for the computation, and tiles and lists read the same figures.
-- places_am / places_mam are AM places counted for under-3s (agreement places x the share).
CREATE TABLE coverage_figure (
  level                 text NOT NULL CHECK (level IN ('commune', 'epci', 'departement')),
  code                  text NOT NULL,
  year                  smallint NOT NULL,
  name                  text NOT NULL,
  epci_code             text,
  departement_code      text,
  children_under3       double precision,
  places_eaje_psu       double precision NOT NULL,
  places_eaje_hors_psu  double precision NOT NULL,
  places_am             double precision NOT NULL,
  places_mam            double precision NOT NULL,
  places_home_care      double precision NOT NULL,
  places_preschool      double precision NOT NULL,
  places_total          double precision NOT NULL,
  coverage_rate         double precision,          -- places per 100 children under 3; null = no children / no data
  small_population      boolean NOT NULL,
  reference_national    double precision,          -- national rate used for the class (carried forward if needed)
  reference_departement double precision,          -- the département's own rate that year
  class_national        text NOT NULL,             -- gap class against the national reference
  class_departement     text NOT NULL,             -- gap class against the département's rate
  fictional             boolean NOT NULL,
  dataset_ids           integer[] NOT NULL,        -- provenance of the inputs
  PRIMARY KEY (level, code, year)
);
CREATE INDEX coverage_figure_year_idx ON coverage_figure (level, year);
