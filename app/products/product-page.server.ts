// Everything the public page of one product shows, with its phase timeline.
import { can, type Actor } from "~/auth/permissions";
import type { EventKind } from "~/domain/product-events";
import { Prisma } from "~/generated/prisma/client";
import { reviewSummary } from "~/committees/calendar.server";
import { productConditions } from "~/committees/conditions.server";
import { nextSessionDossier } from "~/committees/dossiers.server";
import { productDecisions } from "~/committees/product-decisions.server";
import { readFundingRows } from "~/funding/annual-funding.server";
import { loadRunway } from "~/funding/envelopes.server";
import { runwaySummary } from "~/funding/runway-wording";
import { productIndicatorsView, readProductIndicators } from "~/indicators/product-indicators.server";
import { phaseSegments, timeInPhase } from "~/domain/phases";
import { isoDay, parisDay } from "~/domain/days";
import { db } from "~/db.server";
import { webUrl } from "~/ui/web-url";
import { renderMarkdown } from "./markdown.server";
import type { TimelineStep } from "./phase-timeline";
import { toPhaseHistory } from "./phase-history.server";
import type { PROFILE_SELECT } from "./product-form";
import { toProductScope } from "./visibility.server";


export interface ProductTool {
  label: string;
  to: string;
}

/** The product's working pages this actor may open, in the order a team uses them. */
function productTools(actor: Actor | null, scope: ReturnType<typeof toProductScope>, slug: string): ProductTool[] {
  const base = `/produits/${slug}`;
  const tools: [boolean, ProductTool][] = [
    [can(actor, "product.read", scope), { label: "Indicateurs d'impact", to: `${base}/indicateurs` }],
    [can(actor, "indicator.write", scope), { label: "Saisir les valeurs du mois", to: `${base}/indicateurs/saisie` }],
    [can(actor, "indicator.write", scope), { label: "Importer des valeurs (CSV)", to: `${base}/indicateurs/import` }],
    [can(actor, "indicator.write", scope), { label: "Jetons d'API", to: `${base}/jetons` }],
    [
      can(actor, "product.readInternal", scope),
      { label: can(actor, "team.manage", scope) ? "Gérer l'équipe" : "Toute l'équipe", to: `${base}/equipe` },
    ],
    [can(actor, "funding.read", scope), { label: "Financement", to: `${base}/financement` }],
    [
      can(actor, "product.readInternal", scope),
      {
        label: can(actor, "product.correctHistory", scope) ? "Corriger l'historique des phases" : "Historique des phases",
        to: `${base}/phases`,
      },
    ],
  ];
  return tools.filter(([allowed]) => allowed).map(([, tool]) => tool);
}

type SheetScalars = Prisma.ProductGetPayload<{
  select: typeof PROFILE_SELECT & { id: true; slug: true; name: true; isPublic: true; primaryIncubatorId: true; updatedAt: true };
}>;

/** A product as its page and its committee dossier read it, in the shape Prisma would give (days at UTC midnight). */
export interface ProductSheet extends SheetScalars {
  primaryIncubator: { slug: string; name: string; reviewIntervalMonths: number };
  coIncubators: { incubatorId: string; incubator: { slug: string; name: string } }[];
  sponsors: { organisationId: string; organisation: { slug: string; name: string; acronym: string | null } }[];
  roleAssignments: { id: string; title: string | null; isIntrapreneur: boolean; user: { name: string } }[];
  phases: { phase: string; startDate: Date; endDate: Date | null }[];
  events: { id: string; kind: string; date: Date; comment: string | null }[];
}

type JsonRow = Omit<ProductSheet, "phases" | "events"> & {
  phases: { phase: string; startDate: string; endDate: string | null }[];
  events: { id: string; kind: string; date: string; comment: string | null }[];
};

/**
 * The product and everything of it its page shows, with the team on `today`, in one statement: as a
 * Prisma query with its relations it took ten, and this page is the one the network reads most.
 */
