-- Tells the API processes on the database that the data version (sql/queries/data_versions.sql)
-- may have changed, so that a process keeps the version it read until told otherwise rather than
-- reading it at every request (server/src/db/data-change-listener.ts). Every table the version
-- is read from notifies, at the end of each statement that writes it, on the channel
-- `berceau_data_changed`; PostgreSQL delivers the notification when (and only if) the
-- transaction commits, to every session listening, and folds repeats within one transaction.
CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('berceau_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER dataset_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dataset
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE TRIGGER road_edge_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON road_edge
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();

CREATE TRIGGER secrecy_setting_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON secrecy_setting
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
