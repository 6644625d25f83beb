-- 005: what the territory list (sql/queries/territories/list.sql) reads, so that it builds the
-- GeoJSON of 35,000 communes in PostgreSQL without formatting anything twice.
--
-- 1. Display outlines stored as GeoJSON text. The outline simplified for lists (~30 m for
--    communes, 80 m for EPCI, 150 m for départements) was a geometry column, formatted as GeoJSON
--    on every request: ~100 ms of a whole-France commune list. It is now kept formatted (WGS84,
--    5 decimals, ~1 m), by PostgreSQL itself whenever geom changes; the geometry copy was read
--    by nothing else, so it goes.
ALTER TABLE departement
  DROP COLUMN geom_display,
  ADD COLUMN display_geojson text
    GENERATED ALWAYS AS (ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0015), 5)) STORED;
ALTER TABLE epci
  DROP COLUMN geom_display,
  ADD COLUMN display_geojson text
    GENERATED ALWAYS AS (ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0008), 5)) STORED;
ALTER TABLE commune
  DROP COLUMN geom_display,
  ADD COLUMN display_geojson text
    GENERATED ALWAYS AS (ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0003), 5)) STORED;

-- 2. The rounding of served figures, in SQL, exactly as the API's JavaScript rounds them.
--
-- Figures are served rounded: places and children to 0.01, rates to 0.1
-- (server/src/features/coverage/territories.ts, toProperties: Math.round(x * 10^d) / 10^d).
-- The territory list builds its GeoJSON properties in SQL (sql/queries/territories/list.sql),
-- so SQL must round the same way. PostgreSQL's own round(double precision) rounds halves to
-- even (rint) and round(numeric) rounds them away from zero; Math.round rounds them up
-- (towards +infinity). Hence this function: the same float8 products and quotients as
-- JavaScript, and halves rounded up. `scale` is 10^digits (10, 100).
-- Not STRICT, so that PostgreSQL inlines it (NULL in gives NULL out all the same).
CREATE FUNCTION served_round(value double precision, scale double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN value * scale - floor(value * scale) >= 0.5 THEN floor(value * scale) + 1
    ELSE floor(value * scale)
  END / scale
$$;
