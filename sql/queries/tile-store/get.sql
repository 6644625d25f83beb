-- tile-store/get: one stored tile (migration 024).
-- Inputs: :data_version (digest of the data version), :layer, :z, :x, :y, :params.
-- Output: zero or one row: bytes (bytea), etag, encoded_by.
SELECT bytes, etag, encoded_by
FROM tile_store
WHERE data_version = :data_version AND layer = :layer AND z = :z AND x = :x AND y = :y
  AND params = :params
