-- imports/create_road_stage: a temporary table holding the road edges of the file being
-- imported, to compare them with the edges an earlier import of the same extract wrote.
-- Inputs: none. Output: none. Dropped at the end of the import's transaction.
CREATE TEMP TABLE IF NOT EXISTS import_road_stage (
  source bigint, target bigint, road_class text, speed_kmh real, setting text, oneway boolean, length_m float8,
  osm_id bigint, geom geometry(LineString, 4326)
) ON COMMIT DROP
