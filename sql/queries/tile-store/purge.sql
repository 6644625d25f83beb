-- tile-store/purge: removes the tiles of every data version but the current one
-- (migration 024).
-- Inputs: :data_version (digest of the current version).
-- Output: none (the command's row count is the number of tiles removed).
DELETE FROM tile_store WHERE data_version <> :data_version
