-- territory_communes: the communes of a territory today, to sum a scenario's changes over them.
-- Inputs: :level ('commune' | 'epci' | 'departement', a binding compared with constants, never an
--         identifier), :code (INSEE, SIREN or département code).
-- Output: one row per commune: code. No geometry.
SELECT c.code
FROM commune c
WHERE (:level = 'commune' AND c.code = :code)
   OR (:level = 'epci' AND c.epci_code = :code)
   OR (:level = 'departement' AND c.departement_code = :code)
ORDER BY c.code
