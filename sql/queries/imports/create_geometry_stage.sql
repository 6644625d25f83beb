-- imports/create_geometry_stage: a temporary table holding the parsed polygons of the file being
-- imported, so that PostGIS parses each geometry once (validity check, then insert).
-- Inputs: none. Output: none. Dropped at the end of the import's transaction (commit or rollback).
CREATE TEMP TABLE IF NOT EXISTS import_geometry_stage (n int PRIMARY KEY, g geometry NOT NULL) ON COMMIT DROP
