// The funding figures of a dashboard, over the scope's products whose internal data the viewer
// reads: granted against spent per year, per funder (co-funded products split by each funder's
// share), per phase and per product, and cost per use across products. Amounts are integer cents
// computed in SQL. Definitions in docs/decisions/014-dashboards.md:
// - granted in a year: the granted envelopes' part falling in that year, prorated by days and rounded
//   to the cent per envelope (`centsInYear` of app/domain/funding.ts);
// - spent in a year: the payments (CP) of the product's current actual statement for the year, else of
//   its current forecast;
// - a funder's share of a product's spending in a year is its share of what was granted that year.
import { db } from "~/db.server";
import { ACTIVE_PHASES, type Phase } from "~/domain/phases";
import { textArray } from "~/db/text-array.server";
import { Prisma } from "~/generated/prisma/client";
import { queryClock, scopeCte, yearsSql, type DashboardQuery } from "./scope.server";

/** The cents of envelope `e` falling in `year` (an SQL int), prorated by days, both ends included. */
const proratedCents = (year: Prisma.Sql) => Prisma.sql`round(e.amount * 100
  * (least(e."endDate", make_date(${year}, 12, 31)) - greatest(e."startDate", make_date(${year}, 1, 1)) + 1)
  / (e."endDate" - e."startDate" + 1))`;
const overlaps = (year: Prisma.Sql) => Prisma.sql`e."startDate" <= make_date(${year}, 12, 31) AND e."endDate" >= make_date(${year}, 1, 1)`;

/** `granted (productId, funderId, year, cents)` and `spent (productId, year, cents)` over the years covered. */
function fundingCtes(query: DashboardQuery): Prisma.Sql {
  return Prisma.sql`${scopeCte(query)},
    granted AS (
      SELECT e."productId", e."funderId", y.year::int AS year, ${proratedCents(Prisma.sql`y.year::int`)} AS cents
      FROM "FundingEnvelope" e
      JOIN scope s ON s.id = e."productId" AND s.internal
      JOIN ${yearsSql(query)} ON ${overlaps(Prisma.sql`y.year::int`)}
      WHERE e.status = 'granted'
    ),
    statements AS (
      SELECT DISTINCT ON (bs."productId", bs.year) bs.id, bs."productId", bs.year
      FROM "BudgetStatement" bs JOIN scope s ON s.id = bs."productId" AND s.internal
      WHERE bs."supersededAt" IS NULL AND bs.year BETWEEN ${query.from}::int AND ${query.to}::int
      ORDER BY bs."productId", bs.year, (bs.nature = 'actual') DESC
    ),
    spent AS (
      SELECT st."productId", st.year, coalesce(sum(bl.paid), 0) * 100 AS cents
      FROM statements st LEFT JOIN "BudgetLine" bl ON bl."statementId" = st.id
      GROUP BY st."productId", st.year
    )`;
}

export interface FundingYearRow {
  year: number;
  grantedCents: number;
  spentCents: number;
}

export interface FunderRow {
  slug: string;
  name: string;
  acronym: string | null;
  /** Products it granted money to in the years covered. */
  products: number;
  grantedCents: number;
  /** Its share of those products' spending, year by year, rounded to the cent. */
  spentCents: number;
}

export interface FundingByFunder {
  funders: FunderRow[];
  /** Spending of years in which the product had no granted money: no funder to attribute it to. */
  unattributedSpentCents: number;
}

export interface FundingPhaseRow {
  /** The products' current phase; null before their first. */
  phase: Phase | null;
  products: number;
  grantedCents: number;
  spentCents: number;
}

export interface ProductFundingRow {
  slug: string;
  name: string;
  phase: Phase | null;
  grantedCents: number;
  spentCents: number;
  /** Each funder's granted money, largest first; `share` is its part of the product's granted total (0 to 1). */
  funders: { slug: string; name: string; acronym: string | null; cents: number; share: number }[];
}

