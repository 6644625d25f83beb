-- 001: the domain schema. Forward-only; later changes go in new numbered files.
-- All geometries are stored in WGS84 (EPSG:4326); metric work transforms on the fly
-- (Lambert-93 EPSG:2154 in metropolitan France, local UTM overseas).

CREATE EXTENSION IF NOT EXISTS postgis;

-- Provenance: every row of every table below points to the dataset it came from, so that
-- every figure derived from it can name its source, licence, vintage and whether it is fictional.
CREATE TABLE dataset (
  id          serial PRIMARY KEY,
  key         text NOT NULL UNIQUE,          -- stable identity, e.g. 'demo:Z1:eaje' or 'import:eaje:18'
  kind        text NOT NULL CHECK (kind IN ('territory', 'reference', 'population', 'eaje',
                'childminders', 'mam', 'supply_counts', 'roads', 'caf_coverage')),
  name        text NOT NULL,
  source      text NOT NULL,
  source_url  text,
  licence     text NOT NULL,
  vintage     text NOT NULL,                 -- e.g. '2024' or '2019-2024'
  fictional   boolean NOT NULL,
  file_name   text,
  checksum    text,                          -- sha256 of the imported file
  imported_at timestamptz NOT NULL DEFAULT now(),
  row_counts  jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE departement (
  code            text PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{2,3}$'),
  name            text NOT NULL,
  prefecture_code text,
  geom            geometry(MultiPolygon, 4326),
  dataset_id      integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE
);

CREATE TABLE epci (
  code             text PRIMARY KEY CHECK (code ~ '^[0-9]{9}$'),  -- SIREN
  name             text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('CC', 'CA', 'CU', 'MET', 'EPT')),
  departement_code text,                    -- département of the seat; an EPCI may cross a line
  geom             geometry(MultiPolygon, 4326),
  dataset_id       integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE
);

CREATE TABLE commune (
  code             text PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{5}$'),  -- INSEE code
  name             text NOT NULL,
  departement_code text NOT NULL REFERENCES departement (code) ON DELETE CASCADE,
  epci_code        text REFERENCES epci (code) ON DELETE SET NULL,
  geom             geometry(MultiPolygon, 4326),
  area_km2         double precision,
  dataset_id       integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE
);
CREATE INDEX commune_departement_idx ON commune (departement_code);
CREATE INDEX commune_epci_idx ON commune (epci_code);

-- Communes merge over the years: files using a pre-merger code still attach to the right commune.
CREATE TABLE commune_code_history (
  old_code     text NOT NULL,
  commune_code text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  old_name     text,
  changed_on   date,
  PRIMARY KEY (old_code, commune_code)
);

CREATE TABLE population (
  commune_code    text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  year            smallint NOT NULL CHECK (year BETWEEN 1960 AND 2100),
  children_under3 double precision CHECK (children_under3 >= 0),  -- INSEE ages 0-2 (P21_POP0002)
  total           double precision CHECK (total >= 0),
  method          text NOT NULL CHECK (method IN ('census', 'estimate')),
  dataset_id      integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  PRIMARY KEY (commune_code, year)
);

-- Supply: établissements d'accueil du jeune enfant. A facility counts for year Y when
-- opened_year <= Y and (closed_year IS NULL OR closed_year > Y).
CREATE TABLE eaje (
  id                   bigserial PRIMARY KEY,
  source_id            text NOT NULL,
  name                 text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('multi_accueil', 'creche_collective',
                         'micro_creche', 'halte_garderie', 'creche_familiale', 'creche_parentale',
                         'jardin_enfants', 'autre')),
  financing            text NOT NULL CHECK (financing IN ('psu', 'hors_psu')),
  places               integer NOT NULL CHECK (places > 0),
  manager              text,
  manager_kind         text CHECK (manager_kind IN ('public', 'associatif', 'prive')),
  address              text,
  commune_code         text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  geom                 geometry(Point, 4326) NOT NULL,
  location_approximate boolean NOT NULL DEFAULT false,  -- placed at its commune, no coordinates
  opened_year          smallint,
  closed_year          smallint,
  dataset_id           integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  UNIQUE (dataset_id, source_id)
);
CREATE INDEX eaje_commune_idx ON eaje (commune_code);

-- Maisons d'assistants maternels: their places are their childminders' places (counted once).
CREATE TABLE mam (
  id                   bigserial PRIMARY KEY,
  source_id            text NOT NULL,
  name                 text NOT NULL,
  places               integer NOT NULL CHECK (places > 0 AND places <= 20),
  childminder_count    integer NOT NULL CHECK (childminder_count BETWEEN 1 AND 6),
  address              text,
  commune_code         text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  geom                 geometry(Point, 4326) NOT NULL,
  location_approximate boolean NOT NULL DEFAULT false,
  opened_year          smallint,
  closed_year          smallint,
  dataset_id           integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  UNIQUE (dataset_id, source_id)
);
CREATE INDEX mam_commune_idx ON mam (commune_code);

-- Assistants maternels. geom is a person's home: personal data (RGPD). It never leaves the
-- server in a public view; public layers aggregate by commune or grid cell.
CREATE TABLE childminder (
  id               bigserial PRIMARY KEY,
  source_id        text NOT NULL,
  commune_code     text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  agreement_places smallint NOT NULL CHECK (agreement_places BETWEEN 1 AND 6),
  active           boolean NOT NULL,
  mam_id           bigint REFERENCES mam (id) ON DELETE SET NULL,
  geom             geometry(Point, 4326),
  started_year     smallint,
  ended_year       smallint,
  dataset_id       integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  UNIQUE (dataset_id, source_id)
);
CREATE INDEX childminder_commune_idx ON childminder (commune_code);
CREATE INDEX childminder_mam_idx ON childminder (mam_id);

-- Garde à domicile and préscolarisation are known only as counts per commune and year.
CREATE TABLE supply_count (
  commune_code text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
  year         smallint NOT NULL,
  mode         text NOT NULL CHECK (mode IN ('garde_domicile', 'prescolarisation')),
  places       double precision NOT NULL CHECK (places >= 0),
  dataset_id   integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
  PRIMARY KEY (commune_code, year, mode)
);

-- Road network: directed by digitisation; oneway edges are passable source -> target only.
CREATE TABLE road_edge (
  id         bigserial PRIMARY KEY,
  source     bigint NOT NULL,
  target     bigint NOT NULL,
  road_class text NOT NULL,                -- 'nationale', 'departementale', 'communale' or an OSM highway value
  speed_kmh  real NOT NULL CHECK (speed_kmh > 0),
  oneway     boolean NOT NULL DEFAULT false,
  length_m   double precision NOT NULL CHECK (length_m >= 0),
  osm_id     bigint,
  geom       geometry(LineString, 4326) NOT NULL,
  dataset_id integer NOT NULL REFERENCES dataset (id) ON DELETE CASCADE
);
CREATE INDEX road_edge_dataset_idx ON road_edge (dataset_id);

CREATE INDEX departement_geom_idx ON departement USING gist (geom);
CREATE INDEX epci_geom_idx ON epci USING gist (geom);
CREATE INDEX commune_geom_idx ON commune USING gist (geom);
CREATE INDEX eaje_geom_idx ON eaje USING gist (geom);
CREATE INDEX mam_geom_idx ON mam USING gist (geom);
CREATE INDEX childminder_geom_idx ON childminder USING gist (geom);
CREATE INDEX road_edge_geom_idx ON road_edge USING gist (geom);
