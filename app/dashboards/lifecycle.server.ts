// The lifecycle figures of a dashboard, each one SQL aggregate over the scope's visible products
// (public ones and those the viewer reads internally: phases are public data): the funnel, the
// programme indicators per year, survival by cohort and by incubator, time spent in each phase, and
// the rows of the phase timeline. Definitions in docs/decisions/014-dashboards.md.
import { db } from "~/db.server";
import { ACTIVE_PHASES, LIFECYCLE_ORDER, phaseSegments, type Phase, type PhaseSegment } from "~/domain/phases";
import { textArray } from "~/db/text-array.server";
import { Prisma } from "~/generated/prisma/client";
import { queryClock, scopeCte, yearEnd, yearsSql, yearStart, type DashboardQuery } from "./scope.server";

const STOPPED: readonly Phase[] = ["abandon", "abandon-investigation"];
export interface FunnelRow {
  /** Null: products whose history has not started. */
  phase: Phase | null;
  products: number;
}

/** Products by current phase (every phase listed, in lifecycle order, zero included). */
export async function funnel(query: DashboardQuery): Promise<FunnelRow[]> {
  const rows = await db().$queryRaw<{ phase: Phase | null; products: number }[]>`
    WITH ${scopeCte(query)}
    SELECT phase, count(*)::int AS products FROM scope GROUP BY phase`;
  const counts = new Map(rows.map((r) => [r.phase, r.products]));
  const phases: (Phase | null)[] = [...ACTIVE_PHASES, "transfere", "abandon", "abandon-investigation"];
  const funnelRows = phases.map((phase) => ({ phase, products: counts.get(phase) ?? 0 }));
  return counts.has(null) ? [...funnelRows, { phase: null, products: counts.get(null)! }] : funnelRows;
}

export interface ProgrammeRow {
  year: number;
  /** Investigations started. */
  investigated: number;
  /** Constructions started: products launched. */
  launched: number;
  /** Stops (abandon) and inconclusive investigations started. */
  stopped: number;
  transferred: number;
  /** Products with a national impact event in the year. */
  nationalImpact: number;
}

/**
 * The programme indicators a ministry reports, per year: products whose phase of each kind started
 * that year (by today: a planned phase is not counted), and products with a `national_impact` event.
 */
export async function programme(query: DashboardQuery): Promise<ProgrammeRow[]> {
  const c = queryClock(query);
  return db().$queryRaw<ProgrammeRow[]>`
    WITH ${scopeCte(query)},
    facts AS (
      SELECT extract(year FROM pe."startDate")::int AS year, pe.phase AS what, pe."productId"
      FROM "PhaseEntry" pe JOIN scope s ON s.id = pe."productId"
      WHERE pe."startDate" BETWEEN ${yearStart(query.from)} AND ${yearEnd(query.to)} AND pe."startDate" <= ${c.today}
      UNION ALL
      SELECT extract(year FROM ev.date)::int, 'national_impact', ev."productId"
      FROM "ProductEvent" ev JOIN scope s ON s.id = ev."productId"
      WHERE ev.kind = 'national_impact' AND ev.date BETWEEN ${yearStart(query.from)} AND ${yearEnd(query.to)} AND ev.date <= ${c.today}
    )
    SELECT y.year::int AS year,
      count(DISTINCT f."productId") FILTER (WHERE f.what = 'investigation')::int AS investigated,
      count(DISTINCT f."productId") FILTER (WHERE f.what = 'construction')::int AS launched,
      count(DISTINCT f."productId") FILTER (WHERE f.what = ANY(${textArray(STOPPED)}))::int AS stopped,
      count(DISTINCT f."productId") FILTER (WHERE f.what = 'transfere')::int AS transferred,
      count(DISTINCT f."productId") FILTER (WHERE f.what = 'national_impact')::int AS "nationalImpact"
    FROM ${yearsSql(query)} LEFT JOIN facts f ON f.year = y.year
    GROUP BY y.year ORDER BY y.year`;
}