export interface ProductFunding {
  rows: ProductFundingRow[];
  /** Products with money granted or spent in the years covered. */
  total: number;
}

export interface Funding {
  byYear: FundingYearRow[];
  byFunder: FundingByFunder;
  /** By the products' current phase (the list behind a row is the portfolio in that phase). */
  byPhase: FundingPhaseRow[];
  byProduct: ProductFunding;
}

/**
 * Money granted and spent per product of the scope, each summed once: a correlated sum over a CTE
 * rescans the whole CTE for every product (a minute at 2,200 products).
 */
const PER_PRODUCT = Prisma.sql`per_product AS (
      SELECT s.id, s.phase, coalesce(g.cents, 0) AS granted, coalesce(sp.cents, 0) AS spent
      FROM scope s
      LEFT JOIN (SELECT "productId", sum(cents) AS cents FROM granted GROUP BY "productId") g ON g."productId" = s.id
      LEFT JOIN (SELECT "productId", sum(cents) AS cents FROM spent GROUP BY "productId") sp ON sp."productId" = s.id
      WHERE s.internal
    )`;

type ProductRow = Omit<ProductFundingRow, "funders"> & { funders: Omit<ProductFundingRow["funders"][number], "share">[] | null };

interface RawFunding {
  byYear: Funding["byYear"];
  funders: Funding["byFunder"]["funders"];
  unattributed: number;
  byPhase: Funding["byPhase"];
  byProduct: ProductRow[];
  productTotal: number;
}

/**
 * Every funding view in one query: the grants and the spending are computed once for all of them
 * (they are most of the work). Funded products most granted first, `productLimit` of them (null: all).
 */
