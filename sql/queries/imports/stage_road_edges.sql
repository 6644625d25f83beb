-- imports/stage_road_edges: routable road edges from OpenStreetMap into import_road_stage.
-- Inputs: :rows (JSON array of {source bigint, target bigint (OSM node ids), road_class (OSM
--   highway value), speed_kmh real (the speed limit, km/h: posted or assumed), setting ('urban',
--   'rural' or null: from the tags), oneway bool, length_m float8 (metres, haversine), osm_id,
--   coordinates [[lon, lat], …] WGS84}).
-- Output: none.
INSERT INTO import_road_stage (source, target, road_class, speed_kmh, setting, oneway, length_m, osm_id, geom)
SELECT source, target, road_class, speed_kmh, setting, oneway, length_m, osm_id,
       ST_SetSRID(ST_GeomFromGeoJSON(json_build_object('type', 'LineString', 'coordinates', coordinates)), 4326)
FROM json_to_recordset(CAST(:rows AS json)) AS r(source bigint, target bigint, road_class text, speed_kmh real,
       setting text, oneway boolean, length_m float8, osm_id bigint, coordinates json)
