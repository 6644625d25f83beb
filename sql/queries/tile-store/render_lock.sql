-- tile-store/render_lock: takes, if free, the lock of the tile store's render-ahead for the rest
-- of the calling transaction, so that one API instance on the database renders ahead while the
-- others serve what it stores (a transaction-level advisory lock: released at commit, rollback
-- or when the holder's connection is lost, a crashed process included).
-- Inputs: none (the key is this constant: hashtext of the lock's name, an int4).
-- Output: one row, `taken` boolean: true when this transaction now holds the lock, false when
-- another session holds it.
SELECT pg_try_advisory_xact_lock(hashtext('berceau.tile_store.render_ahead')) AS taken