export async function funding(query: DashboardQuery, productLimit: number | null): Promise<Funding> {
  const [raw] = await db().$queryRaw<RawFunding[]>`
    WITH ${fundingCtes(query)}, ${PER_PRODUCT},
    -- The product's granted total of the year as a window, not a join back to the grants: the planner
    -- misjudges such a join (one row expected, thousands found) and loops over the spending.
    attributed AS (
      SELECT g."funderId", g."productId", g.cents,
        coalesce(sp.cents, 0) * g.cents / sum(g.cents) OVER (PARTITION BY g."productId", g.year) AS spent
      FROM granted g
      LEFT JOIN spent sp ON sp."productId" = g."productId" AND sp.year = g.year
      WHERE g.cents > 0
    ),
    funders AS (
      SELECT o.slug, o.name, o.acronym, count(DISTINCT a."productId")::int AS products,
        sum(a.cents) AS granted, round(sum(a.spent)) AS spent
      FROM attributed a JOIN "Organisation" o ON o.id = a."funderId"
      GROUP BY o.id, o.slug, o.name, o.acronym
    ),
    listed AS (
      SELECT pp.*, p.slug, p.name FROM per_product pp
      JOIN "Product" p ON p.id = pp.id
      WHERE pp.granted > 0 OR pp.spent > 0
      ORDER BY pp.granted DESC, p.slug
      ${productLimit === null ? Prisma.empty : Prisma.sql`LIMIT ${productLimit}::int`}
    )
    SELECT
      (SELECT json_agg(json_build_object('year', y.year::int, 'grantedCents', coalesce(g.cents, 0)::float8, 'spentCents', coalesce(sp.cents, 0)::float8) ORDER BY y.year)
        FROM ${yearsSql(query)}
        LEFT JOIN (SELECT year, sum(cents) AS cents FROM granted GROUP BY year) g ON g.year = y.year
        LEFT JOIN (SELECT year, sum(cents) AS cents FROM spent GROUP BY year) sp ON sp.year = y.year
      ) AS "byYear",
      (SELECT coalesce(json_agg(json_build_object('slug', f.slug, 'name', f.name, 'acronym', f.acronym, 'products', f.products,
          'grantedCents', f.granted::float8, 'spentCents', f.spent::float8) ORDER BY f.granted DESC, f.name, f.slug), '[]')
        FROM funders f
      ) AS funders,
      (SELECT coalesce(sum(sp.cents), 0)::float8
        FROM spent sp
        LEFT JOIN (SELECT "productId", year, sum(cents) AS cents FROM granted GROUP BY "productId", year) g
          ON g."productId" = sp."productId" AND g.year = sp.year
        WHERE coalesce(g.cents, 0) = 0
      ) AS unattributed,
      (SELECT coalesce(json_agg(json_build_object('phase', ph.phase, 'products', ph.products, 'grantedCents', ph.granted::float8, 'spentCents', ph.spent::float8)
          ORDER BY array_position(${textArray([...ACTIVE_PHASES, "transfere", "abandon", "abandon-investigation"])}, ph.phase) NULLS LAST), '[]')
        FROM (SELECT phase, count(*)::int AS products, coalesce(sum(granted), 0) AS granted, coalesce(sum(spent), 0) AS spent FROM per_product GROUP BY phase) ph
      ) AS "byPhase",
      (SELECT coalesce(json_agg(json_build_object('slug', l.slug, 'name', l.name, 'phase', l.phase, 'grantedCents', l.granted::float8,
          'spentCents', l.spent::float8, 'funders', pf.funders) ORDER BY l.granted DESC, l.slug), '[]')
        FROM listed l
        LEFT JOIN (
          SELECT pf."productId",
            json_agg(json_build_object('slug', o.slug, 'name', o.name, 'acronym', o.acronym, 'cents', pf.cents) ORDER BY pf.cents DESC, o.slug) AS funders
          FROM (SELECT "productId", "funderId", sum(cents)::float8 AS cents FROM granted GROUP BY "productId", "funderId") pf
          JOIN "Organisation" o ON o.id = pf."funderId"
          WHERE pf."productId" IN (SELECT id FROM listed)
          GROUP BY pf."productId"
        ) pf ON pf."productId" = l.id
      ) AS "byProduct",
      (SELECT count(*)::int FROM per_product WHERE granted > 0 OR spent > 0) AS "productTotal"`;
  return {
    byYear: raw.byYear,
    byFunder: { funders: raw.funders, unattributedSpentCents: raw.unattributed },
    byPhase: raw.byPhase,
    byProduct: {
      total: raw.productTotal,
      rows: raw.byProduct.map(({ funders, ...row }) => ({
        ...row,
        funders: (funders ?? []).map((f) => ({ ...f, share: row.grantedCents === 0 ? 0 : f.cents / row.grantedCents })),
      })),
    },
  };
}

// ---------- Cost per use ----------

export type CostStatus = "computed" | "no-users-indicator" | "no-users-value" | "zero-users" | "no-budget";

export interface CostRow {
  slug: string;
  name: string;
  phase: Phase;
  status: CostStatus;
  users: number | null;
  usersPeriod: Date | null;
  budgetEuros: number | null;
  /** Where the budget comes from: the declared annual budget, or funding of a year. */
  budgetSource: "indicator" | "paid" | "granted" | null;
  budgetYear: number | null;
  costEuros: number | null;
}

/**
 * `(periodStart, value)`: the latest value, of a period started by `until`, of the product's live
 * indicators of a matrix code. Each indicator's latest is read backwards on its index (one entry),
 * not by sorting all its values: the lookup runs for every active product.
 */
const latestValue = (matrixCode: string, productId: Prisma.Sql, until: Prisma.Sql) => Prisma.sql`(
    SELECT lv."periodStart", lv.value FROM "Indicator" i
    CROSS JOIN LATERAL (
      SELECT v."periodStart", v.value FROM "IndicatorValue" v
      WHERE v."indicatorId" = i.id AND v."periodStart" <= ${until}
      ORDER BY v."periodStart" DESC LIMIT 1
    ) lv
    WHERE i."productId" = ${productId} AND i."matrixCode" = ${matrixCode} AND i."archivedAt" IS NULL
    ORDER BY lv."periodStart" DESC LIMIT 1
  )`;

