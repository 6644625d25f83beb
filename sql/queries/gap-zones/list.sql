-- list: the zones of a set, optionally those touching one territory, by children (most first).
-- Inputs:
--   :key       the set (sans_offre:15)
--   :level     null (every zone), 'commune', 'epci', 'ept' (a zone touching one of its communes)
--              or 'departement'
--   :code      the territory's code with :level
--   :statuses  json array of statuses to return (["active"], or every status)
-- Output: one row per zone, by children descending then id:
--   id, status, successors (text[]), cells (count), children (children under 3, 2 decimals),
--   children_estimated, places_missing, nearest (json text: [{ id, name, minutes }]),
--   cells_unreachable, area_km2 (geodesic, 3 decimals),
--   communes, epcis (json text: [{ code, name }], sorted by code), departements (text[]),
--   geometry (GeoJSON MultiPolygon text, WGS84, 6 decimals), label_point ([lon, lat] json text),
--   year, first_version.
SELECT g.id, g.status, g.successors, cardinality(g.cells) AS cells,
       round(CAST(g.children AS numeric), 2)::float8 AS children, g.children_estimated,
       g.places_missing, CAST(g.nearest AS text) AS nearest, g.cells_unreachable,
       round(CAST(g.area_km2 AS numeric), 3)::float8 AS area_km2,
       (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name) ORDER BY c.code), '[]')
          FROM commune c WHERE c.code = ANY (g.communes))::text AS communes,
       (SELECT coalesce(json_agg(json_build_object('code', e.code, 'name', e.name) ORDER BY e.code), '[]')
          FROM epci e WHERE e.code = ANY (g.epcis))::text AS epcis,
       g.departements,
       ST_AsGeoJSON(g.geom, 6) AS geometry,
       json_build_array(round(CAST(ST_X(g.label_point) AS numeric), 6),
                        round(CAST(ST_Y(g.label_point) AS numeric), 6))::text AS label_point,
       g.year, g.first_version
FROM gap_zone g
WHERE g.set_key = :key
  AND g.status IN (SELECT json_array_elements_text(CAST(:statuses AS json)))
  AND (CAST(:level AS text) IS NULL
       OR (:level = 'commune' AND CAST(:code AS text) = ANY (g.communes))
       OR (:level = 'epci' AND CAST(:code AS text) = ANY (g.epcis))
       OR (:level = 'ept' AND g.communes && ARRAY(SELECT c.code FROM commune c WHERE c.ept_code = CAST(:code AS text)))
       OR (:level = 'departement' AND CAST(:code AS text) = ANY (g.departements)))
ORDER BY g.children DESC, g.id
