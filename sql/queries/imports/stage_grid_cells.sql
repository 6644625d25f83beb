-- imports/stage_grid_cells: cells of a grid file into import_grid_stage.
-- Inputs: :rows (JSON array of {n int, srid int, east float8, north float8, size float8 (metres),
--   communes (JSON array of codes), listed int}).
-- Output: none.
INSERT INTO import_grid_stage (n, srid, east, north, size, communes, listed)
SELECT n, srid, east, north, size, communes, listed
FROM json_to_recordset(CAST(:rows AS json)) AS r(n int, srid int, east float8, north float8, size float8,
       communes jsonb, listed int)
