-- 030: tiles kept gzip-compressed in the tile store (server/src/features/tiles/tile-store.ts).
-- A zoom-6 tile of a national load is about 1 MB of Mapbox Vector Tile; moving it from
-- PostgreSQL to the server took longer than any other part of serving it. Compressed once when
-- stored, it moves a fraction of that and is sent as it is, `Content-Encoding: gzip`.
--
-- `content_encoding` says what `bytes` holds: 'gzip' (a gzip member of the MVT bytes) or
-- 'identity' (the MVT bytes as they are: an empty tile, or one gzip would not shrink). The rows
-- written before it are dropped rather than guessed at: the render-ahead stores them again, and
-- other tiles are stored again at their next request. The default labels what a server of an
-- older version, which knows no compression, writes.
DELETE FROM tile_store;
ALTER TABLE tile_store
  ADD COLUMN content_encoding text NOT NULL DEFAULT 'identity'
    CHECK (content_encoding IN ('gzip', 'identity'));