export interface SurvivalRow {
  products: number;
  /** Products whose current phase is a stop (abandon or inconclusive investigation). */
  stopped: number;
  /** Share not stopped, 0 to 1; null without products. */
  rate: number | null;
}
export interface CohortSurvival extends SurvivalRow {
  cohort: number;
}
export interface IncubatorSurvival extends SurvivalRow {
  slug: string;
  name: string;
}

/**
 * Each scope product's cohort: the year its investigation started (by today), as the list's
 * `entree=investigation&annee=` filter finds them; a product whose history starts later has none.
 */
const cohortsCte = (query: DashboardQuery) => Prisma.sql`cohorts AS (
    SELECT s.id, s.phase, extract(year FROM min(pe."startDate"))::int AS cohort
    FROM scope s
    JOIN "PhaseEntry" pe ON pe."productId" = s.id AND pe.phase = 'investigation' AND pe."startDate" <= ${queryClock(query).today}
    GROUP BY s.id, s.phase
  )`;

const survivalColumns = Prisma.sql`count(*)::int AS products,
  count(*) FILTER (WHERE c.phase = ANY(${textArray(STOPPED)}))::int AS stopped`;

const withRate = <T extends { products: number; stopped: number }>(row: T): T & { rate: number | null } => ({
  ...row,
  rate: row.products === 0 ? null : (row.products - row.stopped) / row.products,
});

/** Survival of each cohort of the years covered: the share of its products not stopped today. */
export async function survivalByCohort(query: DashboardQuery): Promise<CohortSurvival[]> {
  const rows = await db().$queryRaw<Omit<CohortSurvival, "rate">[]>`
    WITH ${scopeCte(query)}, ${cohortsCte(query)}
    SELECT c.cohort, ${survivalColumns}
    FROM cohorts c WHERE c.cohort BETWEEN ${query.from}::int AND ${query.to}::int
    GROUP BY c.cohort ORDER BY c.cohort`;
  return rows.map(withRate);
}

/**
 * Survival of the products of the years covered, per incubator: a co-incubated product counts for
 * each of its incubators, as it does on each incubator's dashboard.
 */
export async function survivalByIncubator(query: DashboardQuery): Promise<IncubatorSurvival[]> {
  const rows = await db().$queryRaw<Omit<IncubatorSurvival, "rate">[]>`
    WITH ${scopeCte(query)}, ${cohortsCte(query)}
    SELECT i.slug, i.name, ${survivalColumns}
    FROM cohorts c
    JOIN (
      SELECT s.id AS "productId", s."incubatorId" FROM scope s
      UNION SELECT pi."productId", pi."incubatorId" FROM "ProductIncubator" pi JOIN scope s ON s.id = pi."productId"
    ) m ON m."productId" = c.id
    JOIN "Incubator" i ON i.id = m."incubatorId"
    WHERE c.cohort BETWEEN ${query.from}::int AND ${query.to}::int
    GROUP BY i.id, i.slug, i.name ORDER BY i.name, i.slug`;
  return rows.map(withRate);
}

export interface PhaseDurationRow {
  phase: Phase;
  /** Phases over (ended by today) whose end falls in the years covered. */
  closed: number;
  /** Quartiles and median of their durations, in days; null without any. */
  q1: number | null;
  median: number | null;
  q3: number | null;
  /** Phases under way today (not counted in the quartiles). */
  ongoing: number;
}

/**
 * Time spent in each active phase: from its start to its recorded end, else to the start of the next
 * phase (same-day starts ordered by the lifecycle). Only phases over by today count, so that a
 * phase under way does not pull the median down; those under way are counted beside.
 */
