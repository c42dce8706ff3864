// The portfolio list: one SQL query filters, sorts and pages the products a viewer may see, with
// each one's current phase, last update and next review derived from their histories in the
// database, so that a page never loads the whole portfolio. The rules (current phase, next review,
// "revue en retard", "indicateurs en retard", the ministry of a product) are written out in
// docs/decisions/007-portfolio-queries.md; `currentPhase` (app/domain/phases.ts) and `nextReview`
// (app/domain/committee-calendar.ts) stay the references the SQL below is tested against.
import { readableScopes, type Actor } from "~/auth/permissions";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { containsFoldedSql, foldedSql } from "~/db/folded-text.server";
import { DEFAULT_EXTENSION_MONTHS, FIRST_REVIEW_MONTHS, parisDay } from "~/domain/committee-calendar";
import { isoDay } from "~/domain/days";
import { runwayJoin } from "~/funding/runway-sql.server";
import { ACTIVE_PHASES, isPhase, LIFECYCLE_ORDER, PHASES, TERMINAL_PHASES, type Phase } from "~/domain/phases";
import { textArray } from "~/db/text-array.server";
import { Prisma } from "~/generated/prisma/client";
import {
  parsePortfolioQuery,
  PORTFOLIO_PAGE_SIZE,
  readPortfolioQuery,
  sortDirection,
  type LifecycleFilter,
  type Milestone,
  type PortfolioFilterErrors,
  type PortfolioFilters,
  type PortfolioQueryValues,
  type PortfolioSort,
  type SortDirection,
} from "./portfolio-filters";
import { internallyReadableProductsSql, visibleProductsSql } from "./visible-products-sql.server";

/** Longest pitch a row shows; the product page has the whole text. */
const PITCH_LENGTH = 160;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The filters with their slugs resolved to ids: what the query runs on. */
export interface PortfolioQuery {
  phases: readonly Phase[];
  lifecycle?: LifecycleFilter;
  incubatorId?: string;
  ministryId?: string;
  sponsorId?: string;
  reviewOverdue: boolean;
  staleIndicators: boolean;
  /** Products whose money runs out within 45 days without a committee planned before. */
  fundingDue?: boolean;
  /** Products that reached one of these milestones by today, during `milestoneYear` if set. */
  milestones?: readonly Milestone[];
  milestoneYear?: number;
  search?: string;
  sort: PortfolioSort;
  direction: SortDirection;
}

export interface PortfolioRow {
  slug: string;
  name: string;
  /** The pitch, shortened to a line or two. */
  pitch: string;
  /** Null for a product without any phase started yet. */
  phase: Phase | null;
  incubator: { slug: string; name: string };
  /** The primary incubator's ministry. */
  ministry: string | null;
  sponsors: { slug: string; name: string; acronym: string | null }[];
  /** The later of the product's own update and its indicators' latest values. */
  lastUpdate: Date;
  /** Days since the last update when an active product is past `staleAfterDays`, else null. */
  staleDays: number | null;
  /** When the product is next due before the committee; null for an ended product or after a stop. */
  nextReview: Date | null;
  reviewOverdue: boolean;
  /** The 45-day flag; false for a product whose funding the viewer may not read. */
  fundingDue: boolean;
}

interface RawRow {
  slug: string;
  name: string;
  pitch: string;
  phase: string | null;
  incubatorSlug: string;
  incubatorName: string;
  ministryName: string | null;
  sponsors: { slug: string; name: string; acronym: string | null }[];
  lastUpdate: Date;
  stale: boolean;
  nextReview: Date | null;
  reviewOverdue: boolean;
  fundingDue: boolean;
}

/**
 * The phase the product aliased `p` is in on `today` (`cur.phase`): the last one started, same-day
 * starts ordered by LIFECYCLE_ORDER, as `currentEntry` does in TypeScript.
 */
