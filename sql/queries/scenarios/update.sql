-- scenarios/update: replaces a scenario's name, year, time and changes if it is still at the
-- version the change was made against.
-- Inputs: :id, :version (the one read), then the inputs of scenarios/add but the author.
-- Output: id of the row changed; none when the scenario is gone or at another version.
UPDATE scenario
SET name = :name, year = CAST(:year AS integer), minutes = :minutes,
    changes = CAST(:changes AS jsonb),
    communes = ARRAY(SELECT json_array_elements_text(CAST(:communes AS json))),
    epcis = ARRAY(SELECT json_array_elements_text(CAST(:epcis AS json))),
    departements = ARRAY(SELECT json_array_elements_text(CAST(:departements AS json))),
    version = version + 1, updated_at = now()
WHERE id = :id AND version = :version
RETURNING id
