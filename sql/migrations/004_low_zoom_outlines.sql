-- 004: commune outlines for low-zoom tiles (z <= 7), simplified once when they are written.
--
-- At zoom 6-7 a tile holds thousands of communes, and one rendered pixel is 600 m (z7) to
-- 1,200 m (z6): simplifying every full-resolution outline again on every request is most of such a
-- tile's cost. This copy is simplified at 150 m (a quarter of a z7 pixel: nothing visible is lost)
-- by PostgreSQL itself whenever geom changes, topology preserved so that no commune vanishes; the
-- tile queries (sql/queries/tiles/communes.sql, gaps.sql) read it below zoom 8 and geom_3857 from
-- zoom 8 on. Fields, properties and figures are the same at every zoom.
ALTER TABLE commune
  ADD COLUMN geom_3857_low geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom, 3857), 150))) STORED;
