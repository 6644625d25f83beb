-- imports/upsert_demand_cells: demand cells, the shape of each commune's children on a grid
-- (see migration 006: a cell holds a share of its commune's census children, not a count).
-- Inputs: :rows (JSON array of {cell_id, commune_code, weight float8 (the source's value, e.g.
--   ind_0_3, or the estimate's weight; >= 0), share float8 (weight / Σ weight of the commune's
--   cells, 0..1), method ('grid'|'estimate'), imputed bool, srid int (the metric CRS the cell is
--   square in: 3035, 2154…), geometry (GeoJSON Polygon, WGS84: the cell or its part inside the
--   commune), centroid ([lon, lat], WGS84 degrees: where its children are taken to live)}),
--   :dataset_id (int).
-- Output: none. A (cell_id, commune_code) already stored is replaced, and credited to this
--   dataset. The writer of the demo's grid and of the importers'.
INSERT INTO demand_cell (cell_id, commune_code, weight, share, method, imputed, srid, geom, centroid, dataset_id)
SELECT r.cell_id, r.commune_code, r.weight, r.share, r.method, r.imputed, r.srid,
       ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326),
       ST_SetSRID(ST_MakePoint(CAST(r.centroid->>0 AS float8), CAST(r.centroid->>1 AS float8)), 4326),
       :dataset_id
FROM json_to_recordset(CAST(:rows AS json)) AS r(cell_id text, commune_code text, weight float8, share float8,
       method text, imputed boolean, srid int, geometry json, centroid json)
ON CONFLICT (cell_id, commune_code) DO UPDATE SET
  weight = EXCLUDED.weight, share = EXCLUDED.share, method = EXCLUDED.method, imputed = EXCLUDED.imputed,
  srid = EXCLUDED.srid, geom = EXCLUDED.geom, centroid = EXCLUDED.centroid, dataset_id = EXCLUDED.dataset_id
