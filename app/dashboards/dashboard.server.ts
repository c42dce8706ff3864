// One dashboard: reads its address, resolves the scope's filters and runs every aggregate (each one
// SQL query over the scope's products: the page never holds the portfolio).
import { readableScopes, type Actor } from "~/auth/permissions";
import { forbidden, getViewer, notFound, requirePermission, signInRedirect, type Viewer } from "~/auth/viewer.server";
import { db } from "~/db.server";
import { dataVersion } from "~/db/data-version.server";
import { isoDay, parisDay, today } from "~/domain/days";
import { csvRefusal } from "~/products/portfolio-csv.server";
import type { PortfolioQueryValues } from "~/products/portfolio-filters";
import { dashboardCsvResponse, INTERNAL_VIEWS } from "./dashboard-csv.server";
import { parseDashboardQuery, readDashboardQuery, type DashboardFilterErrors, type DashboardFilters, type DashboardQueryValues } from "./dashboard-filters";
import { cachedFigures } from "./figures-cache.server";
import { costs, funding } from "./funding.server";
import { committees, decisionsByYear, overdueConditions, portfolioAlerts } from "./governance.server";
import { impact } from "./impact.server";
import { funnel, phaseDurations, programme, survivalByCohort, survivalByIncubator, timeline } from "./lifecycle.server";
import { findScope, scopeListValues, type DashboardQuery, type DashboardScope } from "./scope.server";

/** Rows a page shows in its product tables; the CSV export has them all. */
export const PAGE_ROWS = 20;

export type ResolvedDashboardQuery =
  | { success: true; filters: DashboardFilters; query: DashboardQuery }
  | { success: false; errors: DashboardFilterErrors };

/** The address as a query: French errors by field when a value is wrong. */
export async function resolveDashboardQuery(
  actor: Actor | null,
  scope: DashboardScope,
  values: DashboardQueryValues,
  asOf: Date,
): Promise<ResolvedDashboardQuery> {
  const parsed = parseDashboardQuery(values, today(asOf).getUTCFullYear());
  if (!parsed.success) return parsed;
  const { filters } = parsed;
  if (filters.incubateur && scope.kind === "incubator") {
    return { success: false, errors: { incubateur: ["Ce tableau de bord est celui d'un incubateur : le filtre « incubateur » n'y a pas de sens."] } };
  }
  const incubator = filters.incubateur
    ? await db().incubator.findUnique({ where: { slug: filters.incubateur }, select: { id: true } })
    : null;
  if (filters.incubateur && !incubator) {
    return { success: false, errors: { incubateur: [`L'incubateur « ${filters.incubateur} » n'existe pas : choisissez un incubateur dans la liste.`] } };
  }
  return {
    success: true,
    filters,
    query: { actor, scope, phases: filters.phase, incubatorId: incubator?.id, from: filters.from, to: filters.to, asOf },
  };
}

/** Whether the viewer reads any product's internal data: else funding, impact and governance are not shown. */
export function readsInternalData(actor: Actor | null): boolean {
  const scopes = readableScopes(actor);
  return scopes.all || scopes.incubatorIds.length > 0 || scopes.productIds.length > 0 || scopes.organisationIds.length > 0;
}

async function loadInternal(query: DashboardQuery) {
  const [fundingViews, costView, impactView, sessions, alerts, decisions, conditions] = await Promise.all([
    funding(query, PAGE_ROWS),
    costs(query, PAGE_ROWS),
    impact(query, PAGE_ROWS),
    committees(query),
    portfolioAlerts(query),
    decisionsByYear(query),
    overdueConditions(query, PAGE_ROWS),
  ]);
  return {
    funding: { ...fundingViews, costs: costView },
    impact: impactView,
    alerts,
    governance: { committees: sessions, decisions, conditions },
  };
}

export type DashboardInternal = Awaited<ReturnType<typeof loadInternal>>;

/**
 * The incubators a page shows: those with the most products (the network has hundreds; its page, a
 * table of every one, took longer to render than all the rest), in their order otherwise.
 */
function largestFirst<T extends { products: number }>(rows: readonly T[], limit: number): T[] {
  return [...rows].sort((a, b) => b.products - a.products).slice(0, limit);
}

async function loadFigures(query: DashboardQuery) {
  const [funnelRows, programmeRows, cohorts, incubators, durations, timelineRows] = await Promise.all([
    funnel(query),
    programme(query),
    survivalByCohort(query),
    survivalByIncubator(query),
    phaseDurations(query),
    timeline(query),
  ]);
  return {
    funnel: funnelRows,
    programme: programmeRows,
    survival: { cohorts, incubators: largestFirst(incubators, PAGE_ROWS), incubatorTotal: incubators.length },
    durations,
    timeline: timelineRows,
    internal: readsInternalData(query.actor) ? await loadInternal(query) : null,
  };
}

