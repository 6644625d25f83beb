-- review_ensure: creates the review of a zone never reviewed (à examiner, version 0), so that
-- review_lock has a row to lock; a review already there is left as it is.
-- Inputs:
--   :zone_id
-- Output: none.
INSERT INTO gap_zone_review (zone_id) VALUES (:zone_id)
ON CONFLICT (zone_id) DO NOTHING
