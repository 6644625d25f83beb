-- data_versions: cheap fingerprints of the loaded data (one index lookup per table), for what is
-- kept in memory between requests: the routing graph and travel grids (features/travel) and the
-- encoded tiles (features/tiles); and for the territory list's ETag (features/coverage).
-- Inputs: none.
-- Output: one row:
--   network   road datasets (id @ import time) and the largest and smallest road_edge.id and the
--             count of road datasets: changes when roads are imported, re-imported or deleted;
--   data      every dataset (id @ import time): changes with any import or demo load (facilities,
--             population, boundaries, and the coverage figures recomputed with them), for
--             answers that also read those tables; and the secrecy setting (threshold and
--             revision of the flags: migration 009), which decides what public answers withhold.
SELECT
  coalesce((SELECT string_agg(id || '@' || extract(epoch FROM imported_at), ',' ORDER BY id)
            FROM dataset WHERE kind = 'roads'), '')
    || '|' || coalesce((SELECT max(id) FROM road_edge), 0)
    || '|' || coalesce((SELECT min(id) FROM road_edge), 0) AS network,
  coalesce((SELECT string_agg(id || '@' || extract(epoch FROM imported_at), ',' ORDER BY id)
            FROM dataset), '')
    || '|secrecy:' || coalesce((SELECT threshold || '.' || revision FROM secrecy_setting), '') AS data
