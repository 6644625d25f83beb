-- imports/link_childminders_to_mams: link AM to the MAM they work in, by the MAM list's
-- identifier (either list may be imported first).
-- Inputs: none.
-- Output: linked (number of AM whose mam_id changed). Unknown identifiers leave mam_id null;
--   if two loaded MAM lists use the same identifier, the MAM of the AM's département wins.
WITH candidates AS (
  SELECT DISTINCT ON (a.id) a.id AS childminder_id, m.id AS mam_id
  FROM childminder a
  JOIN mam m ON m.source_id = a.mam_source_id
  JOIN commune ca ON ca.code = a.commune_code
  JOIN commune cm ON cm.code = m.commune_code
  WHERE a.mam_source_id IS NOT NULL
  ORDER BY a.id, (ca.departement_code = cm.departement_code) DESC, m.id
), upd AS (
  UPDATE childminder SET mam_id = candidates.mam_id
  FROM candidates
  WHERE childminder.id = candidates.childminder_id AND childminder.mam_id IS DISTINCT FROM candidates.mam_id
  RETURNING 1
)
SELECT count(*) AS linked FROM upd
