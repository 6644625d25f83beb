-- 018: what-if scenarios of the site finder saved by the people who make them
-- (docs/site-finder.md, "Saving and sharing"). A scenario is its changes on the current data,
-- never the data: the figures are recomputed each time it is opened.
--
-- The territories a scenario touches (the communes of its new sites and of the facilities it
-- closes or changes, their EPCI and départements) are stored with it: who may read it follows
-- from them (docs/security.md). The author is kept by id and by the name they had, so that a
-- scenario still says who made it once the account is gone.

CREATE TABLE scenario (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  year          integer,                      -- the year evaluated; null: the latest loaded
  minutes       integer NOT NULL CHECK (minutes BETWEEN 5 AND 30),
  changes       jsonb NOT NULL,               -- as POST /api/scenario's body: [{ op, … }]
  communes      text[] NOT NULL,              -- codes of the communes it touches
  epcis         text[] NOT NULL,
  departements  text[] NOT NULL,
  author_id     integer REFERENCES app_user (id) ON DELETE SET NULL,
  author_name   text NOT NULL,
  version       integer NOT NULL DEFAULT 1,   -- optimistic concurrency: +1 per change
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scenario_updated_idx ON scenario (updated_at DESC);
