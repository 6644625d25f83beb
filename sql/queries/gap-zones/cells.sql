-- cells: the populated cells of the demand grid, as gap zones read them.
-- Inputs:
--   :year     year of the population the cells' children come from
--   :fictional  the side of the data (server/src/kernel/fiction.ts): the cells of the communes
--               whose boundaries' dataset is fictional (true) or real (false) only
--   :cell_m   side of the grid's squares in metres (200: INSEE's and the demo's grids)
-- Output: one row per cell (a cell crossing commune lines has one row per commune in
-- demand_cell: they are gathered), by cell_id:
--   cell_id, srid (the metric CRS the cell is square in),
--   col, row  floor(x / :cell_m), floor(y / :cell_m) of a point inside the cell in its srid:
--             the cell's position on its square grid (cells sharing a side differ by 1),
--   children  Σ over its rows of population.children_under3 that year × share (children under 3),
--   lon, lat  where its children are taken to live (WGS84 degrees): the centroid of its row
--             holding the most children, the origin of its time to the nearest place,
--   communes  codes of the communes it meets, sorted,
--   estimated any row placed by the estimate rather than INSEE's grid (method 'estimate'),
--   dataset_ids  grid and population datasets of its rows,
--   fictional    :fictional (every cell is of the side asked for).
-- Cells with no child that year (no population row, or a share of 0) are left out.
WITH part AS (
  SELECT d.cell_id, d.srid, d.commune_code, d.method, d.dataset_id, d.centroid,
         ST_PointOnSurface(ST_Transform(d.geom, d.srid)) AS inside,
         p.children_under3 * d.share AS children, p.dataset_id AS population_dataset,
         s.fictional
  FROM demand_cell d
  JOIN commune c ON c.code = d.commune_code
  JOIN dataset s ON s.id = c.dataset_id
  JOIN population p ON p.commune_code = d.commune_code AND p.year = CAST(:year AS integer)
  WHERE p.children_under3 > 0 AND d.share > 0
    AND s.fictional = CAST(:fictional AS boolean)
)
SELECT cell_id, min(srid) AS srid,
       min(floor(ST_X(inside) / CAST(:cell_m AS float8)))::integer AS col,
       min(floor(ST_Y(inside) / CAST(:cell_m AS float8)))::integer AS row,
       sum(children) AS children,
       ST_X((array_agg(centroid ORDER BY children DESC, commune_code))[1]) AS lon,
       ST_Y((array_agg(centroid ORDER BY children DESC, commune_code))[1]) AS lat,
       array_agg(DISTINCT commune_code ORDER BY commune_code) AS communes,
       bool_or(method = 'estimate') AS estimated,
       array_agg(DISTINCT dataset_id) || array_agg(DISTINCT population_dataset) AS dataset_ids,
       bool_or(fictional) AS fictional
FROM part
GROUP BY cell_id
ORDER BY cell_id