export const currentPhaseJoin = (today: Prisma.Sql) => Prisma.sql`LEFT JOIN LATERAL (
      SELECT pe.phase FROM "PhaseEntry" pe
      WHERE pe."productId" = p.id AND pe."startDate" <= ${today}
      ORDER BY pe."startDate" DESC, array_position(${textArray(LIFECYCLE_ORDER)}, pe.phase) DESC
      LIMIT 1
    ) cur ON TRUE`;

/** The moment the query is about, as SQL values. */
export interface Clock {
  /**
   * The calendar day of `asOf` in Paris, where days turn for French agents: a phase started by then
   * is under way, as `currentPhase` counts; a review before it is overdue, as `reviewStatus` counts.
   */
  today: Prisma.Sql;
  /** Updates older than this are stale (`config().staleAfterDays`). */
  staleBefore: Prisma.Sql;
}

export function clock(asOf: Date): Clock {
  return {
    today: Prisma.sql`${isoDay(parisDay(asOf))}::date`,
    // Timestamps are stored in UTC without a zone; an ISO string cast to `timestamp` keeps its digits.
    staleBefore: Prisma.sql`${new Date(asOf.getTime() - config().staleAfterDays * DAY_MS).toISOString()}::timestamp`,
  };
}

/** Every product's internal data counts (the default of the joins: the dashboards count internal data only). */
const ALL_INTERNAL = Prisma.sql`TRUE`;
// Timestamps are stored in UTC without a zone.
const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/**
 * What a row is derived from, each a join on the product aliased `p`. The list's inner query joins
 * only what its filters and sort need, for every product in scope; the page's rows join them all.
 */
// Exported for the dashboards (app/dashboards), which count the same facts over a scope.
export const JOINS = {
  /** The phase the product is in on `today` (`cur.phase`). */
  phase: (c: Clock, _internal?: Prisma.Sql) => currentPhaseJoin(c.today),
  /**
   * The latest decision still standing (`dec`): a corrected decision gives way to its correction.
   * Where `internal` does not hold (a product the viewer reads only publicly), published ones only.
   */
  decision: (_c?: Clock, internal: Prisma.Sql = ALL_INTERNAL) => Prisma.sql`LEFT JOIN LATERAL (
      SELECT d.outcome::text AS outcome, d."decidedOn", d."nextReviewDate" FROM "Decision" d
      WHERE d."productId" = p.id AND (${internal} OR d."publishedAt" <= ${NOW_UTC})
        AND NOT EXISTS (SELECT 1 FROM "Decision" c WHERE c."correctsId" = d.id AND (${internal} OR c."publishedAt" <= ${NOW_UTC}))
      ORDER BY d."decidedOn" DESC, d."createdAt" DESC
      LIMIT 1
    ) dec ON TRUE`,
  /**
   * When the indicators were last kept up (`ind.at`): the latest time the latest value (by period) of
   * one of the live indicators was saved. Each indicator's `latestValueSavedAt` is kept by a trigger
   * on its values (migration `indicator_latest_value`).
   */
  lastValue: (_c?: Clock, internal: Prisma.Sql = ALL_INTERNAL) => Prisma.sql`LEFT JOIN LATERAL (
      SELECT max(i."latestValueSavedAt") AS at FROM "Indicator" i
      WHERE i."productId" = p.id AND i."archivedAt" IS NULL AND (${internal} OR i."isPublic")
    ) ind ON TRUE`,
  /** The runway (`run."needsCommittee"`: the 45-day flag of app/domain/runway.ts), for readers of the product's funding. */
  runway: (c: Clock, internal: Prisma.Sql = ALL_INTERNAL) => runwayJoin(c.today, internal),
};
type Join = keyof typeof JOINS;

/** `internal`: the products whose internal data the viewer reads (`internallyReadableProductsSql`). */
function joins(needed: ReadonlySet<Join>, c: Clock, internal: Prisma.Sql): Prisma.Sql {
  const sql = (Object.keys(JOINS) as Join[]).filter((join) => needed.has(join)).map((join) => JOINS[join](c, internal));
  return sql.length > 0 ? Prisma.join(sql, "\n") : Prisma.empty;
}

