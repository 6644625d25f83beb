-- zone_place: one zone (active or retired) with where it lies and the lineage of its set, for
-- the review (who may see and change it, which retired zones hand it their history).
-- Inputs:
--   :id        the zone's id (gz- + 12 hex digits)
-- Output: at most one row: id, set_key, status, successors (text[]), communes, epcis,
--   departements (text[] of codes), lineage (json text: [{ id, status, successors }] of every
--   retired zone of the same set).
SELECT g.id, g.set_key, g.status, g.successors, g.communes, g.epcis, g.departements,
       (SELECT coalesce(json_agg(json_build_object('id', r.id, 'status', r.status,
                                                   'successors', r.successors) ORDER BY r.id), '[]')
          FROM gap_zone r WHERE r.set_key = g.set_key AND r.status <> 'active')::text AS lineage
FROM gap_zone g
WHERE g.id = :id
