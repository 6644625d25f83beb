-- tile-store/stored_keys: the tiles kept for one version and one set of parameters, to render
-- ahead only the missing ones (migration 024).
-- Inputs: :data_version, :params.
-- Output: one row per stored tile: layer, z, x, y.
SELECT layer, z, x, y
FROM tile_store
WHERE data_version = :data_version AND params = :params