/** The derived facts, as SQL expressions over the joins they name. */
export const FACTS = {
  active: Prisma.sql`coalesce(cur.phase = ANY(${textArray(ACTIVE_PHASES)}), false)`,
  /**
   * When an active product is next due before the committee: `nextReview` of
   * app/domain/committee-calendar.ts, the reference this is tested against.
   */
  nextReview: () => Prisma.sql`(CASE
      WHEN NOT ${FACTS.active} THEN NULL
      WHEN dec."decidedOn" IS NULL THEN
        (SELECT min(h."startDate") FROM "PhaseEntry" h WHERE h."productId" = p.id) + make_interval(months => ${FIRST_REVIEW_MONTHS}::int)
      WHEN dec."nextReviewDate" IS NOT NULL THEN dec."nextReviewDate"
      WHEN dec.outcome = 'stop' THEN NULL
      WHEN dec.outcome = 'extend' THEN dec."decidedOn" + make_interval(months => ${DEFAULT_EXTENSION_MONTHS}::int)
      ELSE dec."decidedOn" + make_interval(months => inc."reviewIntervalMonths")
    END)::date`,
  reviewOverdue: (c: Clock) => Prisma.sql`coalesce(${FACTS.nextReview()} < ${c.today}, false)`,
  lastUpdate: Prisma.sql`greatest(p."updatedAt", ind.at)`,
  stale: (c: Clock) => Prisma.sql`(${FACTS.active} AND ${FACTS.lastUpdate} < ${c.staleBefore})`,
  staleIndicators: (c: Clock) => Prisma.sql`(${FACTS.active} AND (ind.at IS NULL OR ind.at < ${c.staleBefore}))`,
  /** The money runs out within 45 days and no committee is planned before (`runway` join). */
  fundingDue: Prisma.sql`coalesce(run."needsCommittee", false)`,
};

/** Visibility and the list's scope filters, on the product `p` joined to its primary incubator `inc`. */
export function scopeConditions(actor: Actor | null, query: Pick<PortfolioQuery, "incubatorId" | "ministryId" | "sponsorId" | "search">): Prisma.Sql[] {
  const conditions = [visibleProductsSql(actor)];
  if (query.incubatorId) {
    const id = Prisma.sql`${query.incubatorId}::uuid`;
    conditions.push(
      Prisma.sql`(p."primaryIncubatorId" = ${id} OR EXISTS (SELECT 1 FROM "ProductIncubator" fi WHERE fi."productId" = p.id AND fi."incubatorId" = ${id}))`,
    );
  }
  if (query.ministryId) {
    const id = Prisma.sql`${query.ministryId}::uuid`;
    conditions.push(
      Prisma.sql`(inc."ministryId" = ${id} OR EXISTS (SELECT 1 FROM "ProductIncubator" mc JOIN "Incubator" mi ON mi.id = mc."incubatorId" WHERE mc."productId" = p.id AND mi."ministryId" = ${id}))`,
    );
  }
  if (query.sponsorId) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ProductSponsor" fs WHERE fs."productId" = p.id AND fs."organisationId" = ${query.sponsorId}::uuid)`,
    );
  }
  if (query.search) {
    conditions.push(
      Prisma.sql`(${containsFoldedSql(Prisma.sql`p.name`, query.search)} OR ${containsFoldedSql(Prisma.sql`p.pitch`, query.search)})`,
    );
  }
  return conditions;
}

/** The conditions on derived facts, with the joins they need. */
function factConditions(query: PortfolioQuery, c: Clock): { conditions: Prisma.Sql[]; needs: Join[] } {
  const conditions: Prisma.Sql[] = [];
  const needs: Join[] = [];
  if (query.phases.length > 0) {
    conditions.push(Prisma.sql`cur.phase IN (${Prisma.join(query.phases)})`);
    needs.push("phase");
  }
  if (query.lifecycle) {
    conditions.push(query.lifecycle === "actifs" ? FACTS.active : Prisma.sql`cur.phase = ANY(${textArray(TERMINAL_PHASES)})`);
    needs.push("phase");
  }
  if (query.reviewOverdue) {
    conditions.push(FACTS.reviewOverdue(c));
    needs.push("phase", "decision");
  }
  if (query.staleIndicators) {
    conditions.push(FACTS.staleIndicators(c));
    needs.push("phase", "lastValue");
  }
  if (query.fundingDue) {
    conditions.push(FACTS.fundingDue);
    needs.push("runway");
  }
  if (query.milestones && query.milestones.length > 0) conditions.push(milestoneCondition(query.milestones, query.milestoneYear, c));
  return { conditions, needs };
}

