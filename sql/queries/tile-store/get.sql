-- tile-store/get: one stored tile (migrations 024, 030).
-- Inputs: :data_version (digest of the data version), :layer, :z, :x, :y, :params.
-- Output: zero or one row: bytes (bytea, as content_encoding says), content_encoding
-- ('gzip' | 'identity'), etag (of the uncompressed MVT bytes), encoded_by.
SELECT bytes, content_encoding, etag, encoded_by
FROM tile_store
WHERE data_version = :data_version AND layer = :layer AND z = :z AND x = :x AND y = :y
  AND params = :params
