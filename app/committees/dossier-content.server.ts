// Builds a product's dossier for a committee session from live data: identity, phase, team, funding,
// indicators with their health, cost per use, the previous decision with its conditions, the
// objectives set at the previous committee, and the team's own sections. A draft is built afresh on
// every reading; a submission freezes what this returns into `Dossier.snapshot`.
import { can, type Actor } from "~/auth/permissions";
import { db } from "~/db.server";
import { isoDay } from "~/domain/days";
import { fundingTotals } from "~/domain/funding";
import { sumCents, toCents } from "~/domain/money";
import { parisToday } from "~/domain/entry-periods";
import { phaseSegments, timeInPhase } from "~/domain/phases";
import {
  describeBudgetSource,
  describeCostChange,
  describeCostPerUse,
  describeIndicator,
} from "~/indicators/indicator-wording";
import { productIndicatorsView, readProductIndicators } from "~/indicators/product-indicators.server";
import { toPhaseHistory } from "~/products/phase-history.server";
import { readProductSheet } from "~/products/product-page.server";
import { toProductScope } from "~/products/visibility.server";
import { organisationName } from "~/ui/organisation-name";
import { DOSSIER_CONTENT_FORMAT, type DossierContent, type DossierFunding, type PreviousObjectives } from "./dossier-content";
import { readSections, type DossierSections } from "./dossier-sections";

/** The session a dossier is written for. */
export interface DossierSession {
  id: string;
  title: string;
  startsAt: Date;
  incubator: { name: string };
}

const byName = (a: string, b: string) => a.localeCompare(b, "fr");

const inEuros = (cents: number) => cents / 100;

/**
 * The product's envelopes with each funder's share of the granted money, and AE/CP per year from
 * its current budget statements (the actual of a closed year, else the year's forecast).
 */
async function dossierFunding(productId: string): Promise<DossierFunding> {
  const [envelopes, statements] = await Promise.all([
    db().fundingEnvelope.findMany({
      where: { productId },
      select: {
        funderId: true,
        amount: true,
        startDate: true,
        endDate: true,
        origin: true,
        status: true,
        decisionId: true,
        funder: { select: { name: true, acronym: true } },
      },
      orderBy: [{ startDate: "asc" }, { createdAt: "asc" }],
    }),
    db().budgetStatement.findMany({
      where: { productId, supersededAt: null },
      select: { year: true, nature: true, lines: { select: { committed: true, paid: true } } },
      orderBy: [{ year: "asc" }, { nature: "asc" }],
    }),
  ]);
  const totals = fundingTotals(envelopes.map((e) => ({ ...e, cents: toCents(e.amount) })));
  const funderName = new Map(envelopes.map((e) => [e.funderId, organisationName(e.funder)]));
  const budget = new Map<number, DossierFunding["budget"][number]>();
  for (const statement of statements) {
    // "actual" sorts before "forecast": a year's actual wins.
    if (budget.has(statement.year)) continue;
    budget.set(statement.year, {
      year: statement.year,
      nature: statement.nature,
      committed: inEuros(sumCents(statement.lines.map((l) => toCents(l.committed)))),
      paid: inEuros(sumCents(statement.lines.map((l) => toCents(l.paid)))),
    });
  }
  return {
    envelopes: envelopes.map((e) => ({
      funder: funderName.get(e.funderId) ?? "",
      amount: inEuros(toCents(e.amount)),
      startDate: isoDay(e.startDate),
      endDate: isoDay(e.endDate),
      origin: e.origin,
      status: e.status,
      fromDecision: e.decisionId !== null,
    })),
    totals: { granted: inEuros(totals.granted), requested: inEuros(totals.requested), fast: inEuros(totals.fast) },
    shares: totals.shares.map((s) => ({
      funder: funderName.get(s.funderId) ?? "",
      granted: inEuros(s.cents),
      share: s.basisPoints,
    })),
    budget: [...budget.values()],
  };
}

/**
 * What the team committed to at the product's previous committee: the success criteria of the last
 * version submitted for an earlier session. Null for a first committee.
 */
export async function previousObjectives(productId: string, session: Pick<DossierSession, "startsAt">): Promise<PreviousObjectives | null> {
  const previous = await db().dossier.findFirst({
    where: { productId, status: "submitted", session: { startsAt: { lt: session.startsAt } } },
    orderBy: [{ session: { startsAt: "desc" } }, { version: "desc" }],
    select: { version: true, sections: true, session: { select: { title: true, startsAt: true } } },
  });
  if (!previous) return null;
  const sections = readSections(previous.sections);
  return {
    sessionTitle: previous.session.title,
    sessionStartsAt: previous.session.startsAt.toISOString(),
    version: previous.version,
    successCriteria: sections.askSuccessCriteria,
    hypotheses: sections.askHypotheses,
  };
}