/** A phase of these kinds started, or a national impact event, by today (during `year` if set). */
function milestoneCondition(milestones: readonly Milestone[], year: number | undefined, c: Clock): Prisma.Sql {
  const during = (column: Prisma.Sql) =>
    year === undefined ? Prisma.empty : Prisma.sql`AND ${column} BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`;
  const phases = milestones.filter(isPhase);
  const clauses: Prisma.Sql[] = [];
  if (phases.length > 0) {
    clauses.push(Prisma.sql`EXISTS (SELECT 1 FROM "PhaseEntry" me WHERE me."productId" = p.id AND me.phase IN (${Prisma.join(phases)})
      AND me."startDate" <= ${c.today} ${during(Prisma.sql`me."startDate"`)})`);
  }
  if (milestones.includes("impact-national")) {
    clauses.push(Prisma.sql`EXISTS (SELECT 1 FROM "ProductEvent" mv WHERE mv."productId" = p.id AND mv.kind = 'national_impact'
      AND mv.date <= ${c.today} ${during(Prisma.sql`mv.date`)})`);
  }
  return Prisma.sql`(${Prisma.join(clauses, " OR ")})`;
}

/**
 * Names sort without regard to accents or case, byte by byte once folded: the same order on PGlite
 * (whose only locale is "C") and on a PostgreSQL created with any other collation.
 */
const sortableName = (expr: Prisma.Sql) => Prisma.sql`${foldedSql(expr)} COLLATE "C"`;

/** The sort, then the name, then the slug: the order is total, so pages never overlap. */
function ordering(query: PortfolioQuery): { order: Prisma.Sql; needs: Join[] } {
  const dir = Prisma.raw(query.direction === "croissant" ? "ASC" : "DESC");
  const byName = Prisma.sql`${sortableName(Prisma.sql`p.name`)} ASC, p.slug COLLATE "C" ASC`;
  switch (query.sort) {
    case "nom":
      return { order: Prisma.sql`${sortableName(Prisma.sql`p.name`)} ${dir}, p.slug COLLATE "C" ${dir}`, needs: [] };
    case "phase":
      return {
        order: Prisma.sql`array_position(${textArray(PHASES)}, cur.phase) ${dir} NULLS LAST, ${byName}`,
        needs: ["phase"],
      };
    case "mise-a-jour":
      return { order: Prisma.sql`${FACTS.lastUpdate} ${dir}, ${byName}`, needs: ["lastValue"] };
    case "revue":
      return { order: Prisma.sql`${FACTS.nextReview()} ${dir} NULLS LAST, ${byName}`, needs: ["phase", "decision"] };
  }
}

/**
 * One slice of the list, in order, with the size of the whole filtered list: past the last page, a
 * single row whose product columns are null carries the size, so that one query always answers.
 */
