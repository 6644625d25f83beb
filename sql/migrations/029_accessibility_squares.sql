-- 029: generalised copies of the stored cell accessibility (migration 025) for the low zooms of
-- the `accessibility` tile layer.
--
-- Below zoom 11 a 200 m cell is about a pixel, and a tile of a national grid would clip and
-- encode up to hundreds of thousands of them. The tiles of zooms 6 to 10 draw instead squares of
-- a grid in Web Mercator metres (EPSG:3857), one size per zoom
-- (sql/queries/tiles/accessibility.sql): 10,000 m at zoom 6, 5,000 at 7, 2,000 at 8, 1,000 at 9,
-- 500 at 10, each two pixels or more. A cell part
-- goes to the square holding its centroid, per département of its commune (a square crossing a
-- département line is one feature per département, as a cell crossing a commune line is one per
-- commune), and a square carries:
--   children            Σ children of its cell parts
--   accessibility_rate  Σ children × rate / Σ children (children-weighted); the plain mean of
--                       the rates when its parts hold no child
--   estimated           some part comes from the estimate
-- Squares are written row by row of the grid (ORDER BY size_m, iy, ix), so that a tile's
-- squares lie on a few pages of the table rather than one page each.
-- The squares are written in the transaction that writes the set's cells
-- (sql/queries/accessibility/write_squares.sql), so that they always show the same figures, and
-- go with the set (ON DELETE CASCADE).

CREATE TABLE access_square (
  side               boolean NOT NULL,
  year               integer NOT NULL,
  size_m             integer NOT NULL,            -- side of the square, EPSG:3857 metres
  departement_code   text NOT NULL,
  ix                 integer NOT NULL,            -- floor(x / size_m), x in EPSG:3857 metres
  iy                 integer NOT NULL,            -- floor(y / size_m)
  children           double precision NOT NULL,   -- to 0.01
  accessibility_rate double precision NOT NULL,   -- places within reach per 100 children, to 0.1
  estimated          boolean NOT NULL,
  geom               geometry(Polygon, 3857) NOT NULL,
  PRIMARY KEY (side, year, size_m, departement_code, ix, iy),
  FOREIGN KEY (side, year) REFERENCES access_cell_set (side, year) ON DELETE CASCADE
);
-- One index per size: a tile reads the squares of one size (an index on geom alone made the
-- planner AND it with the primary key's rows of that size: ~60 ms of a national load's 2 km).
CREATE INDEX access_square_10000_idx ON access_square USING gist (geom) WHERE size_m = 10000;
CREATE INDEX access_square_5000_idx ON access_square USING gist (geom) WHERE size_m = 5000;
CREATE INDEX access_square_2000_idx ON access_square USING gist (geom) WHERE size_m = 2000;
CREATE INDEX access_square_1000_idx ON access_square USING gist (geom) WHERE size_m = 1000;
CREATE INDEX access_square_500_idx ON access_square USING gist (geom) WHERE size_m = 500;

-- From zoom 11 the tiles draw the cells themselves, from a copy made for them: each cell part
-- with its figures, its département and its outline already in EPSG:3857, in one table written
-- in strips of 0.02° of latitude (~2 km; ORDER BY), so that a tile reads one index and a few
-- pages. Written with the cells, in the same transaction (write_cell_tiles.sql). Reading
-- demand_cell and access_cell instead (an index lookup per cell, each outline transformed) took
-- ten times as long: ~250 against ~25 ms for a dense z11 tile of a national load.
CREATE TABLE access_cell_tile (
  side               boolean NOT NULL,
  year               integer NOT NULL,
  cell_id            text NOT NULL,
  commune_code       text NOT NULL,
  departement_code   text NOT NULL,
  children           double precision NOT NULL,   -- as access_cell
  accessibility_rate double precision NOT NULL,
  estimated          boolean NOT NULL,
  geom               geometry(Polygon, 3857) NOT NULL,  -- demand_cell.geom, transformed
  PRIMARY KEY (side, year, commune_code, cell_id),
  FOREIGN KEY (side, year) REFERENCES access_cell_set (side, year) ON DELETE CASCADE,
  FOREIGN KEY (cell_id, commune_code) REFERENCES demand_cell (cell_id, commune_code) ON DELETE CASCADE
);

CREATE INDEX access_cell_tile_geom_idx ON access_cell_tile USING gist (geom);
CREATE INDEX access_cell_tile_cell_idx ON access_cell_tile (cell_id, commune_code);

-- The sets stored before this migration have no copies: they are removed (with their cells, by
-- cascade). They are derived figures, nothing imported: the next preparation (the render-ahead,
-- or the first tile of the layer) computes them again with their copies, through the one
-- statement of each (write_squares.sql, write_cell_tiles.sql).
DELETE FROM access_cell_set;
