-- datasets/territories: the départements each dataset's rows are about.
-- Inputs: none.
-- Output: one row per (dataset, département), by dataset then code:
--   dataset_id, departement_code: the département of a territory row (département, EPCI seat,
--   commune) or of the commune a row (population, facility, childminder, count, grid cell) is
--   attached to. Roads and the Caf's published figures name no commune: they have no row here.
SELECT DISTINCT dataset_id, departement_code FROM (
  SELECT dataset_id, code AS departement_code FROM departement
  UNION ALL SELECT dataset_id, departement_code FROM commune
  UNION ALL SELECT dataset_id, departement_code FROM epci WHERE departement_code IS NOT NULL
  UNION ALL SELECT t.dataset_id, c.departement_code FROM population t JOIN commune c ON c.code = t.commune_code
  UNION ALL SELECT t.dataset_id, c.departement_code FROM eaje t JOIN commune c ON c.code = t.commune_code
  UNION ALL SELECT t.dataset_id, c.departement_code FROM mam t JOIN commune c ON c.code = t.commune_code
  UNION ALL SELECT t.dataset_id, c.departement_code FROM childminder t JOIN commune c ON c.code = t.commune_code
  UNION ALL SELECT t.dataset_id, c.departement_code FROM supply_count t JOIN commune c ON c.code = t.commune_code
  UNION ALL SELECT t.dataset_id, c.departement_code FROM demand_cell t JOIN commune c ON c.code = t.commune_code
) r
ORDER BY dataset_id, departement_code
