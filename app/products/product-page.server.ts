// Everything the public page of one product shows, with its phase timeline.
import { phaseSegments, timeInPhase, type DurationStatus, type PhaseSegment } from "~/domain/phases";
import { day, isoDay } from "~/domain/days";
import { db } from "~/db.server";
import { webUrl } from "~/ui/web-url";
import { phaseHistorySelect, toPhaseHistory } from "./phase-history.server";

interface TimelineStep extends PhaseSegment {
  /** Where the duration is measured to: the end, or `asOf` while the phase goes on. */
  until: Date;
  durationStatus: DurationStatus;
}

/** The product page, or null when no public product has this slug. */
export async function loadProductPage(slug: string, asOf: Date = new Date()) {
  const today = day(isoDay(asOf));
  // No one signs in yet: every visitor is the public, who sees public products only.
  const product = await db().product.findFirst({
    where: { slug, isPublic: true },
    select: {
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
      coIncubators: { select: { incubator: { select: { slug: true, name: true } } } },
      sponsors: { select: { organisation: { select: { slug: true, name: true, acronym: true } } } },
      // The current team: people whose assignment has not ended.
      roleAssignments: {
        where: { role: "team_member", OR: [{ endDate: null }, { endDate: { gte: today } }] },
        select: { id: true, title: true, isIntrapreneur: true, user: { select: { name: true } } },
      },
      phases: { select: phaseHistorySelect },
    },
  });
  if (!product) return null;

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
