-- childminders/in_territory: every childminder of the communes of one territory, with the home
-- position. Personal data (RGPD): only GET /api/childminders reads it, for signed-in users whose
-- territories contain this one (server/src/features/childminders/routes.ts checks first).
-- Inputs:
--   :level   'commune' | 'epci' | 'ept' | 'departement'
--   :code    the territory's code
-- Output: one row per childminder, by commune code then id:
--   id, commune_code, commune_name, agreement_places, active, started_year, ended_year,
--   mam_id, mam_name (null: works at home),
--   lon, lat      WGS84 degrees of the home (null when the source gave none),
--   dataset_id, fictional (the dataset's flag: the demo is fictional)
SELECT a.id, a.commune_code, c.name AS commune_name, a.agreement_places, a.active,
       a.started_year, a.ended_year, a.mam_id, m.name AS mam_name,
       ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat, a.dataset_id, d.fictional
FROM childminder a
JOIN commune c ON c.code = a.commune_code
JOIN dataset d ON d.id = a.dataset_id
LEFT JOIN mam m ON m.id = a.mam_id
WHERE CASE CAST(:level AS text)
        WHEN 'commune' THEN c.code = :code
        WHEN 'epci' THEN c.epci_code = :code
        WHEN 'ept' THEN c.ept_code = :code
        ELSE c.departement_code = :code
      END
ORDER BY a.commune_code, a.id