/** The latest decision taken before this session; a corrected decision gives way to its correction. */
async function previousDecision(productId: string, session: DossierSession): Promise<DossierContent["previousDecision"]> {
  const decision = await db().decision.findFirst({
    where: {
      productId,
      correctedBy: { is: null },
      decidedOn: { lte: parisToday(session.startsAt) },
      OR: [{ sessionId: null }, { sessionId: { not: session.id } }],
    },
    orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
    select: {
      decidedOn: true,
      outcome: true,
      targetPhase: true,
      rationale: true,
      budgetEuros: true,
      budgetFunder: { select: { name: true, acronym: true } },
      nextReviewDate: true,
      session: { select: { title: true } },
      conditions: {
        select: { description: true, ownerName: true, dueDate: true, status: true, resolvedAt: true },
        orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { description: "asc" }],
      },
    },
  });
  if (!decision) return null;
  return {
    decidedOn: isoDay(decision.decidedOn),
    sessionTitle: decision.session?.title ?? null,
    outcome: decision.outcome,
    targetPhase: decision.targetPhase,
    rationale: decision.rationale,
    budgetEuros: decision.budgetEuros === null ? null : Number(decision.budgetEuros),
    budgetFunder: decision.budgetFunder && organisationName(decision.budgetFunder),
    nextReviewDate: decision.nextReviewDate && isoDay(decision.nextReviewDate),
    conditions: decision.conditions.map((c) => ({
      description: c.description,
      ownerName: c.ownerName,
      dueDate: c.dueDate && isoDay(c.dueDate),
      status: c.status,
      resolvedAt: c.resolvedAt && c.resolvedAt.toISOString(),
    })),
  };
}

/**
 * The dossier of `productId` for `session` as of `asOf`, with the team's `sections`. `actor` is the
 * person it is built for (the team or the incubator's staff), who reads the product's internal data.
 */
export async function buildDossierContent(
  actor: Actor,
  productId: string,
  session: DossierSession,
  sections: DossierSections,
  asOf: Date = new Date(),
): Promise<DossierContent> {
  const today = parisToday(asOf);
  // The indicators are read as for the product's internal readers, alongside the product: its
  // author's right to read them is checked below, before anything is built from them.
  const [product, markedDecisions, indicatorRows, funding, decision, objectives] = await Promise.all([
    readProductSheet({ id: productId }, today),
    // The charts' markers.
    db().decision.findMany({
      where: { productId },
      select: { decidedOn: true, outcome: true, targetPhase: true, publishedAt: true, correctedBy: { select: { id: true } } },
    }),
    readProductIndicators(productId, true, asOf),
    dossierFunding(productId),
    previousDecision(productId, session),
    previousObjectives(productId, session),
  ]);
  if (!product) throw new Error(`No product ${productId}`);
  // The actor was allowed to write the dossier, hence to read the product's internal data: anything else is a bug.
  if (!can(actor, "product.readInternal", toProductScope(product))) {
    throw new Error("The dossier's author cannot read the product's internal data");
  }
  const indicators = productIndicatorsView(indicatorRows, { phases: product.phases, decisions: markedDecisions });

  const segment = phaseSegments(toPhaseHistory(product.phases), asOf).find((s) => s.current) ?? null;
  const time = segment && timeInPhase(segment, asOf);
  const { now, change } = indicators.costPerUse;

  return {
    format: DOSSIER_CONTENT_FORMAT,
    builtAt: asOf.toISOString(),
    session: { id: session.id, title: session.title, startsAt: session.startsAt.toISOString(), incubator: session.incubator.name },
    product: {
      slug: product.slug,
      name: product.name,
      pitch: product.pitch,
      primaryIncubator: product.primaryIncubator.name,
      coIncubators: product.coIncubators.map((c) => c.incubator.name).sort(byName),
      sponsors: product.sponsors.map((s) => organisationName(s.organisation)).sort(byName),
    },
    phase: segment && time && { phase: segment.phase, since: isoDay(segment.start), days: time.days, durationStatus: time.status },
    team: product.roleAssignments
      .map((r) => ({ name: r.user.name, title: r.title, isIntrapreneur: r.isIntrapreneur }))
      // Intrapreneurs first: they own the product.
      .sort((a, b) => Number(b.isIntrapreneur) - Number(a.isIntrapreneur) || byName(a.name, b.name)),
    funding,
    indicators: indicators.indicators.map((indicator) => ({
      name: indicator.name,
      description: indicator.description,
      unit: indicator.unit,
      level: indicator.level,
      kind: indicator.kind,
      direction: indicator.direction,
      frequency: indicator.frequency,
      baseline: indicator.baseline && {
        value: indicator.baseline.value,
        date: indicator.baseline.date && isoDay(indicator.baseline.date),
      },
      series: indicator.series.map((v) => ({ periodStart: isoDay(v.periodStart), value: v.value, status: v.status })),
      targets: indicator.targets.map((t) => ({ dueDate: isoDay(t.dueDate), value: t.value })),
      attainment: indicator.health.attainment.status,
      summary: describeIndicator(indicator),
    })),
    markers: {
      decisions: indicators.markers.decisions.map((m) => ({ date: isoDay(m.date), outcome: m.outcome, targetPhase: m.targetPhase })),
      phases: indicators.markers.phases.map((m) => ({ date: isoDay(m.date), phase: m.phase })),
    },
    health: indicators.summary,
    costPerUse: {
      euros: now.status === "computed" ? now.euros : null,
      description: describeCostPerUse(now),
      budgetSource: now.status === "computed" ? describeBudgetSource(now) : null,
      change: change && { direction: change.evolution?.direction ?? null, description: describeCostChange(change) },
    },
    previousDecision: decision,
    previousObjectives: objectives,
    sections,
  };
}