export async function phaseDurations(query: DashboardQuery): Promise<PhaseDurationRow[]> {
  const c = queryClock(query);
  const rows = await db().$queryRaw<PhaseDurationRow[]>`
    WITH ${scopeCte(query)},
    entries AS (
      SELECT pe.phase, pe."startDate",
        coalesce(pe."endDate", lead(pe."startDate") OVER (
          PARTITION BY pe."productId" ORDER BY pe."startDate", array_position(${textArray(LIFECYCLE_ORDER)}, pe.phase)
        )) AS "endDate"
      FROM "PhaseEntry" pe JOIN scope s ON s.id = pe."productId"
    )
    SELECT phase,
      count(*) FILTER (WHERE "endDate" <= ${c.today} AND "endDate" BETWEEN ${yearStart(query.from)} AND ${yearEnd(query.to)})::int AS closed,
      percentile_cont(0.25) WITHIN GROUP (ORDER BY "endDate" - "startDate")
        FILTER (WHERE "endDate" <= ${c.today} AND "endDate" BETWEEN ${yearStart(query.from)} AND ${yearEnd(query.to)}) AS q1,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "endDate" - "startDate")
        FILTER (WHERE "endDate" <= ${c.today} AND "endDate" BETWEEN ${yearStart(query.from)} AND ${yearEnd(query.to)}) AS median,
      percentile_cont(0.75) WITHIN GROUP (ORDER BY "endDate" - "startDate")
        FILTER (WHERE "endDate" <= ${c.today} AND "endDate" BETWEEN ${yearStart(query.from)} AND ${yearEnd(query.to)}) AS q3,
      count(*) FILTER (WHERE "startDate" <= ${c.today} AND ("endDate" IS NULL OR "endDate" > ${c.today}))::int AS ongoing
    FROM entries WHERE phase = ANY(${textArray(ACTIVE_PHASES)})
    GROUP BY phase`;
  const byPhase = new Map(rows.map((r) => [r.phase, r]));
  return ACTIVE_PHASES.map(
    (phase) => byPhase.get(phase) ?? { phase, closed: 0, q1: null, median: null, q3: null, ongoing: 0 },
  );
}

/** Rows of the phase timeline a page shows at most; the list behind it has them all. */
export const TIMELINE_ROWS = 40;

export interface TimelineRow {
  slug: string;
  name: string;
  segments: PhaseSegment[];
}

export interface Timeline {
  rows: TimelineRow[];
  /** Products of the scope with a history: more than `rows` when the timeline is cut. */
  total: number;
}

interface RawTimelineRow {
  slug: string;
  name: string;
  entries: { phase: Phase; startDate: string; endDate: string | null }[];
  total: number;
}

/**
 * The phase histories of the products whose history started last (at most `limit`), oldest first,
 * as segments (`phaseSegments`: a phase ends where the next one starts).
 */
export async function timeline(query: DashboardQuery, limit = TIMELINE_ROWS): Promise<Timeline> {
  const rows = await db().$queryRaw<RawTimelineRow[]>`
    WITH ${scopeCte(query)},
    listed AS (
      SELECT s.id, min(pe."startDate") AS first, count(*) OVER ()::int AS total
      FROM scope s JOIN "PhaseEntry" pe ON pe."productId" = s.id
      GROUP BY s.id
      ORDER BY first DESC, s.id
      LIMIT ${limit}::int
    )
    SELECT p.slug, p.name, listed.total,
      (SELECT json_agg(json_build_object('phase', pe.phase, 'startDate', pe."startDate", 'endDate', pe."endDate"))
        FROM "PhaseEntry" pe WHERE pe."productId" = p.id) AS entries
    FROM listed JOIN "Product" p ON p.id = listed.id
    ORDER BY listed.first, p.slug`;
  const asOf = query.asOf;
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => {
      const history = row.entries.map((e) => ({
        phase: e.phase,
        startDate: new Date(`${e.startDate.slice(0, 10)}T00:00:00Z`),
        endDate: e.endDate ? new Date(`${e.endDate.slice(0, 10)}T00:00:00Z`) : null,
      }));
      return { slug: row.slug, name: row.name, segments: phaseSegments(history, asOf) };
    }),
  };
}
