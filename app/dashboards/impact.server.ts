// The impact figures of a dashboard, over the scope's active products whose internal data the viewer
// reads: how many meet their targets, how many keep their indicators up, how many measure no outcome.
// Attainment is `attainment` of app/domain/indicator-health.ts written in SQL (tests compare both).
import { db } from "~/db.server";
import type { AttainmentStatus } from "~/domain/indicator-health";
import { ACTIVE_PHASES } from "~/domain/phases";
import { Prisma } from "~/generated/prisma/client";
import { queryClock, scopeCte, type DashboardQuery } from "./scope.server";

const textArray = (values: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]`;
const GOOD: readonly AttainmentStatus[] = ["reached", "on-track", "met"];

const reaches = (value: Prisma.Sql, target: Prisma.Sql) =>
  Prisma.sql`(CASE WHEN j.direction = 'higher_is_better' THEN ${value} >= ${target} ELSE ${value} <= ${target} END)`;
const epoch = (expr: Prisma.Sql) => Prisma.sql`extract(epoch FROM (${expr})::timestamp)`;

/**
 * `attainments (id, "productId", status)`: each live impact indicator with a target of the scope's
 * active, internally readable products, judged as `attainment` judges it on the query's day. Those
 * without a target ("sans cible") are left out before their values are looked up: most have none.
 */
function attainmentsCte(query: DashboardQuery): Prisma.Sql {
  const c = queryClock(query);
  const asOf = Prisma.sql`${query.asOf.toISOString()}::timestamp`;
  return Prisma.sql`${scopeCte(query)},
    judged AS (
      SELECT i.id, i."productId", i.direction::text AS direction, i."baselineValue", i."baselineDate",
        nt.value AS "nextValue", nt."dueDate" AS "nextDue", lt.value AS "lastValue", lt."dueDate" AS "lastDue",
        lv.value AS latest, lv."periodStart" AS "latestPeriod",
        lv."periodStart" + CASE i.frequency WHEN 'weekly' THEN interval '7 days' WHEN 'monthly' THEN interval '1 month' ELSE interval '3 months' END AS "latestEnd",
        mv.value AS measured, fv.value AS "firstValue", fv."periodStart" AS "firstPeriod"
      FROM "Indicator" i
      JOIN scope s ON s.id = i."productId" AND s.internal AND s.phase = ANY(${textArray(ACTIVE_PHASES)})
      -- The last target first: an inner join, it drops the indicators without any before the other lookups.
      JOIN LATERAL (SELECT t.value, t."dueDate" FROM "IndicatorTarget" t WHERE t."indicatorId" = i.id ORDER BY t."dueDate" DESC LIMIT 1) lt ON TRUE
      LEFT JOIN LATERAL (SELECT t.value, t."dueDate" FROM "IndicatorTarget" t WHERE t."indicatorId" = i.id AND t."dueDate" >= ${c.today} ORDER BY t."dueDate" LIMIT 1) nt ON TRUE
      -- Each value is looked up only where the judgement reads it (the conditions on the outer row skip
      -- the lookup): the latest and the first (for a missing baseline) while a target is ahead, the one
      -- measured at the last target once all are past.
      LEFT JOIN LATERAL (SELECT v.value, v."periodStart" FROM "IndicatorValue" v
        WHERE nt."dueDate" IS NOT NULL AND v."indicatorId" = i.id AND v."periodStart" <= ${asOf} ORDER BY v."periodStart" DESC LIMIT 1) lv ON TRUE
      LEFT JOIN LATERAL (SELECT v.value FROM "IndicatorValue" v
        WHERE nt."dueDate" IS NULL AND v."indicatorId" = i.id AND v."periodStart" <= lt."dueDate" ORDER BY v."periodStart" DESC LIMIT 1) mv ON TRUE
      LEFT JOIN LATERAL (SELECT v.value, v."periodStart" FROM "IndicatorValue" v
        WHERE nt."dueDate" IS NOT NULL AND (i."baselineValue" IS NULL OR i."baselineDate" IS NULL) AND v."indicatorId" = i.id
        ORDER BY v."periodStart" LIMIT 1) fv ON TRUE
      WHERE i.kind = 'impact' AND i."archivedAt" IS NULL
    ),
    paths AS (
      SELECT j.*, coalesce(j."baselineValue", j."firstValue") AS baseline, coalesce(j."baselineDate", j."firstPeriod") AS "pathStart"
      FROM judged j
    ),
    attainments AS (
      SELECT j.id, j."productId", CASE
          WHEN j."nextDue" IS NULL AND j.measured IS NULL THEN 'not-measured'
          WHEN j."nextDue" IS NULL THEN CASE WHEN ${reaches(Prisma.sql`j.measured`, Prisma.sql`j."lastValue"`)} THEN 'met' ELSE 'missed' END
          WHEN j.latest IS NULL THEN 'not-measured'
          WHEN ${reaches(Prisma.sql`j.latest`, Prisma.sql`j."nextValue"`)} THEN 'reached'
          WHEN NOT (j."nextValue" <> j.baseline AND ${reaches(Prisma.sql`j."nextValue"`, Prisma.sql`j.baseline`)}) THEN 'off-track'
          WHEN (j.latest - j.baseline) / (j."nextValue" - j.baseline) >= CASE
              WHEN ${epoch(Prisma.sql`j."nextDue"`)} - ${epoch(Prisma.sql`j."pathStart"`)} <= 0 THEN 1
              ELSE least(1, greatest(0,
                (${epoch(Prisma.sql`least(j."latestEnd", ${asOf})`)} - ${epoch(Prisma.sql`j."pathStart"`)})
                / (${epoch(Prisma.sql`j."nextDue"`)} - ${epoch(Prisma.sql`j."pathStart"`)})))
            END THEN 'on-track'
          ELSE 'off-track'
        END AS status
      FROM paths j
    )`;
}

/** Each live impact indicator's attainment, when it has a target (for tests against the TypeScript rule). */
export async function indicatorAttainments(query: DashboardQuery): Promise<{ id: string; status: AttainmentStatus }[]> {
  return db().$queryRaw`WITH ${attainmentsCte(query)} SELECT id, status FROM attainments ORDER BY id`;
}

export interface ImpactSummary {
  /** Active products whose internal data the viewer reads. */
  activeProducts: number;
  /** Products with at least one impact indicator that has a target. */
  withTargets: number;
  /** Of those, products whose every targeted impact indicator is reached, on track or met. */
  meetingTargets: number;
  /** No live impact indicator at all. */
  withoutImpactIndicator: number;
}

export interface ImpactProductRow {
  slug: string;
  name: string;
  /** Impact indicators with a target, and how many are reached, on track or met. */
  targeted: number;
  good: number;
  hasImpactIndicator: boolean;
}

export interface Impact {
  summary: ImpactSummary;
  /** Products needing attention first: no impact indicator, then the most targets not kept. */
  rows: ImpactProductRow[];
}

/** The summary and the rows (`limit` of them; null: all), in one query: the counts are window aggregates. */
export async function impact(query: DashboardQuery, limit: number | null): Promise<Impact> {
  const rows = await db().$queryRaw<(ImpactProductRow & ImpactSummary)[]>`
    WITH ${attainmentsCte(query)},
    impact AS (
      SELECT p.slug, p.name, coalesce(att.targeted, 0)::int AS targeted, coalesce(att.good, 0)::int AS good,
        EXISTS (SELECT 1 FROM "Indicator" i WHERE i."productId" = p.id AND i.kind = 'impact' AND i."archivedAt" IS NULL) AS "hasImpactIndicator"
      FROM scope s
      JOIN "Product" p ON p.id = s.id
      -- Counted once per product: a correlated count over the CTE would rescan it for every product.
      LEFT JOIN (
        SELECT a."productId", count(*) AS targeted, count(*) FILTER (WHERE a.status = ANY(${textArray(GOOD)})) AS good
        FROM attainments a GROUP BY a."productId"
      ) att ON att."productId" = p.id
      WHERE s.internal AND s.phase = ANY(${textArray(ACTIVE_PHASES)})
    )
    SELECT slug, name, targeted, good, "hasImpactIndicator",
      count(*) OVER ()::int AS "activeProducts",
      count(*) FILTER (WHERE targeted > 0) OVER ()::int AS "withTargets",
      count(*) FILTER (WHERE targeted > 0 AND good = targeted) OVER ()::int AS "meetingTargets",
      count(*) FILTER (WHERE NOT "hasImpactIndicator") OVER ()::int AS "withoutImpactIndicator"
    FROM impact
    ORDER BY "hasImpactIndicator", (targeted - good) DESC, slug
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}::int`}`;
  const first = rows[0];
  return {
    summary: {
      activeProducts: first?.activeProducts ?? 0,
      withTargets: first?.withTargets ?? 0,
      meetingTargets: first?.meetingTargets ?? 0,
      withoutImpactIndicator: first?.withoutImpactIndicator ?? 0,
    },
    rows: rows.map(({ slug, name, targeted, good, hasImpactIndicator }) => ({ slug, name, targeted, good, hasImpactIndicator })),
  };
}
