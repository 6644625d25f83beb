-- accounts/sign_in_throttle_hit: count one sign-in attempt of a client address (migration 019),
-- in the current window or in a new one when it has ended. One statement: two API processes
-- counting the same address at once both count.
-- Inputs:
--   :key        the limiter's key of the client address
--   :window_ms  length of a window, milliseconds
-- Output: one row: hits (integer, this one included), reset_at (timestamptz, end of the window)
INSERT INTO sign_in_throttle AS t (address_key, hits, reset_at)
VALUES (:key, 1, now() + make_interval(secs => CAST(:window_ms AS float8) / 1000))
ON CONFLICT (address_key) DO UPDATE
SET hits = CASE WHEN t.reset_at <= now() THEN 1 ELSE t.hits + 1 END,
    reset_at = CASE WHEN t.reset_at <= now() THEN EXCLUDED.reset_at ELSE t.reset_at END
RETURNING hits, reset_at
