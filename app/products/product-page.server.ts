// Everything the public page of one product shows, with its phase timeline.
import { can, type Actor } from "~/auth/permissions";
import type { EventKind } from "~/domain/product-events";
import { productReviewStatus } from "~/committees/calendar.server";
import { productConditions } from "~/committees/conditions.server";
import { nextSessionDossier } from "~/committees/dossiers.server";
import { productDecisions } from "~/committees/product-decisions.server";
import { loadRunway } from "~/funding/envelopes.server";
import { runwaySummary } from "~/funding/runway-wording";
import { loadProductIndicators } from "~/indicators/product-indicators.server";
import { phaseSegments, timeInPhase } from "~/domain/phases";
import { day, isoDay } from "~/domain/days";
import { db } from "~/db.server";
import { webUrl } from "~/ui/web-url";
import { renderMarkdown } from "./markdown.server";
import type { TimelineStep } from "./phase-timeline";
import { phaseHistorySelect, toPhaseHistory } from "./phase-history.server";
import { PROFILE_SELECT } from "./product-form";
import { productScopeSelect, toProductScope } from "./visibility.server";


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

/** The product page, or null when no product has this slug or the actor may not see it. */
export async function loadProductPage(actor: Actor | null, slug: string, asOf: Date = new Date()) {
  const today = day(isoDay(asOf));
  const product = await db().product.findUnique({
    where: { slug },
    select: {
      ...productScopeSelect,
      ...PROFILE_SELECT,
      slug: true,
      name: true,
      updatedAt: true,
      primaryIncubator: { select: { slug: true, name: true } },
      coIncubators: { select: { incubatorId: true, incubator: { select: { slug: true, name: true } } } },
      sponsors: { select: { organisationId: true, organisation: { select: { slug: true, name: true, acronym: true } } } },
      // The current team: people whose assignment has not ended.
      roleAssignments: {
        where: { role: "team_member", OR: [{ endDate: null }, { endDate: { gte: today } }] },
        select: { id: true, title: true, isIntrapreneur: true, user: { select: { name: true } } },
      },
      phases: { select: phaseHistorySelect },
      // Milestones are public: the network publishes them with the product.
      events: { select: { id: true, kind: true, date: true, comment: true }, orderBy: [{ date: "asc" }, { createdAt: "asc" }] },
    },
  });
  // A product one may not read is answered as missing: its existence is not disclosed.
  if (!product) return null;
  const scope = toProductScope(product);
  if (!can(actor, "product.read", scope)) return null;
  const nextDossier = await nextSessionDossier(actor, scope, asOf);
  const internal = can(actor, "product.readInternal", scope);
  const [review, conditions, decisions, runway] = await Promise.all([
    internal ? productReviewStatus(product.id, asOf) : null,
    internal ? productConditions(product.id, asOf) : [],
    productDecisions(product.id, internal, asOf),
    can(actor, "funding.read", scope) ? loadRunway(product.id, asOf) : null,
  ]);

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
    decisions,
    /** The public reads published decisions only (with their public rationale). */
    publishedDecisionsOnly: !internal,
    indicators: await loadProductIndicators(actor, product.id, asOf),
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
    primaryIncubator: product.primaryIncubator,
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
