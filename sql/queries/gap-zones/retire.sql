-- retire: records the zones of a set whose id no new zone kept (they are never deleted, so that
-- a review attached to one keeps its history).
-- Inputs:
--   :key       the set
--   :retired   json text: [{ id, status: 'disappeared' | 'merged' | 'split', successors: [id…] }]
--   :data_version
-- Output: none. Their cells, figures and geometry stay those of their last active computation.
UPDATE gap_zone g
SET status = r.status, successors = r.successors, data_version = :data_version
FROM (
  SELECT e ->> 'id' AS id, e ->> 'status' AS status,
         ARRAY(SELECT json_array_elements_text(e -> 'successors')) AS successors
  FROM json_array_elements(CAST(:retired AS json)) AS e
) r
WHERE g.id = r.id AND g.set_key = :key
