-- facilities/in_bbox: EAJE and MAM whose location falls in a WGS84 bounding box.
-- Inputs: :min_lon, :min_lat, :max_lon, :max_lat (degrees, EPSG:4326), :with_eaje, :with_mam
--   (booleans), :limit (max rows, the caller asks one more to detect truncation),
--   :departement (text or null: keep only facilities of communes of that département),
--   :year (smallint or null): facilities open in Y, (opened_year IS NULL OR opened_year <= Y)
--   AND (closed_year IS NULL OR closed_year > Y), as the coverage figures count them
--   (sql/queries/coverage/commune_inputs.sql); null: those not closed.
-- Output: id, type ('eaje'|'mam'), name, kind, financing, places, childminder_count,
--   commune_code, location_approximate, lon, lat (6 decimals).
-- Uses the GIST indexes on geom. Childminders are never listed here (personal data).
SELECT * FROM (
  SELECT e.id, 'eaje' AS type, e.name, e.kind, e.financing, e.places, NULL::int AS childminder_count,
         e.commune_code, e.location_approximate,
         round(ST_X(e.geom)::numeric, 6)::float8 AS lon, round(ST_Y(e.geom)::numeric, 6)::float8 AS lat
  FROM eaje e
  WHERE :with_eaje AND e.geom && ST_MakeEnvelope(:min_lon, :min_lat, :max_lon, :max_lat, 4326)
    AND (CAST(:departement AS text) IS NULL OR EXISTS (
          SELECT 1 FROM commune c WHERE c.code = e.commune_code AND c.departement_code = :departement))
    AND CASE WHEN CAST(:year AS smallint) IS NULL THEN e.closed_year IS NULL
             ELSE (e.opened_year IS NULL OR e.opened_year <= CAST(:year AS smallint))
                  AND (e.closed_year IS NULL OR e.closed_year > CAST(:year AS smallint)) END
  UNION ALL
  SELECT m.id, 'mam', m.name, NULL, NULL, m.places, m.childminder_count,
         m.commune_code, m.location_approximate,
         round(ST_X(m.geom)::numeric, 6)::float8, round(ST_Y(m.geom)::numeric, 6)::float8
  FROM mam m
  WHERE :with_mam AND m.geom && ST_MakeEnvelope(:min_lon, :min_lat, :max_lon, :max_lat, 4326)
    AND (CAST(:departement AS text) IS NULL OR EXISTS (
          SELECT 1 FROM commune c WHERE c.code = m.commune_code AND c.departement_code = :departement))
    AND CASE WHEN CAST(:year AS smallint) IS NULL THEN m.closed_year IS NULL
             ELSE (m.opened_year IS NULL OR m.opened_year <= CAST(:year AS smallint))
                  AND (m.closed_year IS NULL OR m.closed_year > CAST(:year AS smallint)) END
) f
ORDER BY type, id
LIMIT :limit