export type DashboardFigures = Awaited<ReturnType<typeof loadFigures>>;

/**
 * What the figures depend on besides the data: the scope, the filters, what the viewer may read (not
 * who it is: every platform admin shares one entry, every anonymous visitor another) and the day in
 * Paris (phases under way, reviews and conditions overdue).
 */
function figuresKey(query: DashboardQuery): string {
  const scopes = readableScopes(query.actor);
  const sorted = (ids: readonly string[]) => [...ids].sort();
  return JSON.stringify([
    query.scope.kind,
    query.scope.id,
    [...query.phases].sort(),
    query.incubatorId ?? null,
    query.from,
    query.to,
    scopes.all ? "all" : [sorted(scopes.incubatorIds), sorted(scopes.productIds), sorted(scopes.organisationIds)],
    isoDay(parisDay(query.asOf)),
  ]);
}

export interface DashboardView {
  scope: DashboardScope;
  values: DashboardQueryValues;
  errors: DashboardFilterErrors;
  filters: DashboardFilters | null;
  /** The portfolio list's fields for this scope and filters: the list behind every figure. */
  list: Partial<PortfolioQueryValues>;
  incubators: { slug: string; name: string }[];
  /** Ministries, for links to their dashboards from the network's. */
  ministries: { slug: string; name: string }[];
  figures: DashboardFigures | null;
}

export async function loadDashboard(
  actor: Actor | null,
  scope: DashboardScope,
  url: URL,
  asOf: Date = new Date(),
): Promise<{ status: 200 | 400; view: DashboardView }> {
  const values = readDashboardQuery(url.searchParams);
  // Read before anything is computed: what is kept under it holds every change it numbers.
  const version = await dataVersion();
  const byName = [{ name: "asc" as const }, { slug: "asc" as const }];
  const [resolved, { incubators, ministries }] = await Promise.all([
    resolveDashboardQuery(actor, scope, values, asOf),
    cachedFigures(`filter lists ${scope.kind === "network"}`, version, async () => ({
      incubators: await db().incubator.findMany({ select: { slug: true, name: true }, orderBy: byName }),
      ministries: scope.kind === "network" ? await db().ministry.findMany({ select: { slug: true, name: true }, orderBy: byName }) : [],
    })),
  ]);
  const common = { scope, values, incubators, ministries };
  if (!resolved.success) return { status: 400, view: { ...common, errors: resolved.errors, filters: null, list: {}, figures: null } };
  const list = {
    ...scopeListValues(scope),
    ...(resolved.filters.incubateur ? { incubateur: resolved.filters.incubateur } : {}),
    phase: resolved.filters.phase,
  };
  const figures = await cachedFigures(figuresKey(resolved.query), version, () => loadFigures(resolved.query));
  return { status: 200, view: { ...common, errors: {}, filters: resolved.filters, list, figures } };
}

// ---------- Exports ----------

/**
 * The CSV file of one view (`<dashboard address>.csv?vue=<view>&<filters>`), or a French 400 text.
 * Funding, impact and governance views are exported only to whoever reads some product's internal
 * data (the public is sent to sign in, others get a 403).
 */
export async function dashboardCsv(actor: Actor | null, scope: DashboardScope, request: Request, asOf: Date = new Date()): Promise<Response> {
  const values = readDashboardQuery(new URL(request.url).searchParams);
  const resolved = await resolveDashboardQuery(actor, scope, values, asOf);
  if (!resolved.success) return csvRefusal(resolved.errors);
  const view = resolved.filters.vue;
  if (!view) return csvRefusal({ vue: ["Précisez la vue à exporter (paramètre « vue »), par exemple ?vue=programme."] });
  if (INTERNAL_VIEWS.includes(view) && !readsInternalData(actor)) throw actor ? forbidden() : signInRedirect(request);
  return dashboardCsvResponse(view, resolved.query, `jalon-tableau-de-bord-${scope.slug ?? "reseau"}`);
}

/**
 * "Mon portefeuille" of an organisation, for its investors and platform admins: the public is sent
 * to sign in, others get a 403; an unknown organisation is a 404 for anyone signed in.
 */
export async function requireOrganisationScope(request: Request, slug: string): Promise<{ viewer: Viewer | null; scope: DashboardScope }> {
  const scope = await findScope("organisation", slug);
  if (!scope) {
    if (!(await getViewer(request))) throw signInRedirect(request);
    throw notFound();
  }
  return { viewer: await requirePermission(request, "organisation.portfolio", { organisationId: scope.id! }), scope };
}
