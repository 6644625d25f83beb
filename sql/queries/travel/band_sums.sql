-- band_sums: children under 3 and places inside each isochrone band (POST /api/isochrones).
-- Inputs:
--   :minutes   float8[]: the bands' limits (minutes), one per band
--   :geoms     bytea[]: each band's MultiPolygon as WKB (WGS84, lon/lat), in the order of :minutes
--   :year      the year of population and supply
--   :am_share  share of an AM's agreement places counted for under-3s (coverage option, 0..1)
--   :exact     the viewer's rule (text, childminders_exact of migration 019; '' for the
--              public): the AM at home of a commune it does not cover whose figure that year is withheld
--              by statistical secrecy (coverage_figure.childminders_secret) are left out of
--              places_am, since a band's share of a commune is known (from the public grid or its
--              outline) and a few bands would give that commune's places back; '*': every AM counted
--   :fictional the side of the data (server/src/kernel/fiction.ts): only the communes,
--              facilities and AM of its datasets are counted
--   :cell_minutes, :cell_codes, :cell_shares, :cell_estimated   float8[], text[], float8[],
--              boolean[] of one length: per band (by minutes) and commune, the sum of the shares
--              of the commune's demand-grid cells (sql/migrations/006) whose centroid (where their
--              children are taken to live) is inside the band, and whether any of them was placed
--              by the estimate; counted by the caller (server/src/features/travel/demand-points.ts)
--   :source_minutes, :source_codes, :source_datasets   float8[], text[], integer[]: per band and
--              commune, the datasets of those cells
-- Output: one row per band, by minutes:
--   minutes, area_km2 (geodesic, km²),
--   children_under3      Σ over communes of children_under3 × the share of the commune's children
--                        inside the band: from the demand grid, the sum of
--                        the shares of its cells inside (:cell_shares); for a commune with no grid cell, the share of its area inside
--                        (geodesic areas); null when no commune meeting the band has a population
--                        row that year,
--   children_by_grid     some children counted from grid cells,
--   children_by_area     some children counted by area share (communes without grid cells),
--   children_estimated   some children counted by area share or from cells placed by the
--                        estimate (demand_cell.method 'estimate') rather than INSEE's grid,
--   communes             number of communes meeting the band,
--   places_eaje_psu, places_eaje_hors_psu   authorised places of EAJE open that year whose point
--                        is inside the band (boundary included),
--   places_mam           agreement places × :am_share of the active AM working that year in a MAM
--                        whose point is inside the band (a MAM's places are AM places, counted once),
--   places_am            Σ over communes of the agreement places × :am_share of active AM working
--                        at home that year × the commune's children share inside the band: AM work
--                        from home, and homes are where the grid's children are, so the share of the
--                        commune's children in its grid cells whose centroid is inside (no home
--                        location is read); a commune with no populated cell (no cell of share > 0)
--                        keeps the share of its area inside (geodesic), so no place is dropped;
--                        communes withheld by secrecy left out, see :exact,
--   am_withheld_communes communes met whose AM at home are left out for secrecy,
--   dataset_ids          datasets of every commune, population row, grid cell, facility and AM
--                        counted,
--   fictional            any of those datasets is fictional.
-- Years: a facility or an AM counts for year Y when it started on or before Y and did not end
-- by Y, as for the coverage rate (sql/queries/coverage/commune_inputs.sql).
-- Cost: the bands come as WKB (read far faster than GeoJSON text). The communes met are found
-- with the whole band as the first argument of ST_Intersects, which PostGIS prepares once per
-- band (an index of its edges) for every commune tested. Only the communes with no populated
-- cell are intersected and measured: their band is cut into pieces of at most 1,024 vertices
-- (ST_Subdivide: they cover it without overlapping), their area share is the sum over the pieces
-- they meet (at most 1), and no band is cut when there is none; the others are counted from
-- their cells alone. No CTE carries a geometry from row to row: a band copied into each row
-- of its communes cost more than finding them. The AM are looked up for the communes met only.
-- The cells inside come counted by the caller, which holds the grid's points in an index: a
-- spatial join of every centroid here cost more than the rest of the query.
WITH band AS MATERIALIZED (
  SELECT b.minutes, ST_GeomFromWKB(b.wkb, 4326) AS geom
  FROM unnest(CAST(:minutes AS float8[]), CAST(:geoms AS bytea[])) AS b (minutes, wkb)
),
touched AS MATERIALIZED (   -- per band, the communes it meets
  SELECT b.minutes, c.code, c.dataset_id
  FROM band b
  JOIN commune c ON c.geom IS NOT NULL AND ST_Intersects(b.geom, c.geom)
  WHERE c.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
),
populated AS MATERIALIZED (   -- communes met with a populated grid cell: counted from cells only
  SELECT m.code FROM (SELECT DISTINCT code FROM touched) m
  WHERE EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = m.code AND d.share > 0)
),
piece AS MATERIALIZED (   -- only of the bands that meet a commune without a populated cell
  SELECT minutes, ST_Subdivide(geom, 1024) AS geom FROM band
  WHERE minutes IN (SELECT minutes FROM touched WHERE code NOT IN (SELECT code FROM populated))
),
area_inside AS MATERIALIZED (   -- per band and commune met without a populated cell: its area
  -- and its area inside, summed over the pieces it meets
  SELECT t.minutes, t.code, a.area,
         sum(CASE WHEN ST_CoveredBy(c.geom, p.geom) THEN a.area
                  ELSE ST_Area(ST_Intersection(c.geom, p.geom)::geography) END) AS inside
  FROM touched t
  JOIN commune c ON c.code = t.code
  CROSS JOIN LATERAL (SELECT ST_Area(c.geom::geography) AS area) a
  JOIN piece p ON p.minutes = t.minutes AND ST_Intersects(c.geom, p.geom)
  WHERE t.code NOT IN (SELECT code FROM populated)
  GROUP BY t.minutes, t.code, a.area
),
shares AS MATERIALIZED (   -- per band and commune met: the share of its area inside (1: populated)
  SELECT t.minutes, t.code, t.dataset_id,
         CASE WHEN t.code IN (SELECT code FROM populated) THEN 1.0
              ELSE least(1.0, i.inside / nullif(i.area, 0)) END AS share
  FROM touched t
  LEFT JOIN area_inside i ON i.minutes = t.minutes AND i.code = t.code
),
gridded AS MATERIALIZED (   -- communes met that have demand-grid cells
  SELECT m.code FROM (SELECT DISTINCT code FROM shares) m
  WHERE EXISTS (SELECT 1 FROM demand_cell d WHERE d.commune_code = m.code)
),
grid_shares AS MATERIALIZED (   -- per band and gridded commune: the share of its children inside
  SELECT g.minutes, g.code, g.share, g.estimated
  FROM unnest(CAST(:cell_minutes AS float8[]), CAST(:cell_codes AS text[]),
              CAST(:cell_shares AS float8[]), CAST(:cell_estimated AS boolean[]))
       AS g (minutes, code, share, estimated)
  WHERE g.code IN (SELECT code FROM gridded)
),
cell_sources AS MATERIALIZED (   -- per band, the datasets of its cells
  SELECT DISTINCT s.minutes, s.dataset_id
  FROM unnest(CAST(:source_minutes AS float8[]), CAST(:source_codes AS text[]),
              CAST(:source_datasets AS integer[])) AS s (minutes, code, dataset_id)
  WHERE s.code IN (SELECT code FROM gridded)
),
am AS NOT MATERIALIZED (   -- active AM working that year (at home: mam_id null)
  SELECT a.* FROM childminder a
  WHERE a.active AND a.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
    AND (a.started_year IS NULL OR a.started_year <= CAST(:year AS integer))
    AND (a.ended_year IS NULL OR a.ended_year > CAST(:year AS integer))
),
withheld AS MATERIALIZED (   -- communes met whose childminder figures are secret that year
  SELECT f.code FROM coverage_figure f
  WHERE NOT childminders_exact(CAST(:exact AS text), f.level, f.code, f.epci_code, f.departement_code) AND f.level = 'commune' AND f.year = CAST(:year AS integer)
    AND f.childminders_secret IS NOT NULL AND f.code IN (SELECT code FROM shares)
),
am_home AS MATERIALIZED (   -- per commune met: places and datasets of the AM working at home
  -- LATERAL: each commune's AM looked up by its index, not every AM of the territory scanned
  -- (the planner's choice from its guess of the communes' count)
  SELECT m.code AS commune_code, h.places, h.dataset_ids
  FROM (SELECT DISTINCT code FROM shares) m
  CROSS JOIN LATERAL (
    SELECT sum(a.agreement_places) AS places, array_agg(DISTINCT a.dataset_id) AS dataset_ids
    FROM am a WHERE a.commune_code = m.code AND a.mam_id IS NULL
  ) h
  WHERE m.code NOT IN (SELECT code FROM withheld) AND h.places IS NOT NULL
),
by_commune AS (
  SELECT s.minutes,
         sum(p.children_under3 * CASE WHEN g.code IS NULL THEN s.share
                                      ELSE coalesce(gs.share, 0) END) AS children_under3,
         bool_or(g.code IS NOT NULL AND gs.share > 0 AND p.children_under3 > 0) AS by_grid,
         bool_or(g.code IS NULL AND s.share > 0 AND p.children_under3 > 0) AS by_area,
         bool_or(gs.estimated AND gs.share > 0 AND p.children_under3 > 0) AS by_estimate,
         count(p.children_under3) AS with_population,
         count(*) AS communes,
         sum(coalesce(h.places, 0) * CASE WHEN pc.code IS NULL THEN s.share
                                          ELSE coalesce(gs.share, 0) END)
           * CAST(:am_share AS float8) AS places_am,
         count(w.code) AS am_withheld_communes
  FROM shares s
  LEFT JOIN LATERAL (   -- one row by the primary key (LIMIT: looked up, not joined by a sort of
    -- the whole table, which the planner chooses from its guess of the shares' count)
    SELECT p.children_under3 FROM population p
    WHERE p.commune_code = s.code AND p.year = :year LIMIT 1
  ) p ON true
  LEFT JOIN gridded g ON g.code = s.code
  LEFT JOIN populated pc ON pc.code = s.code
  LEFT JOIN grid_shares gs ON gs.minutes = s.minutes AND gs.code = s.code
  LEFT JOIN am_home h ON h.commune_code = s.code
  LEFT JOIN withheld w ON w.code = s.code
  GROUP BY s.minutes
),
eaje_in AS MATERIALIZED (
  SELECT band.minutes, e.financing, e.places, e.dataset_id
  FROM band
  JOIN eaje e ON ST_Intersects(band.geom, e.geom)
  WHERE e.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
    AND (e.opened_year IS NULL OR e.opened_year <= CAST(:year AS integer))
    AND (e.closed_year IS NULL OR e.closed_year > CAST(:year AS integer))
),
mam_in AS MATERIALIZED (
  SELECT band.minutes, m.id, m.dataset_id
  FROM band
  JOIN mam m ON ST_Intersects(band.geom, m.geom)
  WHERE m.dataset_id IN (SELECT id FROM dataset WHERE fictional = :fictional)
),
mam_am AS MATERIALIZED (   -- the active AM of the MAM met
  SELECT i.minutes, a.agreement_places, a.dataset_id
  FROM mam_in i JOIN am a ON a.mam_id = i.id
),
mam_places AS (
  SELECT minutes, sum(agreement_places) * CAST(:am_share AS float8) AS places
  FROM mam_am
  GROUP BY minutes
),
sources AS (   -- (band, dataset) of every row counted
  SELECT minutes, dataset_id FROM shares WHERE share > 0
  UNION SELECT s.minutes, p.dataset_id FROM shares s
        CROSS JOIN LATERAL (SELECT p.dataset_id FROM population p
                            WHERE p.commune_code = s.code AND p.year = :year LIMIT 1) p
        WHERE s.share > 0
  UNION SELECT s.minutes, unnest(h.dataset_ids) FROM shares s
        JOIN am_home h ON h.commune_code = s.code WHERE s.share > 0
  UNION SELECT minutes, dataset_id FROM cell_sources
  UNION SELECT minutes, dataset_id FROM eaje_in
  UNION SELECT minutes, dataset_id FROM mam_in
  UNION SELECT minutes, dataset_id FROM mam_am
),
band_ids AS (
  SELECT minutes, array_agg(dataset_id ORDER BY dataset_id) AS ids FROM sources GROUP BY minutes
)
SELECT band.minutes,
       ST_Area(band.geom::geography) / 1e6 AS area_km2,
       CASE WHEN coalesce(c.with_population, 0) > 0 THEN c.children_under3 END AS children_under3,
       coalesce(c.by_grid, false) AS children_by_grid,
       coalesce(c.by_area, false) AS children_by_area,
       coalesce(c.by_area OR c.by_estimate, false) AS children_estimated,
       coalesce(c.communes, 0) AS communes,
       coalesce((SELECT sum(places) FROM eaje_in e WHERE e.minutes = band.minutes AND e.financing = 'psu'), 0)
         AS places_eaje_psu,
       coalesce((SELECT sum(places) FROM eaje_in e WHERE e.minutes = band.minutes AND e.financing = 'hors_psu'), 0)
         AS places_eaje_hors_psu,
       coalesce((SELECT places FROM mam_places m WHERE m.minutes = band.minutes), 0) AS places_mam,
       coalesce(c.places_am, 0) AS places_am,
       coalesce(c.am_withheld_communes, 0)::integer AS am_withheld_communes,
       coalesce(ids.ids, '{}') AS dataset_ids,
       EXISTS (SELECT 1 FROM dataset d WHERE d.id = ANY (ids.ids) AND d.fictional) AS fictional
FROM band
LEFT JOIN by_commune c ON c.minutes = band.minutes
LEFT JOIN band_ids ids ON ids.minutes = band.minutes
ORDER BY band.minutes
