-- scenarios/remove: deletes a saved scenario (decisions linking to it keep their reference).
-- Inputs: :id (integer).
-- Output: id of the row deleted; none when there was none.
DELETE FROM scenario WHERE id = :id RETURNING id
