-- Readers of the data version no longer take its lock: two requests reading it at the same moment
-- made each other read NULL (an exclusive lock, even tried, conflicts with another), so under load
-- most pages were computed again instead of served from memory. A reader now reads the last number
-- drawn, then looks whether any writer holds the lock (pg_locks): a writer that drew a number up to
-- that one took the lock before, and holds it until its commit is visible. Readers never meet one
-- another, and writers still never wait (docs/decisions/021-dashboard-figures-cache.md). Semicolons in
-- the body are spelled \073: the PostgreSQL driver cuts a migration at every one.
CREATE OR REPLACE FUNCTION "jalon_data_version"() RETURNS bigint LANGUAGE plpgsql VOLATILE AS E'
DECLARE
  drawn bigint\073
BEGIN
  SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO drawn FROM "jalon_data_version"\073
  IF EXISTS (
    SELECT 1 FROM pg_locks l
    WHERE l.locktype = ''advisory'' AND l.classid = 0 AND l.objid = 72062 AND l.objsubid = 1
      AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
  ) THEN
    RETURN NULL\073
  END IF\073
  RETURN drawn\073
END
';
