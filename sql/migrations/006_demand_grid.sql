-- 006: demand where children live, on a grid of 200 m cells.
--
-- A cell holds the SHAPE of a commune's demand, not a count of its own: children under 3 of a
-- cell for year Y = population.children_under3 of its commune for Y × the cell's share, so that
-- the cells of a commune always add up to the commune's census figure (the Filosofi grid counts
-- ages 0 to 3, four years: a different denominator, used only as a shape). A cell crossing a
-- commune line has one row per commune (INSEE's lcog_geo, or the area of each part).

ALTER TABLE dataset DROP CONSTRAINT dataset_kind_check;
ALTER TABLE dataset ADD CONSTRAINT dataset_kind_check CHECK (kind IN ('territory', 'reference',
  'population', 'eaje', 'childminders', 'mam', 'supply_counts', 'roads', 'caf_coverage', 'grid'));

CREATE TABLE demand_cell (
  cell_id      text NOT NULL,       -- INSEE id (CRS3035RES200mN2029800E4252400) or a generated one
  commune_code text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  weight       double precision NOT NULL CHECK (weight >= 0),  -- the source's value (ind_0_3) or the estimate's weight
  share        double precision NOT NULL CHECK (share >= 0 AND share <= 1),  -- weight / Σ weight of the commune's cells
  method       text NOT NULL CHECK (method IN ('grid', 'estimate')),  -- 'estimate': placed from roads and buildings, labelled "estimé"
  imputed      boolean NOT NULL DEFAULT false,  -- INSEE imputed the cell's values (i_est_200 = 1)
  srid         integer NOT NULL,    -- the metric CRS the cell is square in (3035 for INSEE in metropolitan France, 2154…)
  geom         geometry(Polygon, 4326) NOT NULL,  -- the cell (or its part inside the commune)
  centroid     geometry(Point, 4326) NOT NULL,    -- where its children are taken to live, for travel times
  dataset_id   integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  PRIMARY KEY (cell_id, commune_code)
);
CREATE INDEX demand_cell_commune_idx ON demand_cell (commune_code);
CREATE INDEX demand_cell_dataset_idx ON demand_cell (dataset_id);
CREATE INDEX demand_cell_geom_idx ON demand_cell USING gist (geom);
CREATE INDEX demand_cell_centroid_idx ON demand_cell USING gist (centroid);
