// A product's impact indicators as its page and dossier show them: each series with its baseline,
// targets and health, the committee decisions and phase changes to mark on the charts, and cost per
// use with its change since the last committee. What a viewer may not read never leaves the
// database: the public gets public indicators, published decisions and no funding figures.
import { can, type Actor } from "~/auth/permissions";
import { costPerUseAt, costPerUseChange, type CostInputs } from "~/domain/cost-per-use";
import { parisDay } from "~/domain/committee-calendar";
import { indicatorHealth, summarizeHealth, type Measurement } from "~/domain/indicator-health";
import { isPhase, type Phase } from "~/domain/phases";
import { db } from "~/db.server";
import { loadAnnualFunding } from "~/funding/annual-funding.server";
import type { Outcome } from "~/generated/prisma/enums";
import { productScopeSelect, toProductScope } from "~/products/visibility.server";

export interface DecisionMarker {
  date: Date;
  outcome: Outcome;
  targetPhase: string | null;
}

export interface PhaseMarker {
  date: Date;
  phase: Phase;
}

export interface ChartMarkers {
  decisions: DecisionMarker[];
  phases: PhaseMarker[];
}

const byDate = <T extends { date: Date }>(a: T, b: T) => a.date.getTime() - b.date.getTime();

/** Null when no product has this id or the actor may not read it. */
export async function loadProductIndicators(actor: Actor | null, productId: string, asOf: Date = new Date()) {
  const today = parisDay(asOf);
  const product = await db().product.findUnique({
    where: { id: productId },
    select: {
      ...productScopeSelect,
      phases: { where: { startDate: { lte: today } }, select: { phase: true, startDate: true } },
      decisions: {
        where: { decidedOn: { lte: today } },
        select: { decidedOn: true, outcome: true, targetPhase: true, publishedAt: true, correctedBy: { select: { id: true } } },
      },
    },
  });
  if (!product) return null;
  const scope = toProductScope(product);
  if (!can(actor, "product.read", scope)) return null;
  const internal = can(actor, "product.readInternal", scope);

  const [indicators, funding] = await Promise.all([
    db().indicator.findMany({
      where: { productId, archivedAt: null, ...(internal ? {} : { isPublic: true }) },
      select: {
        id: true,
        name: true,
        description: true,
        unit: true,
        level: true,
        kind: true,
        direction: true,
        frequency: true,
        matrixCode: true,
        isPublic: true,
        baselineValue: true,
        baselineDate: true,
        createdAt: true,
        targets: { select: { value: true, dueDate: true }, orderBy: { dueDate: "asc" } },
        values: {
          where: { periodStart: { lte: today } },
          select: { periodStart: true, value: true, status: true },
          orderBy: { periodStart: "asc" },
        },
      },
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    }),
    // Funding is internal: the public's cost per use rests on public indicators only.
    internal ? loadAnnualFunding(productId) : Promise.resolve([]),
  ]);

  const shown = indicators.map(({ createdAt, baselineValue, baselineDate, values, ...indicator }) => ({
    ...indicator,
    baseline: baselineValue === null ? null : { value: baselineValue, date: baselineDate },
    series: values,
    health: indicatorHealth({ ...indicator, baselineValue, baselineDate, createdAt, values }, today),
  }));

  // A corrected decision gives way to its correction; the public sees published decisions only.
  const decisions: DecisionMarker[] = product.decisions
    .filter((d) => d.correctedBy === null && (internal || (d.publishedAt !== null && d.publishedAt <= asOf)))
    .map((d) => ({ date: d.decidedOn, outcome: d.outcome, targetPhase: d.targetPhase }))
    .sort(byDate);
  const phases: PhaseMarker[] = product.phases
    .flatMap((p) => (isPhase(p.phase) ? [{ date: p.startDate, phase: p.phase }] : []))
    .sort(byDate);

  const seriesOf = (code: string): Measurement[] | null => shown.find((i) => i.matrixCode === code)?.series ?? null;
  const costInputs: CostInputs = {
    users: seriesOf("mau"),
    annualBudget: seriesOf("annual_budget"),
    funding,
  };

  return {
    asOf,
    indicators: shown,
    summary: summarizeHealth(shown),
    markers: { decisions, phases } satisfies ChartMarkers,
    costPerUse: {
      now: costPerUseAt(costInputs, today),
      change: costPerUseChange(costInputs, decisions.at(-1)?.date ?? null, today),
    },
  };
}

export type ProductIndicators = NonNullable<Awaited<ReturnType<typeof loadProductIndicators>>>;
export type ProductIndicator = ProductIndicators["indicators"][number];
