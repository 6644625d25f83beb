-- tile-store/put: keeps one rendered tile (migration 024); a tile already kept by another
-- request or instance for the same version is left as it is (same data, same tile).
-- Inputs: :data_version, :layer, :z, :x, :y, :params, :bytes (bytea), :etag, :encoded_by.
-- Output: none.
INSERT INTO tile_store (data_version, layer, z, x, y, params, bytes, etag, encoded_by)
VALUES (:data_version, :layer, :z, :x, :y, :params, :bytes, :etag, :encoded_by)
ON CONFLICT DO NOTHING
