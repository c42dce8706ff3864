// The products a dashboard counts, as one SQL common table expression every aggregate starts from.
// A scope is the network, a ministry, an incubator or an investor organisation; it is written with
// the portfolio list's own filters (`scopeConditions`), so "the list behind a figure" is the list
// page with the same filters. What the viewer may see is part of the set: `visible` products
// (public ones and those the viewer reads internally) for the lifecycle figures, and the `internal`
// flag for funding, impact and governance, which only count products the viewer reads internally.
// Decided in docs/decisions/014-dashboards.md.
import type { Actor } from "~/auth/permissions";
import { db } from "~/db.server";
import { LIFECYCLE_ORDER, type Phase } from "~/domain/phases";
import { textArray } from "~/db/text-array.server";
import { Prisma } from "~/generated/prisma/client";
import type { PortfolioQueryValues } from "~/products/portfolio-filters";
import { clock, scopeConditions, type Clock } from "~/products/portfolio.server";
import { internallyReadableProductsSql } from "~/products/visible-products-sql.server";

export const SCOPE_KINDS = ["network", "ministry", "incubator", "organisation"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface DashboardScope {
  kind: ScopeKind;
  /** The ministry, incubator or organisation; null for the network. */
  id: string | null;
  slug: string | null;
  name: string;
}

/** The scope's record, or null when the slug names none. */
export async function findScope(kind: ScopeKind, slug: string | null): Promise<DashboardScope | null> {
  const select = { id: true, slug: true, name: true } as const;
  const found =
    kind === "network"
      ? { id: null, slug: null, name: "Réseau" }
      : kind === "ministry"
        ? await db().ministry.findUnique({ where: { slug: slug ?? "" }, select })
        : kind === "incubator"
          ? await db().incubator.findUnique({ where: { slug: slug ?? "" }, select })
          : await db().organisation.findUnique({ where: { slug: slug ?? "" }, select });
  return found && { kind, ...found };
}

/** The scope and filters as the portfolio list's fields: the address of the list behind a figure. */
export function scopeListValues(scope: DashboardScope): Partial<PortfolioQueryValues> {
  if (!scope.slug) return {};
  return { ministry: { ministere: scope.slug }, incubator: { incubateur: scope.slug }, organisation: { sponsor: scope.slug } }[
    scope.kind as Exclude<ScopeKind, "network">
  ];
}

/** What a dashboard's figures are computed over. */
export interface DashboardQuery {
  actor: Actor | null;
  scope: DashboardScope;
  /** Current phases to keep (none: every product). */
  phases: readonly Phase[];
  /** An incubator within the scope (primary or co-incubating). */
  incubatorId?: string;
  /** Years covered by the yearly figures, both included. */
  from: number;
  to: number;
  asOf: Date;
}

export function queryClock(query: DashboardQuery): Clock {
  return clock(query.asOf);
}

/**
 * `scope (id, "incubatorId", phase, internal)`: every product of the scope the viewer sees, with its
 * primary incubator, its current phase (null before its first phase) and whether the viewer reads
 * its internal data. To be placed after `WITH`.
 */
export function scopeCte(query: DashboardQuery): Prisma.Sql {
  const { scope } = query;
  const conditions = scopeConditions(query.actor, {
    ministryId: scope.kind === "ministry" ? (scope.id ?? undefined) : undefined,
    sponsorId: scope.kind === "organisation" ? (scope.id ?? undefined) : undefined,
    incubatorId: scope.kind === "incubator" ? (scope.id ?? undefined) : query.incubatorId,
  });
  if (scope.kind === "incubator" && query.incubatorId && query.incubatorId !== scope.id) conditions.push(Prisma.sql`FALSE`);
  if (query.phases.length > 0) conditions.push(Prisma.sql`cur.phase IN (${Prisma.join(query.phases)})`);
  // The list's current phase (`JOINS.phase`: the last phase started by today, same-day starts in
  // lifecycle order), found for every product in one sorted pass rather than one lookup per product:
  // eight times faster over the whole network, and every aggregate starts from here.
  return Prisma.sql`scope AS (
    SELECT p.id, p."primaryIncubatorId" AS "incubatorId", cur.phase, ${internallyReadableProductsSql(query.actor)} AS internal
    FROM "Product" p
    JOIN "Incubator" inc ON inc.id = p."primaryIncubatorId"
    LEFT JOIN (
      SELECT DISTINCT ON (pe."productId") pe."productId", pe.phase FROM "PhaseEntry" pe
      WHERE pe."startDate" <= ${queryClock(query).today}
      ORDER BY pe."productId", pe."startDate" DESC, array_position(${textArray(LIFECYCLE_ORDER)}, pe.phase) DESC
    ) cur ON cur."productId" = p.id
    WHERE ${Prisma.join(conditions, " AND ")}
  )`;
}

/** A calendar day as an SQL date. */
export const sqlDay = (iso: string) => Prisma.sql`${iso}::date`;
export const yearStart = (year: number) => sqlDay(`${year}-01-01`);
export const yearEnd = (year: number) => sqlDay(`${year}-12-31`);
/** The years of the query, one row each: `y(year)`. */
export const yearsSql = (query: DashboardQuery) => Prisma.sql`generate_series(${query.from}::int, ${query.to}::int) AS y(year)`;

/** The dashboards an actor follows (its organisations' portfolios, its incubators'), for its account page. */
export async function followedDashboards(actor: Actor): Promise<{ label: string; to: string }[]> {
  const organisationIds = actor.grants.filter((g) => g.role === "investor" && g.organisationId).map((g) => g.organisationId!);
  const incubatorIds = actor.grants.filter((g) => g.incubatorId).map((g) => g.incubatorId!);
  const [organisations, incubators] = await Promise.all([
    db().organisation.findMany({ where: { id: { in: organisationIds } }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db().incubator.findMany({ where: { id: { in: incubatorIds } }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return [
    ...organisations.map((o) => ({ label: `Mon portefeuille : ${o.name}`, to: `/tableau-de-bord/organisations/${o.slug}` })),
    ...incubators.map((i) => ({ label: `Tableau de bord : ${i.name}`, to: `/tableau-de-bord/incubateurs/${i.slug}` })),
  ];
}
