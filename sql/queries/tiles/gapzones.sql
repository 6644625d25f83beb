-- tiles/gapzones: the active gap zones "sans offre à N minutes" (server/src/domain/gap-zones).
-- Inputs (named bindings):
--   :z, :x, :y     tile address (XYZ, Web Mercator), already validated
--   :margin        tile buffer as a fraction of the tile width (64 / 4096)
--   :tolerance_m   simplification tolerance, EPSG:3857 metres (one rendered pixel at :z)
--   :minutes       the sets drawn: sans_offre:<minutes> of each side of the data (the real
--                  territories' and the demo's, sans_offre:<minutes>@fictif; catalogue constant 15)
--   :departement   NULL: every zone; a code: only the zones touching that département
--   (:year, :reference, :exact are bound for every layer and unused: each side's zones are
--   computed for that side's latest year, and hold no childminder figure)
-- Output: one row per active zone whose outline reaches the buffered tile (the tile orders them
-- by id: catalogue orderBy):
--   id               the zone's id (gz-…), as GET /api/gap-zones names it
--   children_under3  children under 3 living in its cells (one decimal)
--   places_missing   places to create to reach the reference rate
--   nearest_minutes  minutes by car from its cells to the nearest formal place (the shortest)
--   fictional        computed from fictional data (the demo)
--   geom             MultiPolygon, EPSG:3857 metres, clipped to the buffered tile and
--                    simplified; NULL or empty when nothing of it is left at this zoom
-- The zones are written by the gap-zone service, which the tile route asks to bring them up to
-- date before a tile of this layer is drawn. Uses the GIST index on gap_zone.geom.
SELECT g.id,
       round(CAST(g.children AS numeric), 1)::float8 AS children_under3,
       g.places_missing,
       CAST(g.nearest -> 0 ->> 'minutes' AS float8) AS nearest_minutes,
       s.fictional,
       ST_Simplify(ST_ClipByBox2D(ST_Transform(g.geom, 3857),
                                  ST_TileEnvelope(:z, :x, :y, margin => :margin)),
                   :tolerance_m) AS geom
FROM gap_zone g
JOIN gap_zone_set s ON s.key = g.set_key
WHERE g.set_key IN ('sans_offre:' || CAST(:minutes AS integer),
                    'sans_offre:' || CAST(:minutes AS integer) || '@fictif')
  AND g.status = 'active'
  -- Zones of a side whose territories were removed stay in their set (their history is kept)
  -- but are no longer drawn.
  AND EXISTS (SELECT 1 FROM departement d WHERE d.code = ANY (g.departements))
  AND g.geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :margin), 4326)
  AND (CAST(:departement AS text) IS NULL OR CAST(:departement AS text) = ANY (g.departements))
