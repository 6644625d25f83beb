-- 016: the user's removal of the fictional demo is remembered, so that a server started with
-- BERCEAU_AUTOLOAD_DEMO does not load it again by itself (`datasets remove --demo`). Loading
-- the demo on purpose (`npm run berceau -- demo`) forgets the removal. One row at most.
CREATE TABLE demo_removal (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  removed_at timestamptz NOT NULL DEFAULT now()
);
