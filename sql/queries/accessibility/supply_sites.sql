-- supply_sites: the places of the accessibility computation, at the sites families travel to.
-- Inputs:
--   :year      facilities and AM counted for year Y: started on or before Y and not ended by Y
--              (as sql/queries/coverage/commune_inputs.sql)
--   :am_share  share of an AM's agreement places used by under-3s (coverage option, 0..1)
--   :fictional the side of the data (server/src/kernel/fiction.ts): sites of its communes
-- Output: one row per site, by mode then id:
--   id     text: 'eaje-<id>', 'mam-<id>' (as /api/facilities), 'am-<commune code>'
--   mode   'eaje' (PSU and hors PSU), 'mam', 'am' (childminders at home)
--   places float: EAJE authorised places; a MAM's places = agreement places × :am_share of the
--          active AM working in it (a MAM's places are AM places, counted once, as in the
--          official rate); AM at home: Σ agreement places × :am_share over the commune
--   commune_code, epci_code, ept_code, departement_code (of the site's commune),
--   lon, lat   WGS84 degrees: the facility's point; for AM at home the commune's label point
--              (a home location is personal data and is never read here)
--   withheld   a MAM or AM site of a commune whose childminder figures that year are withheld
--              by statistical secrecy (coverage_figure.childminders_secret): a public answer
--              leaves its places out, since a commune's places could be read back from its flows
--   dataset_ids
WITH secret AS (
  SELECT f.code FROM coverage_figure f
  WHERE f.level = 'commune' AND f.year = CAST(:year AS integer) AND f.childminders_secret IS NOT NULL
),
site AS (
SELECT 'eaje-' || e.id AS id, 'eaje' AS mode, e.places::float8 AS places, e.commune_code,
       ST_X(e.geom) AS lon, ST_Y(e.geom) AS lat, false AS withheld, ARRAY[e.dataset_id] AS dataset_ids
FROM eaje e
WHERE (e.opened_year IS NULL OR e.opened_year <= :year) AND (e.closed_year IS NULL OR e.closed_year > :year)
UNION ALL
SELECT 'mam-' || m.id, 'mam', sum(a.agreement_places) * CAST(:am_share AS float8), m.commune_code,
       ST_X(m.geom), ST_Y(m.geom), m.commune_code IN (SELECT code FROM secret), array_agg(DISTINCT a.dataset_id) || m.dataset_id
FROM mam m
JOIN childminder a ON a.mam_id = m.id AND a.active
  AND (a.started_year IS NULL OR a.started_year <= :year) AND (a.ended_year IS NULL OR a.ended_year > :year)
WHERE (m.opened_year IS NULL OR m.opened_year <= :year) AND (m.closed_year IS NULL OR m.closed_year > :year)
GROUP BY m.id
UNION ALL
SELECT 'am-' || c.code, 'am', sum(a.agreement_places) * CAST(:am_share AS float8), c.code,
       ST_X(c.label_point), ST_Y(c.label_point), c.code IN (SELECT code FROM secret), array_agg(DISTINCT a.dataset_id)
FROM childminder a
JOIN commune c ON c.code = a.commune_code
WHERE a.active AND a.mam_id IS NULL
  AND (a.started_year IS NULL OR a.started_year <= :year) AND (a.ended_year IS NULL OR a.ended_year > :year)
GROUP BY c.code
)
SELECT s.*, c.epci_code, c.ept_code, c.departement_code
FROM site s JOIN commune c ON c.code = s.commune_code
WHERE c.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
ORDER BY s.mode, s.id
