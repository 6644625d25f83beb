-- tiles/roads: the road network used for travel times, as lines.
-- Inputs (named bindings):
--   :z, :x, :y       tile address (XYZ, Web Mercator), already validated
--   :margin          tile buffer as a fraction of the tile width (64 / 4096)
--   :tolerance_m     simplification tolerance, EPSG:3857 metres (one rendered pixel at :z)
--   :detail_minzoom  first zoom serving every road class (from the layer catalogue)
--   :departement     NULL: every edge; a code: the edges that touch that département's outline
--                    AND come from a road dataset as fictional as the département's own
--                    dataset (a road network has no département of its own, and the demo's
--                    fictional roads must not be drawn over a real département they overlap)
-- Rule: below :detail_minzoom only the major network is served: 'nationale' and
-- 'departementale', and their OpenStreetMap equivalents when the network was imported from
-- OSM highway values ('motorway', 'trunk', 'primary', 'secondary'). From :detail_minzoom on,
-- every edge.
-- Output: one row per edge reaching the buffered tile (the tile orders them by id:
-- catalogue orderBy):
--   id               road_edge.id (for the order only: not a tile property)
--   road_class       'nationale', 'departementale', 'communale' or an OSM highway value
--   speed_kmh        the road's speed limit, km/h (double precision): posted or assumed for
--                    its class; a cap on travel speeds, not the speed driven
--   oneway           passable from source to target only
--   geom             (Multi)LineString, EPSG:3857 metres, clipped to the buffered tile and
--                    simplified; NULL or empty
--                    when nothing of it is left at this zoom (the tile wrappers drop those rows)
-- Uses the GIST index on road_edge.geom_3857.
WITH edges AS (
  SELECT r.id, r.road_class, CAST(r.speed_kmh AS double precision) AS speed_kmh, r.oneway,
         ST_Simplify(ST_ClipByBox2D(r.geom_3857, ST_TileEnvelope(:z, :x, :y, margin => :margin)),
                     :tolerance_m) AS geom
  FROM road_edge r
  WHERE r.geom_3857 && ST_TileEnvelope(:z, :x, :y, margin => :margin)
    AND (CAST(:z AS integer) >= CAST(:detail_minzoom AS integer)
         OR r.road_class IN ('nationale', 'departementale', 'motorway', 'trunk', 'primary', 'secondary'))
    AND (CAST(:departement AS text) IS NULL OR EXISTS (
          SELECT 1
          FROM departement d
          JOIN dataset dd ON dd.id = d.dataset_id
          JOIN dataset rd ON rd.id = r.dataset_id
          WHERE d.code = :departement AND dd.fictional = rd.fictional
            AND ST_Intersects(r.geom_3857, d.geom_3857)))
)
SELECT e.id, e.road_class, e.speed_kmh, e.oneway, e.geom
FROM edges e
