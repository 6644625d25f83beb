-- gap-zones/recompute_lock: takes, if free, the lock of one set's recomputation for the rest of
-- the calling transaction, so that of the API instances on the database one computes a set
-- while the others wait for what it stores (a transaction-level advisory lock: released at
-- commit, rollback or when the holder's connection is lost, a crashed process included).
-- Inputs: :key, the set's key (gap_zone_set.key, e.g. `sans_offre:15@fictif`).
-- Output: one row, `taken` boolean: true when this transaction now holds the lock, false when
-- another session holds it.
SELECT pg_try_advisory_xact_lock(hashtext('berceau.gap_zone_set.' || CAST(:key AS text))) AS taken