async function queryRows(
  actor: Actor | null,
  query: PortfolioQuery,
  slice: { offset: number; limit: number },
  asOf: Date,
): Promise<{ rows: RawRow[]; total: number }> {
  const c = clock(asOf);
  const facts = factConditions(query, c);
  const { order, needs } = ordering(query);
  // A product read only publicly has its next review and last update from its public data.
  const internal = internallyReadableProductsSql(actor);
  const innerJoins = joins(new Set([...facts.needs, ...needs]), c, internal);
  const conditions = [...scopeConditions(actor, query), ...facts.conditions];
  const raw = await db().$queryRaw<({ total: number } & (RawRow | { [K in keyof RawRow]: null }))[]>`
    WITH filtered AS (
      SELECT p.id, row_number() OVER (ORDER BY ${order}) AS position
      FROM "Product" p
      JOIN "Incubator" inc ON inc.id = p."primaryIncubatorId"
      ${innerJoins}
      WHERE ${Prisma.join(conditions, " AND ")}
    ), listed AS (
      SELECT id, position FROM filtered ORDER BY position LIMIT ${slice.limit}::int OFFSET ${slice.offset}::bigint
    )
    SELECT counted.total, p.slug, p.name, left(p.pitch, ${PITCH_LENGTH + 1}::int) AS pitch, cur.phase,
      inc.slug AS "incubatorSlug", inc.name AS "incubatorName", m.name AS "ministryName",
      ${FACTS.lastUpdate} AS "lastUpdate", ${FACTS.stale(c)} AS stale,
      ${FACTS.nextReview()} AS "nextReview", ${FACTS.reviewOverdue(c)} AS "reviewOverdue", ${FACTS.fundingDue} AS "fundingDue",
      coalesce((
        SELECT json_agg(json_build_object('slug', o.slug, 'name', o.name, 'acronym', o.acronym)
          ORDER BY ${sortableName(Prisma.sql`coalesce(o.acronym, o.name)`)}, o.slug)
        FROM "ProductSponsor" ps JOIN "Organisation" o ON o.id = ps."organisationId"
        WHERE ps."productId" = p.id
      ), '[]'::json) AS sponsors
    FROM (SELECT count(*)::int AS total FROM filtered) counted
    LEFT JOIN (
      listed
      JOIN "Product" p ON p.id = listed.id
      JOIN "Incubator" inc ON inc.id = p."primaryIncubatorId"
      LEFT JOIN "Ministry" m ON m.id = inc."ministryId"
      ${joins(new Set(Object.keys(JOINS) as Join[]), c, internal)}
    ) ON TRUE
    ORDER BY listed.position`;
  return { rows: raw.filter((row): row is { total: number } & RawRow => row.slug !== null), total: raw[0]?.total ?? 0 };
}

