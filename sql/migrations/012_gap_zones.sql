-- 012: gap zones ("zones sans offre"): connected groups of demand-grid cells with no formal
-- place within N minutes by car (server/src/domain/gap-zones, docs/gap-zones.md).
--
-- Zones are computed by the server for the loaded data and kept, so that a zone's id outlives
-- recomputations (a review will attach to it): a recomputation keeps the id of a zone that keeps
-- at least half of its cells, and records the others as retired (status and successors) instead
-- of deleting them. `gap_zone_set` says, per criterion and parameter (`key`, e.g.
-- `sans_offre:15`), which data version and year the active zones were computed for.
-- Geometries are stored in WGS84 as every table's are (001); areas are geodesic.

CREATE TABLE gap_zone_set (
  key            text PRIMARY KEY,             -- criterion and its parameter: sans_offre:15
  criterion      text NOT NULL CHECK (criterion IN ('sans_offre', 'sous_dotee')),
  parameters     jsonb NOT NULL,               -- { minutes, min_children, reference_rate, … }
  year           integer NOT NULL,             -- year of population and places
  data_version   text NOT NULL,                -- data_versions.sql's `data` it was computed for
  cells          integer NOT NULL,             -- populated cells examined
  cells_unreachable integer NOT NULL,          -- of them, reaching no formal place within the search
  dataset_ids    integer[] NOT NULL,           -- grid, population, boundaries, facilities, roads
  fictional      boolean NOT NULL,
  computed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gap_zone (
  id             text PRIMARY KEY,             -- gz- + 12 hex digits (derived from its first cells)
  set_key        text NOT NULL REFERENCES gap_zone_set (key) ON DELETE CASCADE,
  status         text NOT NULL CHECK (status IN ('active', 'disappeared', 'merged', 'split')),
  successors     text[] NOT NULL DEFAULT '{}', -- for a retired zone: the zones holding its cells
  cells          text[] NOT NULL,              -- demand_cell.cell_id of its cells (the last ones, once retired)
  children       double precision NOT NULL,    -- children under 3 of its cells, that year
  children_estimated boolean NOT NULL,         -- some cell placed by the estimate, not INSEE's grid
  places_missing integer NOT NULL,             -- places to reach the reference rate (docs/gap-zones.md)
  nearest        jsonb NOT NULL,               -- [{ id: 'eaje-12', minutes }] nearest places, by minutes
  cells_unreachable integer NOT NULL,          -- its cells reaching no formal place within the search
  communes       text[] NOT NULL,              -- codes of the communes it touches
  epcis          text[] NOT NULL,
  departements   text[] NOT NULL,
  area_km2       double precision NOT NULL,    -- geodesic
  geom           geometry(MultiPolygon, 4326) NOT NULL,  -- union of its cells (valid)
  label_point    geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED,
  year           integer NOT NULL,
  data_version   text NOT NULL,                -- of the computation that last wrote it
  first_version  text NOT NULL                 -- of the computation that created it
);
CREATE INDEX gap_zone_set_status_idx ON gap_zone (set_key, status);
CREATE INDEX gap_zone_geom_idx ON gap_zone USING gist (geom);
CREATE INDEX gap_zone_communes_idx ON gap_zone USING gin (communes);
