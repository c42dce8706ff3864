// The governance figures of a dashboard, over the scope's products whose internal data the viewer
// reads: committees held and ahead, standing decisions per year by outcome, and open conditions past
// their due date; and the portfolio's alerts (overdue review, stale indicators) as its list counts them.
import { db } from "~/db.server";
import type { Outcome } from "~/generated/prisma/enums";
import { Prisma } from "~/generated/prisma/client";
import { FACTS, JOINS } from "~/products/portfolio.server";
import { queryClock, scopeCte, yearEnd, yearsSql, yearStart, type DashboardQuery } from "./scope.server";

/** A decision still standing: no later decision corrects it. */
const standing = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Decision" c WHERE c."correctsId" = d.id)`;

export interface CommitteeRow {
  id: string;
  title: string;
  startsAt: Date;
  incubatorName: string;
  /** Products of the scope on its agenda. */
  products: number;
}

export interface Committees {
  /** Sessions held (status "tenue") that started in the years covered. */
  held: number;
  /** Planned sessions starting from now on. */
  upcoming: number;
  /** The next planned ones, soonest first. */
  next: CommitteeRow[];
}

/** Committee sessions whose agenda holds at least one of the scope's internally readable products. */
export async function committees(query: DashboardQuery, limit = 10): Promise<Committees> {
  const now = Prisma.sql`${query.asOf.toISOString()}::timestamp`;
  const sessions = Prisma.sql`${scopeCte(query)},
    sessions AS (
      SELECT cs.id, cs.title, cs."startsAt", cs.status::text AS status, cs."incubatorId", count(*)::int AS products
      FROM "CommitteeSession" cs
      JOIN "AgendaItem" ai ON ai."sessionId" = cs.id
      JOIN scope s ON s.id = ai."productId" AND s.internal
      GROUP BY cs.id
    )`;
  const [[counts], next] = await Promise.all([
    db().$queryRaw<{ held: number; upcoming: number }[]>`
      WITH ${sessions}
      SELECT count(*) FILTER (WHERE status = 'held' AND "startsAt" >= ${yearStart(query.from)} AND "startsAt" < ${yearEnd(query.to)} + 1)::int AS held,
        count(*) FILTER (WHERE status = 'planned' AND "startsAt" >= ${now})::int AS upcoming
      FROM sessions`,
    db().$queryRaw<CommitteeRow[]>`
      WITH ${sessions}
      SELECT se.id, se.title, se."startsAt", i.name AS "incubatorName", se.products
      FROM sessions se JOIN "Incubator" i ON i.id = se."incubatorId"
      WHERE se.status = 'planned' AND se."startsAt" >= ${now}
      ORDER BY se."startsAt", se.id LIMIT ${limit}::int`,
  ]);
  return { held: counts?.held ?? 0, upcoming: counts?.upcoming ?? 0, next };
}

export interface PortfolioAlerts {
  /** Active products whose next review is past: the list's "revue en retard". */
  overdueReviews: number;
  /** Active products whose indicators are not kept up: the list's "indicateurs en retard". */
  staleIndicators: number;
}

/**
 * The portfolio's two alerts, counted over the same products as the list they link to: every visible
 * product of the scope, judged on its public data (published decisions, public indicators) where the
 * viewer does not read its internal data, as the list does (docs/decisions/007-portfolio-queries.md).
 */
export async function portfolioAlerts(query: DashboardQuery): Promise<PortfolioAlerts> {
  const c = queryClock(query);
  const internal = Prisma.sql`s.internal`;
  const [row] = await db().$queryRaw<PortfolioAlerts[]>`
    WITH ${scopeCte(query)}
    SELECT count(*) FILTER (WHERE ${FACTS.reviewOverdue(c)})::int AS "overdueReviews",
      count(*) FILTER (WHERE ${FACTS.staleIndicators(c)})::int AS "staleIndicators"
    FROM scope s
    JOIN "Product" p ON p.id = s.id
    JOIN "Incubator" inc ON inc.id = p."primaryIncubatorId"
    CROSS JOIN LATERAL (SELECT s.phase) cur
    ${JOINS.decision(c, internal)}
    ${JOINS.lastValue(c, internal)}
    WHERE ${FACTS.active}`;
  return row ?? { overdueReviews: 0, staleIndicators: 0 };
}

export interface DecisionYearRow {
  year: number;
  outcome: Outcome;
  decisions: number;
}

/** Standing decisions per year and outcome (years and outcomes without any are left out). */
export async function decisionsByYear(query: DashboardQuery): Promise<DecisionYearRow[]> {
  return db().$queryRaw<DecisionYearRow[]>`
    WITH ${scopeCte(query)}
    SELECT y.year::int AS year, d.outcome::text AS outcome, count(*)::int AS decisions
    FROM ${yearsSql(query)}
    JOIN "Decision" d ON d."decidedOn" BETWEEN make_date(y.year::int, 1, 1) AND make_date(y.year::int, 12, 31)
    JOIN scope s ON s.id = d."productId" AND s.internal
    WHERE ${standing}
    GROUP BY y.year, d.outcome ORDER BY y.year, d.outcome`;
}

export interface OverdueConditionRow {
  productSlug: string;
  productName: string;
  description: string;
  ownerName: string | null;
  dueDate: Date;
  decidedOn: Date;
}

export interface OverdueConditions {
  total: number;
  rows: OverdueConditionRow[];
}

/** Open conditions of standing decisions whose due date is before today (Paris), oldest first. */
export async function overdueConditions(query: DashboardQuery, limit: number | null): Promise<OverdueConditions> {
  const c = queryClock(query);
  const rows = await db().$queryRaw<(OverdueConditionRow & { total: number })[]>`
    WITH ${scopeCte(query)}
    SELECT p.slug AS "productSlug", p.name AS "productName", dc.description, dc."ownerName", dc."dueDate", d."decidedOn",
      count(*) OVER ()::int AS total
    FROM "DecisionCondition" dc
    JOIN "Decision" d ON d.id = dc."decisionId"
    JOIN scope s ON s.id = d."productId" AND s.internal
    JOIN "Product" p ON p.id = d."productId"
    WHERE dc.status = 'open' AND dc."dueDate" < ${c.today} AND ${standing}
    ORDER BY dc."dueDate", p.slug, dc.id
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}::int`}`;
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...row }) => row) };
}
