-- imports/create_grid_stage: a temporary table holding the cells of a grid file that belong to
-- loaded communes. Inputs: none. Output: none. Dropped at the end of the import's transaction.
CREATE TEMP TABLE IF NOT EXISTS import_grid_stage (
  n int PRIMARY KEY,          -- row of the file
  srid int NOT NULL,          -- CRS the cell is square in (from its id)
  east float8 NOT NULL,       -- south-west corner, metres in that CRS
  north float8 NOT NULL,
  size float8 NOT NULL,       -- side, metres
  communes jsonb NOT NULL,    -- loaded communes the file gives for the cell (array of codes)
  listed int NOT NULL         -- communes the file gives for the cell, loaded or not
) ON COMMIT DROP