/**
 * Cost per use today of each active product, with the rules of app/domain/cost-per-use.ts
 * (`costPerUseAt`), in SQL: the latest "mau" value of a period started by today; the declared
 * "annual_budget" of that period or the latest before, else the funding of that period's year (a
 * closed year: actual CP, else granted; the year in progress: granted, else actual CP), else of the
 * year before (closed).
 */
function costsCte(query: DashboardQuery): Prisma.Sql {
  const c = queryClock(query);
  const currentYear = query.asOf.getUTCFullYear();
  const paid = (year: Prisma.Sql) => Prisma.sql`(SELECT sum(bl.paid) * 100 FROM "BudgetStatement" bs JOIN "BudgetLine" bl ON bl."statementId" = bs.id
    WHERE bs."productId" = u.id AND bs.year = ${year} AND bs.nature = 'actual' AND bs."supersededAt" IS NULL)`;
  const granted = (year: Prisma.Sql) => Prisma.sql`(SELECT sum(${proratedCents(year)}) FROM "FundingEnvelope" e
    WHERE e."productId" = u.id AND e.status = 'granted' AND ${overlaps(year)})`;
  const year = Prisma.sql`u.year`;
  const previous = Prisma.sql`(u.year - 1)`;
  return Prisma.sql`${scopeCte(query)},
    users AS (
      SELECT s.id, s.phase, lv."periodStart", lv.value, extract(year FROM lv."periodStart")::int AS year,
        EXISTS (SELECT 1 FROM "Indicator" i WHERE i."productId" = s.id AND i."matrixCode" = 'mau' AND i."archivedAt" IS NULL) AS "hasIndicator"
      FROM scope s
      LEFT JOIN LATERAL ${latestValue("mau", Prisma.sql`s.id`, c.today)} lv ON TRUE
      WHERE s.internal AND s.phase = ANY(${textArray(ACTIVE_PHASES)})
    ),
    -- Materialized: the CASEs below read each source several times, and an inlined CTE would run
    -- its subqueries once per mention.
    sources AS MATERIALIZED (
      SELECT u.*,
        (SELECT lv.value FROM ${latestValue("annual_budget", Prisma.sql`u.id`, Prisma.sql`u."periodStart"`)} lv) AS declared,
        nullif(${paid(year)}, 0) AS paid, nullif(${granted(year)}, 0) AS granted,
        nullif(${paid(previous)}, 0) AS "paidBefore", nullif(${granted(previous)}, 0) AS "grantedBefore"
      FROM users u
    ),
    budgets AS (
      SELECT s.*, CASE
          WHEN s.declared IS NOT NULL THEN 'indicator'
          WHEN s.year < ${currentYear}::int AND s.paid IS NOT NULL THEN 'paid'
          WHEN s.granted IS NOT NULL THEN 'granted'
          WHEN s.paid IS NOT NULL THEN 'paid'
          WHEN s."paidBefore" IS NOT NULL THEN 'paid'
          WHEN s."grantedBefore" IS NOT NULL THEN 'granted'
        END AS source,
        CASE
          WHEN s.declared IS NOT NULL OR s.paid IS NOT NULL OR s.granted IS NOT NULL THEN s.year
          WHEN s."paidBefore" IS NOT NULL OR s."grantedBefore" IS NOT NULL THEN s.year - 1
        END AS "budgetYear",
        CASE
          WHEN s.declared IS NOT NULL THEN s.declared
          WHEN s.year < ${currentYear}::int AND s.paid IS NOT NULL THEN s.paid / 100
          WHEN s.granted IS NOT NULL THEN s.granted / 100
          WHEN s.paid IS NOT NULL THEN s.paid / 100
          ELSE coalesce(s."paidBefore", s."grantedBefore") / 100
        END::float8 AS budget
      FROM sources s
    ),
    costs AS (
      SELECT b.id, b.phase, b."periodStart", b.value AS users, b.budget, b.source,
        CASE WHEN b.source = 'indicator' THEN NULL ELSE b."budgetYear" END AS "budgetYear",
        CASE
          WHEN NOT b."hasIndicator" THEN 'no-users-indicator'
          WHEN b.value IS NULL THEN 'no-users-value'
          WHEN b.value <= 0 THEN 'zero-users'
          WHEN b.budget IS NULL THEN 'no-budget'
          ELSE 'computed'
        END AS status,
        CASE WHEN b.value > 0 THEN b.budget / b.value END AS cost
      FROM budgets b
    )`;
}