function shorten(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

function toRow(raw: RawRow, asOf: Date): PortfolioRow {
  return {
    slug: raw.slug,
    name: raw.name,
    pitch: shorten(raw.pitch, PITCH_LENGTH),
    // The CHECK constraint on "PhaseEntry"."phase" keeps this to the network's ids.
    phase: raw.phase as Phase | null,
    incubator: { slug: raw.incubatorSlug, name: raw.incubatorName },
    ministry: raw.ministryName,
    sponsors: raw.sponsors,
    lastUpdate: raw.lastUpdate,
    staleDays: raw.stale ? Math.floor((asOf.getTime() - raw.lastUpdate.getTime()) / DAY_MS) : null,
    nextReview: raw.nextReview,
    reviewOverdue: raw.reviewOverdue,
    fundingDue: raw.fundingDue,
  };
}

export interface PortfolioPage {
  products: PortfolioRow[];
  /** Products matching the filters, on every page. */
  total: number;
  page: number;
  pageCount: number;
}

/** One page of the list (1-based); a page past the last one is empty, not an error. */
export async function listPortfolio(
  actor: Actor | null,
  query: PortfolioQuery,
  page: number,
  asOf: Date = new Date(),
): Promise<PortfolioPage> {
  const offset = (page - 1) * PORTFOLIO_PAGE_SIZE;
  // Past any possible list, there is no need to ask for rows: the count alone says how many pages.
  const slice = Number.isSafeInteger(offset) ? { offset, limit: PORTFOLIO_PAGE_SIZE } : { offset: 0, limit: 0 };
  const { rows, total } = await queryRows(actor, query, slice, asOf);
  return {
    products: rows.map((row) => toRow(row, asOf)),
    total,
    page,
    pageCount: Math.ceil(total / PORTFOLIO_PAGE_SIZE),
  };
}

/** Every row of the list, a batch at a time: the export never holds the whole portfolio at once. */
export async function* allPortfolioRows(
  actor: Actor | null,
  query: PortfolioQuery,
  asOf: Date = new Date(),
  batchSize = 1000,
): AsyncGenerator<PortfolioRow[]> {
  for (let offset = 0; ; offset += batchSize) {
    const { rows } = await queryRows(actor, query, { offset, limit: batchSize }, asOf);
    if (rows.length > 0) yield rows.map((row) => toRow(row, asOf));
    if (rows.length < batchSize) return;
  }
}

// ---------- From the address to the query ----------

export interface FilterOptions {
  /** Empty, like `ministries`, on a page that sets the incubator (the form has neither list). */
  incubators: { slug: string; name: string }[];
  ministries: { slug: string; name: string }[];
  /** Organisations sponsoring at least one product the viewer sees. */
  sponsors: { slug: string; name: string; acronym: string | null }[];
}

// One collator for every sort: `localeCompare` with a locale sets one up at each comparison.
const french = new Intl.Collator("fr");
const byName = (a: { name: string }, b: { name: string }) => french.compare(a.name, b.name);

/** Each kind of slug the address may name, with the id it stands for. */
interface KnownSlugs {
  incubators: ReadonlyMap<string, string>;
  ministries: ReadonlyMap<string, string>;
  sponsors: ReadonlyMap<string, string>;
}

type Choice = { id: string; slug: string; name: string };
type SponsorChoice = Choice & { acronym: string | null };

const slugIds = (choices: readonly Choice[]) => new Map(choices.map((choice) => [choice.slug, choice.id]));

/** The choices of the filter form's lists (one query), and the ids of their slugs. */
async function filterChoices(actor: Actor | null): Promise<{ options: FilterOptions; known: KnownSlugs }> {
  // A viewer of every product needs no join to the products (a hash of the whole portfolio otherwise).
  const sponsoring = readableScopes(actor).all
    ? Prisma.sql`EXISTS (SELECT 1 FROM "ProductSponsor" ps WHERE ps."organisationId" = o.id)`
    : Prisma.sql`EXISTS (SELECT 1 FROM "ProductSponsor" ps JOIN "Product" p ON p.id = ps."productId"
        WHERE ps."organisationId" = o.id AND ${visibleProductsSql(actor)})`;
  const [row] = await db().$queryRaw<{ incubators: Choice[]; ministries: Choice[]; sponsors: SponsorChoice[] }[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', i.id, 'slug', i.slug, 'name', i.name)), '[]'::json) FROM "Incubator" i) AS incubators,
      (SELECT coalesce(json_agg(json_build_object('id', m.id, 'slug', m.slug, 'name', m.name)), '[]'::json) FROM "Ministry" m) AS ministries,
      (SELECT coalesce(json_agg(json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'acronym', o.acronym)), '[]'::json)
        FROM "Organisation" o WHERE ${sponsoring}) AS sponsors`;
  const incubators = row.incubators.sort(byName);
  const ministries = row.ministries.sort(byName);
  const sponsors = row.sponsors.sort(byName);
  return {
    options: {
      incubators: incubators.map(({ slug, name }) => ({ slug, name })),
      ministries: ministries.map(({ slug, name }) => ({ slug, name })),
      sponsors: sponsors.map(({ slug, name, acronym }) => ({ slug, name, acronym })),
    },
    known: { incubators: slugIds(incubators), ministries: slugIds(ministries), sponsors: slugIds(sponsors) },
  };
}

export type ResolvedPortfolioQuery =
  | { success: true; filters: PortfolioFilters; query: PortfolioQuery }
  | { success: false; errors: PortfolioFilterErrors };

/**
 * Reads the address and checks that its slugs name existing records; errors are French, by field.
 * Slugs found in `known` need no query (a sponsor of no product the viewer sees still exists).
 */
export async function resolvePortfolioQuery(values: PortfolioQueryValues, known?: KnownSlugs): Promise<ResolvedPortfolioQuery> {
  const parsed = parsePortfolioQuery(values);
  if (!parsed.success) return parsed;
  const { filters } = parsed;
  const lookup = async (slug: string | undefined, ids: ReadonlyMap<string, string> | undefined, find: (slug: string) => Promise<{ id: string } | null>) => {
    if (!slug) return undefined;
    return ids?.get(slug) ?? (await find(slug))?.id ?? null;
  };
  const [incubatorId, ministryId, sponsorId] = await Promise.all([
    lookup(filters.incubateur, known?.incubators, (slug) => db().incubator.findUnique({ where: { slug }, select: { id: true } })),
    lookup(filters.ministere, known?.ministries, (slug) => db().ministry.findUnique({ where: { slug }, select: { id: true } })),
    lookup(filters.sponsor, known?.sponsors, (slug) => db().organisation.findUnique({ where: { slug }, select: { id: true } })),
  ]);
  const errors: PortfolioFilterErrors = {};
  if (incubatorId === null) {
    errors.incubateur = [`L'incubateur « ${filters.incubateur} » n'existe pas : choisissez un incubateur dans la liste.`];
  }
  if (ministryId === null) {
    errors.ministere = [`Le ministère « ${filters.ministere} » n'existe pas : choisissez un ministère dans la liste.`];
  }
  if (sponsorId === null) {
    errors.sponsor = [`Le sponsor « ${filters.sponsor} » n'existe pas : choisissez une organisation dans la liste.`];
  }
  if (Object.keys(errors).length > 0) return { success: false, errors };
  return {
    success: true,
    filters,
    query: {
      phases: filters.phase,
      lifecycle: filters.statut,
      incubatorId: incubatorId ?? undefined,
      ministryId: ministryId ?? undefined,
      sponsorId: sponsorId ?? undefined,
      reviewOverdue: filters.revue,
      staleIndicators: filters.indicateurs,
      fundingDue: filters.financement,
      milestones: filters.entree,
      milestoneYear: filters.annee,
      search: filters.recherche,
      sort: filters.tri,
      direction: sortDirection(filters),
    },
  };
}

