-- imports/insert_staged_road_edges: store the staged edges that the extract's dataset does not
-- already hold (see imports/merge_road_edges).
-- Inputs: :dataset_id (int). Reads import_road_stage.
-- Output: added (edges inserted).
WITH added AS (
  INSERT INTO road_edge (source, target, road_class, speed_kmh, setting, oneway, length_m, osm_id, geom, dataset_id)
  SELECT s.source, s.target, s.road_class, s.speed_kmh, s.setting, s.oneway, s.length_m, s.osm_id, s.geom, :dataset_id
  FROM import_road_stage s
  WHERE NOT EXISTS (
    SELECT 1 FROM road_edge e
    WHERE e.dataset_id = :dataset_id AND e.osm_id = s.osm_id AND e.source = s.source AND e.target = s.target
      AND e.road_class = s.road_class AND e.speed_kmh IS NOT DISTINCT FROM s.speed_kmh
      AND e.setting IS NOT DISTINCT FROM s.setting AND e.oneway = s.oneway
      AND e.length_m = s.length_m AND e.geom = s.geom)
  RETURNING 1
)
SELECT count(*) AS added FROM added
