-- The data version: a number that grows with every committed change to the domain tables, for
-- caches of figures derived from them (app/db/data-version.server.ts, docs/decisions/021-dashboard-figures-cache.md).
-- Every statement writing a domain table takes a shared advisory lock (writers never wait for one
-- another) and draws the next number. jalon_data_version() reads the last number drawn only when it
-- can take the same lock exclusively, that is when no writer stands between its change and its commit.
-- The tables left out (sessions, sign-in links, rate limits, job leases, audit journal, API tokens,
-- users, instance metadata) feed no figure: tests/data-version.test.ts checks every other table has the trigger.
-- The PostgreSQL driver runs a migration statement by statement, cut at every semicolon (even in
-- comments and function bodies): the trigger's body spells its semicolons as the escape \073.
CREATE SEQUENCE "jalon_data_version";

CREATE FUNCTION "jalon_data_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock_shared(72062)\073
  PERFORM nextval(''jalon_data_version'')\073
  RETURN NULL\073
END
';

-- NULL while a transaction that changed a domain table is still open: what is committed is then
-- unknown. Before the first number is drawn, last_value already reads 1: is_called tells them apart.
CREATE FUNCTION "jalon_data_version"() RETURNS bigint LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN pg_try_advisory_xact_lock(72062) THEN
    (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "jalon_data_version")
  END
$$;

CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Ministry" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Incubator" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Product" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProductSlugAlias" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProductIncubator" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProductSponsor" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PhaseEntry" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProductEvent" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RoleAssignment" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Indicator" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IndicatorTarget" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IndicatorValue" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IndicatorValueRevision" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "FundingEnvelope" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BudgetStatement" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BudgetLine" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CommitteeSession" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CommitteeMember" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgendaItem" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Dossier" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Vote" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Decision" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
CREATE TRIGGER "jalon_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DecisionCondition" FOR EACH STATEMENT EXECUTE FUNCTION "jalon_data_changed"();
