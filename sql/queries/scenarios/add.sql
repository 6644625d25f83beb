-- scenarios/add: saves a new scenario, version 1.
-- Inputs:
--   :name (1 to 80 characters), :year (integer or null: latest), :minutes (5 to 30),
--   :changes (JSON array, as POST /api/scenario's body), :communes, :epcis, :departements
--   (JSON arrays of codes), :author_id, :author_name
-- Output: id (integer).
INSERT INTO scenario (name, year, minutes, changes, communes, epcis, departements, author_id,
                      author_name)
VALUES (:name, CAST(:year AS integer), :minutes, CAST(:changes AS jsonb),
        ARRAY(SELECT json_array_elements_text(CAST(:communes AS json))),
        ARRAY(SELECT json_array_elements_text(CAST(:epcis AS json))),
        ARRAY(SELECT json_array_elements_text(CAST(:departements AS json))),
        :author_id, :author_name)
RETURNING id
