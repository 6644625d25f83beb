-- site-selection/facility_side: the side (real or fictional, kernel/fiction.ts) of a facility
-- named by its API id.
-- Inputs: :kind ('eaje' | 'mam', a binding compared with constants), :id (integer).
-- Output: zero or one row: fictional (boolean, its dataset's flag).
SELECT d.fictional
FROM dataset d
WHERE d.id = CASE WHEN :kind = 'eaje' THEN (SELECT dataset_id FROM eaje WHERE id = :id)
                  ELSE (SELECT dataset_id FROM mam WHERE id = :id) END