export async function readProductSheet(key: { slug: string } | { id: string }, today: Date): Promise<ProductSheet | null> {
  const where = "slug" in key ? Prisma.sql`p.slug = ${key.slug}` : Prisma.sql`p.id = ${key.id}::uuid`;
  const [row] = await db().$queryRaw<JsonRow[]>`
    SELECT p.id, p.slug, p.name, p.pitch, p.description, p."websiteUrl", p."repositoryUrl", p."statsUrl", p."budgetUrl",
      p."accessibilityStatus"::text AS "accessibilityStatus", p."securityApproach", p."openSource", p."usesDsfr",
      p."isPublic", p."primaryIncubatorId", p."updatedAt",
      json_build_object('slug', i.slug, 'name', i.name, 'reviewIntervalMonths', i."reviewIntervalMonths") AS "primaryIncubator",
      (SELECT coalesce(json_agg(json_build_object('incubatorId', c."incubatorId", 'incubator', json_build_object('slug', ci.slug, 'name', ci.name))), '[]')
         FROM "ProductIncubator" c JOIN "Incubator" ci ON ci.id = c."incubatorId" WHERE c."productId" = p.id) AS "coIncubators",
      (SELECT coalesce(json_agg(json_build_object('organisationId', s."organisationId",
                'organisation', json_build_object('slug', o.slug, 'name', o.name, 'acronym', o.acronym))), '[]')
         FROM "ProductSponsor" s JOIN "Organisation" o ON o.id = s."organisationId" WHERE s."productId" = p.id) AS "sponsors",
      -- The current team: people whose assignment has not ended.
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'title', r.title, 'isIntrapreneur', r."isIntrapreneur",
                'user', json_build_object('name', u.name))), '[]')
         FROM "RoleAssignment" r JOIN "User" u ON u.id = r."userId"
         WHERE r."productId" = p.id AND r.role = 'team_member' AND (r."endDate" IS NULL OR r."endDate" >= ${isoDay(today)}::date)) AS "roleAssignments",
      (SELECT coalesce(json_agg(json_build_object('phase', e.phase, 'startDate', e."startDate", 'endDate', e."endDate")), '[]')
         FROM "PhaseEntry" e WHERE e."productId" = p.id) AS "phases",
      -- Milestones are public: the network publishes them with the product.
      (SELECT coalesce(json_agg(json_build_object('id', v.id, 'kind', v.kind, 'date', v.date, 'comment', v.comment)
                ORDER BY v.date, v."createdAt"), '[]')
         FROM "ProductEvent" v WHERE v."productId" = p.id) AS "events"
    FROM "Product" p JOIN "Incubator" i ON i.id = p."primaryIncubatorId"
    WHERE ${where}`;
  if (!row) return null;
  // JSON carries the days as "2024-03-12", which Date reads as UTC midnight, as Prisma gives them.
  return {
    ...row,
    phases: row.phases.map((e) => ({ ...e, startDate: new Date(e.startDate), endDate: e.endDate === null ? null : new Date(e.endDate) })),
    events: row.events.map((e) => ({ ...e, date: new Date(e.date) })),
  };
}

/** The product page, or null when no product has this slug or the actor may not see it. */
export async function loadProductPage(actor: Actor | null, slug: string, asOf: Date = new Date()) {
  const today = parisDay(asOf);
  const product = await readProductSheet({ slug }, today);
  // A product one may not read is answered as missing: its existence is not disclosed.
  if (!product) return null;
  const scope = toProductScope(product);
  if (!can(actor, "product.read", scope)) return null;
  const internal = can(actor, "product.readInternal", scope);
  const readsFunding = can(actor, "funding.read", scope);
  // The runway and the cost per use are computed from the same funding rows: read once.
  const funding = readsFunding || internal ? readFundingRows(product.id) : undefined;
  // Everything below depends on the product only: read at once.
  const [nextDossier, decisions, conditions, runway, indicatorRows] = await Promise.all([
    nextSessionDossier(actor, scope, asOf),
    productDecisions(product.id, internal, asOf),
    internal ? productConditions(product.id, asOf) : [],
    readsFunding ? loadRunway(product.id, asOf, funding) : null,
    readProductIndicators(product.id, internal, asOf, funding),
  ]);
  const review = internal
    ? reviewSummary(
        { phases: product.phases, decisions: decisions.rows, reviewIntervalMonths: product.primaryIncubator.reviewIntervalMonths },
        asOf,
      )
    : null;

  const timeline: TimelineStep[] = phaseSegments(toPhaseHistory(product.phases), asOf).map((segment) => ({
    ...segment,
    until: segment.end ?? asOf,
    durationStatus: timeInPhase(segment, asOf).status,
  }));

  return {
    slug: product.slug,
    name: product.name,
    pitch: product.pitch,
    /** Rendered here, on the server, by the one renderer that makes Markdown safe to insert. */
    descriptionHtml: product.description.trim() === "" ? null : renderMarkdown(product.description),
    updatedAt: product.updatedAt,
    // Each page checks again: these only decide which ways there to show.
    mayEdit: can(actor, "product.editProfile", scope),
    tools: productTools(actor, scope, product.slug),
    nextDossier,
    review,
    /** Until when the granted money lasts, and the 45-day flag; null for those who may not read funding. */
    runway: runway && runwaySummary(runway),
    conditions,
    decisions: decisions.list,
    /** The public reads published decisions only (with their public rationale). */
    publishedDecisionsOnly: !internal,
    indicators: productIndicatorsView(indicatorRows, { phases: product.phases, decisions: decisions.rows }),
    links: {
      website: webUrl(product.websiteUrl),
      repository: webUrl(product.repositoryUrl),
      stats: webUrl(product.statsUrl),
      budget: webUrl(product.budgetUrl),
    },
    quality: {
      accessibilityStatus: product.accessibilityStatus,
      securityApproach: product.securityApproach,
      openSource: product.openSource,
      usesDsfr: product.usesDsfr,
    },
    primaryIncubator: { slug: product.primaryIncubator.slug, name: product.primaryIncubator.name },
    coIncubators: product.coIncubators
      .map((c) => c.incubator)
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    sponsors: product.sponsors
      .map((s) => s.organisation)
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    team: product.roleAssignments
      .map((r) => ({ id: r.id, name: r.user.name, title: r.title, isIntrapreneur: r.isIntrapreneur }))
      // Intrapreneurs first: they own the product.
      .sort((a, b) => Number(b.isIntrapreneur) - Number(a.isIntrapreneur) || a.name.localeCompare(b.name, "fr")),
    timeline,
    milestones: product.events.map((e) => ({ ...e, kind: e.kind as EventKind })),
  };
}
