-- write_squares: the generalised squares of a set of the tile layer `accessibility`
-- (migration 029), from its cells just written (write_cells.sql), in the same transaction.
-- Inputs:
--   :side, :year   the set
-- Output: none (a square already written for the set, by another process computing the same
-- data at the same time, takes the new values). Each cell part goes to the square of each size holding its centroid, per
-- département of its commune; a square's children are the sum of its parts', its rate their
-- children-weighted mean (the plain mean when they hold no child), to 0.01 and 0.1; estimated
-- when a part is. Squares in EPSG:3857 metres; the sizes are those tiles/accessibility.sql serves
-- (and migration 029's indexes), written row by row of the grid so that a tile reads few pages.
INSERT INTO access_square (side, year, size_m, departement_code, ix, iy, children,
                           accessibility_rate, estimated, geom)
WITH parts AS MATERIALIZED (
  SELECT c.departement_code, a.children, a.accessibility_rate, a.estimated,
         ST_Transform(d.centroid, 3857) AS p
  FROM access_cell a
  JOIN demand_cell d ON d.cell_id = a.cell_id AND d.commune_code = a.commune_code
  JOIN commune c ON c.code = a.commune_code
  WHERE a.side = :side AND a.year = :year
),
squares AS (
  SELECT s.size_m, p.departement_code,
         CAST(floor(ST_X(p.p) / s.size_m) AS integer) AS ix,
         CAST(floor(ST_Y(p.p) / s.size_m) AS integer) AS iy,
         sum(p.children) AS children,
         CASE WHEN sum(p.children) > 0
              THEN sum(p.children * p.accessibility_rate) / sum(p.children)
              ELSE avg(p.accessibility_rate) END AS rate,
         bool_or(p.estimated) AS estimated
  FROM parts p
  CROSS JOIN (VALUES (10000), (5000), (2000), (1000), (500)) AS s(size_m)
  GROUP BY 1, 2, 3, 4
)
SELECT :side, :year, q.size_m, q.departement_code, q.ix, q.iy,
       round(CAST(q.children AS numeric), 2), round(CAST(q.rate AS numeric), 1), q.estimated,
       ST_MakeEnvelope(q.ix * q.size_m, q.iy * q.size_m, (q.ix + 1) * q.size_m,
                       (q.iy + 1) * q.size_m, 3857)
FROM squares q
ORDER BY q.size_m, q.iy, q.ix
ON CONFLICT (side, year, size_m, departement_code, ix, iy) DO UPDATE SET
  children = EXCLUDED.children, accessibility_rate = EXCLUDED.accessibility_rate,
  estimated = EXCLUDED.estimated
