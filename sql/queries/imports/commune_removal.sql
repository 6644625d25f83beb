-- imports/commune_removal: what removing communes takes with it, counted before it is done (an
-- import with --replace shows it first).
-- Inputs: :codes (JSON array of INSEE codes of the communes to remove), :keep_epcis (JSON array
--   of EPCI codes that the import gives communes to: they are not left empty).
-- Output: one row per table: table_name, n (rows removed: the communes, every row that refers
--   to them by a cascading foreign key, and the EPCI left without any commune), and one row
--   'childminder_unlinked': childminders of other communes whose MAM goes (they stay, unlinked).
--   Every foreign key to commune with ON DELETE CASCADE is listed here (a test checks it
--   against the catalogue).
WITH c AS (SELECT json_array_elements_text(CAST(:codes AS json)) AS code),
keep AS (SELECT json_array_elements_text(CAST(:keep_epcis AS json)) AS code)
SELECT 'commune' AS table_name, count(*) AS n FROM commune WHERE code IN (SELECT code FROM c)
UNION ALL SELECT 'commune_code_history', count(*) FROM commune_code_history WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'population', count(*) FROM population WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'eaje', count(*) FROM eaje WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'mam', count(*) FROM mam WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'childminder', count(*) FROM childminder WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'supply_count', count(*) FROM supply_count WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'births', count(*) FROM births WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'demand_cell', count(*) FROM demand_cell WHERE commune_code IN (SELECT code FROM c)
UNION ALL SELECT 'epci', count(*) FROM epci e
  WHERE EXISTS (SELECT 1 FROM commune x WHERE x.epci_code = e.code AND x.code IN (SELECT code FROM c))
    AND NOT EXISTS (SELECT 1 FROM commune x WHERE x.epci_code = e.code AND x.code NOT IN (SELECT code FROM c))
    AND e.code NOT IN (SELECT code FROM keep)
UNION ALL SELECT 'childminder_unlinked', count(*) FROM childminder a JOIN mam m ON m.id = a.mam_id
  WHERE m.commune_code IN (SELECT code FROM c) AND a.commune_code NOT IN (SELECT code FROM c)
