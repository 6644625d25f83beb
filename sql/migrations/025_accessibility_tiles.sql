-- 025: the accessibility of the demand grid's cells, stored for the `accessibility` tile layer.
--
-- The figures are computed by the accessibility feature (server/src/features/accessibility) for
-- its default parameters (E2SFCA, steps 10=1,20=0.68,30=0.22, 30 min by car, every mode) and for
-- the public (childminder places withheld by statistical secrecy left out), once per side of the
-- data (server/src/kernel/fiction.ts), year and data version, when a tile of the layer is first
-- asked for after the data changed. Other parameters are computed on demand by
-- POST /api/accessibility and GET /api/accessibility/cells; nothing else reads these tables.

CREATE TABLE access_cell_set (
  side          boolean NOT NULL,               -- the side of the data: true for the demo's
  year          integer NOT NULL,               -- year of population and places
  data_version  text NOT NULL,                  -- data_versions.sql's `data` it was computed for
  method        text NOT NULL,                  -- e2sfca
  weights       text NOT NULL,                  -- steps:10=1,20=0.68,30=0.22
  max_minutes   integer NOT NULL,               -- catchment, minutes by car
  modes         text[] NOT NULL,                -- {eaje,mam,am}
  cells         integer NOT NULL,               -- populated cells (parts of cells in a commune)
  estimated     boolean NOT NULL,               -- some demand placed by the estimate
  fictional     boolean NOT NULL,               -- some input is fictional
  dataset_ids   integer[] NOT NULL,
  computed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (side, year)
);

CREATE TABLE access_cell (
  side               boolean NOT NULL,
  year               integer NOT NULL,
  cell_id            text NOT NULL,
  commune_code       text NOT NULL,
  children           double precision NOT NULL,  -- children under 3 of the cell's part, to 0.01
  accessibility_rate double precision NOT NULL,  -- places within reach per 100 children, to 0.1
  estimated          boolean NOT NULL,
  PRIMARY KEY (side, year, commune_code, cell_id),
  FOREIGN KEY (side, year) REFERENCES access_cell_set (side, year) ON DELETE CASCADE,
  FOREIGN KEY (cell_id, commune_code) REFERENCES demand_cell (cell_id, commune_code) ON DELETE CASCADE
);
CREATE INDEX access_cell_cell_idx ON access_cell (cell_id, commune_code);