/** What the list page (the network's, or an incubator's) shows, and its HTTP status. */
export interface PortfolioView extends PortfolioPage {
  /** The address's fields as typed, for the form and the links. */
  values: PortfolioQueryValues;
  /** Fields the page sets itself (an incubator's page sets the incubator). */
  fixed: Partial<PortfolioQueryValues>;
  errors: PortfolioFilterErrors;
  filters: PortfolioFilters | null;
  options: FilterOptions;
  staleAfterDays: number;
}

export async function loadPortfolioView(
  actor: Actor | null,
  url: URL,
  fixed: Partial<PortfolioQueryValues> = {},
  asOf: Date = new Date(),
): Promise<{ status: 200 | 400; view: PortfolioView }> {
  const values = readPortfolioQuery(url.searchParams);
  const typed = { ...values, ...fixed };
  const choosing = filterChoices(actor);
  // Without a slug to resolve, the list is read while the form's lists are.
  const slugs = typed.incubateur.trim() !== "" || typed.ministere.trim() !== "" || typed.sponsor.trim() !== "";
  const resolved = await resolvePortfolioQuery(typed, slugs ? (await choosing).known : undefined);
  const [choices, page] = await Promise.all([
    choosing,
    resolved.success ? listPortfolio(actor, resolved.query, resolved.filters.page, asOf) : null,
  ]);
  // A page that sets the incubator shows neither the incubator nor the ministry list: not sent.
  const options = fixed.incubateur === undefined ? choices.options : { ...choices.options, incubators: [], ministries: [] };
  const common = { values, fixed, options, staleAfterDays: config().staleAfterDays };
  if (!resolved.success || !page) {
    return {
      status: 400,
      view: { ...common, errors: resolved.success ? {} : resolved.errors, filters: null, products: [], total: 0, page: 1, pageCount: 0 },
    };
  }
  return { status: 200, view: { ...common, errors: {}, filters: resolved.filters, ...page } };
}
