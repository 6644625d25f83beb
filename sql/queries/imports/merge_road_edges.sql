-- imports/merge_road_edges: the staged edges replace, way by way, the edges an earlier import of
-- the same extract (dataset) wrote: an edge of a way in the file that the file no longer has goes,
-- a staged edge not already stored comes; identical edges stay as they are. Edges of ways the
-- file does not have are left (absent-rows.ts reports them; --replace removes them).
-- Inputs: :dataset_id (int), :way_ids (JSON array of the OSM ids of every highway way the file
--   has, as text). Reads import_road_stage.
-- Output: removed (edges deleted). Run imports/insert_staged_road_edges next.
WITH gone AS (
  DELETE FROM road_edge e
  WHERE e.dataset_id = :dataset_id
    AND CAST(e.osm_id AS text) IN (SELECT json_array_elements_text(CAST(:way_ids AS json)))
    AND NOT EXISTS (
      SELECT 1 FROM import_road_stage s
      WHERE s.osm_id = e.osm_id AND s.source = e.source AND s.target = e.target
        AND s.road_class = e.road_class AND s.speed_kmh IS NOT DISTINCT FROM e.speed_kmh
        AND s.setting IS NOT DISTINCT FROM e.setting AND s.oneway = e.oneway
        AND s.length_m = e.length_m AND s.geom = e.geom)
  RETURNING 1
)
SELECT count(*) AS removed FROM gone
