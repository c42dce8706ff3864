// Everything the public page of one product shows, with its phase timeline.
import { can, type Actor } from "~/auth/permissions";
import { phaseSegments, timeInPhase, type DurationStatus, type PhaseSegment } from "~/domain/phases";
import { day, isoDay } from "~/domain/days";
import { db } from "~/db.server";
import { webUrl } from "~/ui/web-url";
import { phaseHistorySelect, toPhaseHistory } from "./phase-history.server";
import { productScopeSelect, toProductScope } from "./visibility.server";

interface TimelineStep extends PhaseSegment {
  /** Where the duration is measured to: the end, or `asOf` while the phase goes on. */
  until: Date;
  durationStatus: DurationStatus;
}

/** The product page, or null when no product has this slug or the actor may not see it. */
export async function loadProductPage(actor: Actor | null, slug: string, asOf: Date = new Date()) {
  const today = day(isoDay(asOf));
  const product = await db().product.findUnique({
    where: { slug },
    select: {
      ...productScopeSelect,
      slug: true,
      name: true,
      pitch: true,
      description: true,
      websiteUrl: true,
      repositoryUrl: true,
      statsUrl: true,
      budgetUrl: true,
      accessibilityStatus: true,
      securityApproach: true,
      openSource: true,
      usesDsfr: true,
      primaryIncubator: { select: { slug: true, name: true } },
      coIncubators: { select: { incubatorId: true, incubator: { select: { slug: true, name: true } } } },
      sponsors: { select: { organisationId: true, organisation: { select: { slug: true, name: true, acronym: true } } } },
      // The current team: people whose assignment has not ended.
      roleAssignments: {
        where: { role: "team_member", OR: [{ endDate: null }, { endDate: { gte: today } }] },
        select: { id: true, title: true, isIntrapreneur: true, user: { select: { name: true } } },
      },
      phases: { select: phaseHistorySelect },
    },
  });
  // A product one may not read is answered as missing: its existence is not disclosed.
  if (!product || !can(actor, "product.read", toProductScope(product))) return null;

  const timeline: TimelineStep[] = phaseSegments(toPhaseHistory(product.phases), asOf).map((segment) => ({
    ...segment,
    until: segment.end ?? asOf,
    durationStatus: timeInPhase(segment, asOf).status,
  }));

  return {
    slug: product.slug,
    name: product.name,
    pitch: product.pitch,
    description: product.description,
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
  };
}