export interface CostSummary {
  /** Active products by status. */
  counts: Record<CostStatus, number>;
  /** Quartiles of the computed ratios, in euros per user; null without any. */
  q1: number | null;
  median: number | null;
  q3: number | null;
}

export interface Costs {
  summary: CostSummary;
  /** Active products with their cost per use, the highest first, then those without one. */
  rows: CostRow[];
}

/** The summary's columns on every row, with a product's (all null when no product is active). */
type RawCosts = Omit<CostSummary, "counts"> & Record<CostStatus, number> & (CostRow | { [K in keyof CostRow]: null });

/** The summary and the rows (`limit` of them; null: all), in one query over costs computed once. */
export async function costs(query: DashboardQuery, limit: number | null): Promise<Costs> {
  const raw = await db().$queryRaw<RawCosts[]>`
    WITH ${costsCte(query)},
    summary AS (
      SELECT count(*) FILTER (WHERE status = 'computed')::int AS computed,
        count(*) FILTER (WHERE status = 'no-users-indicator')::int AS "no-users-indicator",
        count(*) FILTER (WHERE status = 'no-users-value')::int AS "no-users-value",
        count(*) FILTER (WHERE status = 'zero-users')::int AS "zero-users",
        count(*) FILTER (WHERE status = 'no-budget')::int AS "no-budget",
        percentile_cont(0.25) WITHIN GROUP (ORDER BY cost) FILTER (WHERE status = 'computed') AS q1,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY cost) FILTER (WHERE status = 'computed') AS median,
        percentile_cont(0.75) WITHIN GROUP (ORDER BY cost) FILTER (WHERE status = 'computed') AS q3
      FROM costs
    )
    SELECT summary.*, r.*
    FROM summary
    LEFT JOIN LATERAL (
      SELECT p.slug, p.name, c.phase, c.status, c.users, c."periodStart" AS "usersPeriod", c.budget AS "budgetEuros",
        c.source AS "budgetSource", c."budgetYear", CASE WHEN c.status = 'computed' THEN c.cost END AS "costEuros"
      FROM costs c JOIN "Product" p ON p.id = c.id
      ORDER BY (c.status = 'computed') DESC, c.cost DESC NULLS LAST, p.slug
      ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}::int`}
    ) r ON TRUE`;
  const [first] = raw;
  const statuses: CostStatus[] = ["computed", "no-users-indicator", "no-users-value", "zero-users", "no-budget"];
  return {
    summary: {
      counts: Object.fromEntries(statuses.map((status) => [status, first?.[status] ?? 0])) as Record<CostStatus, number>,
      q1: first?.q1 ?? null,
      median: first?.median ?? null,
      q3: first?.q3 ?? null,
    },
    rows: raw.flatMap((row) =>
      row.slug === null
        ? []
        : [{
            slug: row.slug,
            name: row.name,
            phase: row.phase,
            status: row.status,
            users: row.users,
            usersPeriod: row.usersPeriod,
            budgetEuros: row.budgetEuros,
            budgetSource: row.budgetSource,
            budgetYear: row.budgetYear,
            costEuros: row.costEuros,
          }],
    ),
  };
}
