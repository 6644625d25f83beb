-- lineage: the retired zones of a set, with how they were retired and their successors (what
-- the review reads to hand a retired zone's history down to the zones now holding its cells).
-- Inputs:
--   :key       the set (sans_offre:15)
-- Output: id, status ('disappeared', 'merged', 'split'), successors (text[]), by id.
SELECT id, status, successors
FROM gap_zone
WHERE set_key = :key AND status <> 'active'
ORDER BY id
