-- 013: accounts of the people who sign in (planners, reviewers, administrators; the public has
-- none), the territories each works on, the sessions of signed-in browsers, and the settings the
-- server keeps for itself (the session secret of an embedded database when none is configured).
-- docs/security.md describes roles, sessions, passwords and throttling.

CREATE TABLE app_user (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login           text NOT NULL,                -- as typed at creation; unique whatever its case
  display_name    text NOT NULL,
  role            text NOT NULL CHECK (role IN ('planner', 'reviewer', 'admin')),
  password_hash   text NOT NULL,                -- argon2id, PHC string (salt and parameters inside)
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_login ON app_user (lower(login));

CREATE TABLE app_user_territory (
  user_id  integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  level    text NOT NULL CHECK (level IN ('departement', 'epci', 'commune')),
  code     text NOT NULL,
  PRIMARY KEY (user_id, level, code)
);

-- Login throttling, shared by every API process: wrong passwords per login as typed (lower
-- case), whether or not an account has that login, so that throttling never tells which exist.
CREATE TABLE login_throttle (
  login_key      text PRIMARY KEY,              -- lower(login)
  failures       integer NOT NULL,              -- wrong passwords since the last success
  locked_until   timestamptz                    -- no login accepted before
);

-- express-session's store (connect-session-knex): one row per signed-in browser, shared by
-- every API process on the database.
CREATE TABLE session (
  sid      varchar(255) PRIMARY KEY,
  sess     json NOT NULL,
  expired  timestamptz NOT NULL
);
CREATE INDEX session_expired ON session (expired);

-- Values the server generates once and keeps (never shown by the API).
CREATE TABLE server_setting (
  key    text PRIMARY KEY,
  value  text NOT NULL
);
