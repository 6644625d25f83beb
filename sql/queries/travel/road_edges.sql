-- road_edges: every stored road edge, as the routing core reads it (buildGraph).
-- Inputs: :fictional (the side of the data, server/src/kernel/fiction.ts: the roads of real
--   datasets or of fictional ones; every road of that side: people cross département lines).
-- Output: one row per road_edge:
--   id, source, target (node ids), road_class, speed_kmh (the road's speed limit, km/h: a cap
--   on the car speed, see server/src/domain/routing/car-speeds.ts), setting ('urban', 'rural'
--   or NULL: derived from the road density), oneway (source -> target only), length_m (metres),
--   geometry (GeoJSON text of the LineString, WGS84 EPSG:4326, from source to target,
--   7 decimals ≈ 1 cm).
SELECT id, source, target, road_class, speed_kmh, setting, oneway, length_m,
       ST_AsGeoJSON(geom, 7) AS geometry
FROM road_edge
WHERE dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
ORDER BY id
