-- tile-store/put: keeps one rendered tile (migrations 024, 030); a tile already kept by another
-- request or instance for the same version is left as it is (same data, same tile).
-- Inputs: :data_version, :layer, :z, :x, :y, :params, :bytes (bytea), :content_encoding
-- ('gzip' | 'identity': what :bytes holds), :etag (of the uncompressed MVT bytes), :encoded_by.
-- Output: none.
INSERT INTO tile_store
  (data_version, layer, z, x, y, params, bytes, content_encoding, etag, encoded_by)
VALUES
  (:data_version, :layer, :z, :x, :y, :params, :bytes, :content_encoding, :etag, :encoded_by)
ON CONFLICT DO NOTHING
