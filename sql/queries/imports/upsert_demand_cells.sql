-- imports/upsert_demand_cells: demand cells, the shape of each commune's children on a grid
-- (see migration 006: a cell holds a share of its commune's census children, not a count).
-- The one writer of cells built in Node: the grid import and the demo.
-- Inputs: :rows (JSON array of {cell_id, commune_code, weight float8 (the source's value, e.g.
--   ind_0_3, or the estimate's weight; >= 0), share float8 (weight / Σ weight of the commune's
--   cells, 0..1), method ('grid'|'estimate'), imputed bool, srid int (the metric CRS the cell is
--   square in: 3035, 2154…), geometry (GeoJSON Polygon, WGS84: the cell or its part inside the
--   commune), centroid ([lon, lat], WGS84 degrees: where its children are taken to live)}),
--   :dataset_id (int).
-- Output: none. A (cell_id, commune_code) already stored is updated in place and credited to
--   this dataset; an unchanged one is not written (an import counts it as neither added nor
--   updated). Cells of the commune that the rows do not have are left: see
--   imports/delete_other_cells.
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
WHERE (demand_cell.weight, demand_cell.share, demand_cell.method, demand_cell.imputed, demand_cell.srid,
       demand_cell.geom, demand_cell.centroid, demand_cell.dataset_id)
  IS DISTINCT FROM (EXCLUDED.weight, EXCLUDED.share, EXCLUDED.method, EXCLUDED.imputed, EXCLUDED.srid,
       EXCLUDED.geom, EXCLUDED.centroid, EXCLUDED.dataset_id)
