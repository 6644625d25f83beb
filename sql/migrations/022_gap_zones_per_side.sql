-- 022: gap zones kept per side of the data (server/src/kernel/fiction.ts). The real territories'
-- zones and the demo's are two sets, each computed for its side's latest year: the demo's set
-- key ends in `@fictif` (sans_offre:15@fictif). Zones computed before, when one set held both
-- sides, move to their side's set with their ids and review, and every set is marked stale so
-- that the next ask recomputes it for its side alone.

INSERT INTO gap_zone_set (key, criterion, parameters, year, data_version, cells, cells_unreachable,
                          dataset_ids, fictional, computed_at)
SELECT s.key || '@fictif', s.criterion, s.parameters, s.year, 'before-sides', 0, 0, '{}', true,
       s.computed_at
FROM gap_zone_set s
WHERE s.key NOT LIKE '%@fictif';

UPDATE gap_zone g SET set_key = g.set_key || '@fictif'
WHERE g.set_key NOT LIKE '%@fictif'
  AND EXISTS (SELECT 1 FROM departement d JOIN dataset ds ON ds.id = d.dataset_id
              WHERE d.code = ANY (g.departements) AND ds.fictional);

UPDATE gap_zone_set SET data_version = 'before-sides';
