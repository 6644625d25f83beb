-- write_zones: writes the active zones of a computation (new ones inserted, kept ids updated).
-- Inputs:
--   :key            the set (sans_offre:15)
--   :year, :data_version
--   :zones          json text: [{ id, cells: [cell_id…], children, children_estimated,
--                   places_missing, nearest: [{ id, name, minutes }], cells_unreachable }]
-- Output: none. Per zone: its geometry is the union of its cells' rows in demand_cell (all
-- their parts, whatever the commune), made valid and kept as a MultiPolygon (WGS84); area_km2
-- its geodesic area; communes, epcis and départements those its cells' rows belong to, sorted.
-- A kept id keeps its first_version.
WITH z AS (
  SELECT e ->> 'id' AS id,
         ARRAY(SELECT json_array_elements_text(e -> 'cells')) AS cells,
         CAST(e ->> 'children' AS float8) AS children,
         CAST(e ->> 'children_estimated' AS boolean) AS children_estimated,
         CAST(e ->> 'places_missing' AS integer) AS places_missing,
         CAST(e -> 'nearest' AS text) AS nearest,
         CAST(e ->> 'cells_unreachable' AS integer) AS cells_unreachable
  FROM json_array_elements(CAST(:zones AS json)) AS e
),
shape AS (
  SELECT z.id,
         ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(d.geom)), 3)) AS geom,
         array_agg(DISTINCT d.commune_code ORDER BY d.commune_code) AS communes,
         array_remove(array_agg(DISTINCT c.epci_code ORDER BY c.epci_code), NULL) AS epcis,
         array_agg(DISTINCT c.departement_code ORDER BY c.departement_code) AS departements
  FROM z
  JOIN demand_cell d ON d.cell_id = ANY (z.cells)
  JOIN commune c ON c.code = d.commune_code
  GROUP BY z.id
)
INSERT INTO gap_zone (id, set_key, status, successors, cells, children, children_estimated,
                      places_missing, nearest, cells_unreachable, communes, epcis, departements,
                      area_km2, geom, year, data_version, first_version)
SELECT z.id, :key, 'active', '{}', z.cells, z.children, z.children_estimated, z.places_missing,
       CAST(z.nearest AS jsonb), z.cells_unreachable, s.communes, s.epcis, s.departements,
       ST_Area(s.geom::geography) / 1e6, s.geom, :year, :data_version, :data_version
FROM z JOIN shape s ON s.id = z.id
ON CONFLICT (id) DO UPDATE SET
  set_key = EXCLUDED.set_key, status = 'active', successors = '{}', cells = EXCLUDED.cells,
  children = EXCLUDED.children, children_estimated = EXCLUDED.children_estimated,
  places_missing = EXCLUDED.places_missing, nearest = EXCLUDED.nearest,
  cells_unreachable = EXCLUDED.cells_unreachable, communes = EXCLUDED.communes,
  epcis = EXCLUDED.epcis, departements = EXCLUDED.departements, area_km2 = EXCLUDED.area_km2,
  geom = EXCLUDED.geom, year = EXCLUDED.year, data_version = EXCLUDED.data_version
