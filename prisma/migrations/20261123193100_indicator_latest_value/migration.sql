-- When each indicator's latest value (by period) was last saved, kept by the database: the portfolio's
-- "last update" and "indicateurs en retard" read it for every product in scope, where looking up each
-- indicator's latest value read tens of thousands of index entries per request
-- (docs/decisions/007-portfolio-queries.md). Statement triggers on IndicatorValue recompute it for the
-- indicators a statement touched, whoever writes (entry form, CSV import, API push, seed, beta.gouv and
-- instance imports, a hand-written UPDATE): tests/portfolio.test.ts compares it with the values.
-- The indicators' rows are locked before the recomputation, in a statement of their own: a concurrent
-- writer of the same indicator has committed by then, and the recomputation (a new snapshot) sees its
-- value. The PostgreSQL driver runs a migration statement by statement, cut at every semicolon (even in
-- function bodies): the bodies spell their semicolons as the escape \073.

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "latestValueSavedAt" TIMESTAMP(3);

CREATE FUNCTION "indicator_latest_value_refresh"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  PERFORM 1 FROM "Indicator" WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE\073
  UPDATE "Indicator" i SET "latestValueSavedAt" = latest.at
  FROM (
    SELECT x.id, (SELECT v."updatedAt" FROM "IndicatorValue" v WHERE v."indicatorId" = x.id ORDER BY v."periodStart" DESC LIMIT 1) AS at
    FROM unnest(ids) AS x(id)
  ) latest
  WHERE i.id = latest.id AND i."latestValueSavedAt" IS DISTINCT FROM latest.at\073
END
';

CREATE FUNCTION "indicator_value_inserted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "indicator_latest_value_refresh"(ARRAY(SELECT DISTINCT "indicatorId" FROM new_values))\073
  RETURN NULL\073
END
';

CREATE FUNCTION "indicator_value_updated"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "indicator_latest_value_refresh"(ARRAY(SELECT "indicatorId" FROM new_values UNION SELECT "indicatorId" FROM old_values))\073
  RETURN NULL\073
END
';

CREATE FUNCTION "indicator_value_deleted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "indicator_latest_value_refresh"(ARRAY(SELECT DISTINCT "indicatorId" FROM old_values))\073
  RETURN NULL\073
END
';

CREATE FUNCTION "indicator_value_truncated"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "Indicator" SET "latestValueSavedAt" = NULL WHERE "latestValueSavedAt" IS NOT NULL\073
  RETURN NULL\073
END
';

-- A trigger with transition tables fires on one event only.
CREATE TRIGGER "indicator_value_inserted" AFTER INSERT ON "IndicatorValue"
  REFERENCING NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_inserted"();
CREATE TRIGGER "indicator_value_updated" AFTER UPDATE ON "IndicatorValue"
  REFERENCING OLD TABLE AS old_values NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_updated"();
CREATE TRIGGER "indicator_value_deleted" AFTER DELETE ON "IndicatorValue"
  REFERENCING OLD TABLE AS old_values FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_deleted"();
CREATE TRIGGER "indicator_value_truncated" AFTER TRUNCATE ON "IndicatorValue"
  FOR EACH STATEMENT EXECUTE FUNCTION "indicator_value_truncated"();

UPDATE "Indicator" i SET "latestValueSavedAt" = (
  SELECT v."updatedAt" FROM "IndicatorValue" v WHERE v."indicatorId" = i.id ORDER BY v."periodStart" DESC LIMIT 1
);
