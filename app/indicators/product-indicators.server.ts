// A product's impact indicators as its page and dossier show them: each series with its baseline,
// targets and health, the committee decisions and phase changes to mark on the charts, and cost per
// use with its change since the last committee. What a viewer may not read never leaves the
// database: the public gets public indicators, published decisions and no funding figures.
import { costPerUseAt, costPerUseChange, type CostInputs } from "~/domain/cost-per-use";
import { parisDay } from "~/domain/committee-calendar";
import { indicatorHealth, summarizeHealth, type Measurement } from "~/domain/indicator-health";
import { isoDay } from "~/domain/days";
import { isPhase, type Phase } from "~/domain/phases";
import { db } from "~/db.server";
import { annualFunding, readFundingRows, type FundingRows } from "~/funding/annual-funding.server";
import type { Direction, Frequency, ImpactLevel, IndicatorKind, Outcome, ValueStatus } from "~/generated/prisma/enums";

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

/** What the charts mark, read with the product: its phases, and its decisions with whether a correction replaced them. */
export interface MarkerSources {
  phases: readonly { phase: string; startDate: Date }[];
  decisions: readonly {
    decidedOn: Date;
    outcome: Outcome;
    targetPhase: string | null;
    publishedAt: Date | null;
    correctedBy: { id: string } | null;
  }[];
}

interface IndicatorJsonRow {
  id: string;
  name: string;
  description: string;
  unit: string;
  level: ImpactLevel;
  kind: IndicatorKind;
  direction: Direction;
  frequency: Frequency;
  matrixCode: string | null;
  isPublic: boolean;
  baselineValue: number | null;
  baselineDate: Date | null;
  createdAt: Date;
  /** [due day, value], by due day. */
  targets: [string, number][];
  /** [period's first day, value, status], by period. */
  values: [string, number, ValueStatus][];
}

/**
 * The live indicators with their targets and values up to `today`, in one statement: a product has
 * hundreds of values, which Prisma's three queries and their objects made the page's slowest part.
 * Days come as "2024-03-12" in JSON, read as UTC midnight as Prisma gives `@db.Date` columns.
 */
async function readIndicators(productId: string, internal: boolean, today: Date) {
  const rows = await db().$queryRaw<IndicatorJsonRow[]>`
    SELECT i.id, i.name, i.description, i.unit, i.level::text AS level, i.kind::text AS kind,
      i.direction::text AS direction, i.frequency::text AS frequency, i."matrixCode", i."isPublic",
      i."baselineValue", i."baselineDate", i."createdAt",
      (SELECT coalesce(json_agg(json_build_array(t."dueDate", t.value) ORDER BY t."dueDate"), '[]')
         FROM "IndicatorTarget" t WHERE t."indicatorId" = i.id) AS "targets",
      (SELECT coalesce(json_agg(json_build_array(v."periodStart", v.value, v.status) ORDER BY v."periodStart"), '[]')
         FROM "IndicatorValue" v WHERE v."indicatorId" = i.id AND v."periodStart" <= ${isoDay(today)}::date) AS "values"
    FROM "Indicator" i
    WHERE i."productId" = ${productId}::uuid AND i."archivedAt" IS NULL AND (${internal} OR i."isPublic")
    ORDER BY i."createdAt", i.name`;
  return rows.map((row) => ({
    ...row,
    targets: row.targets.map(([dueDate, value]) => ({ value, dueDate: new Date(dueDate) })),
    values: row.values.map(([periodStart, value, status]) => ({ periodStart: new Date(periodStart), value, status })),
  }));
}

/**
 * The rows behind a product's indicators, for a reader already allowed to read the product:
 * `internal` readers get every live indicator and the funding figures, the public public ones only.
 * A page that also shows the runway passes the funding rows it already reads.
 */
export async function readProductIndicators(
  productId: string,
  internal: boolean,
  asOf: Date = new Date(),
  fundingRows?: Promise<FundingRows>,
) {
  const today = parisDay(asOf);
  const [indicators, funding] = await Promise.all([
    readIndicators(productId, internal, today),
    // Funding is internal: the public's cost per use rests on public indicators only.
    internal ? (fundingRows ?? readFundingRows(productId)).then(annualFunding) : [],
  ]);

  return { asOf, today, internal, indicators, funding };
}

type IndicatorRows = Awaited<ReturnType<typeof readProductIndicators>>;

/** Series with their health, chart markers and cost per use, from the rows and the product's markers. */
export function productIndicatorsView({ asOf, today, internal, indicators, funding }: IndicatorRows, sources: MarkerSources) {
  const shown = indicators.map(({ createdAt, baselineValue, baselineDate, values, ...indicator }) => ({
    ...indicator,
    baseline: baselineValue === null ? null : { value: baselineValue, date: baselineDate },
    series: values,
    health: indicatorHealth({ ...indicator, baselineValue, baselineDate, createdAt, values }, today),
  }));

  // A corrected decision gives way to its correction; the public sees published decisions only.
  const decisions: DecisionMarker[] = sources.decisions
    .filter((d) => d.decidedOn <= today && d.correctedBy === null && (internal || (d.publishedAt !== null && d.publishedAt <= asOf)))
    .map((d) => ({ date: d.decidedOn, outcome: d.outcome, targetPhase: d.targetPhase }))
    .sort(byDate);
  const phases: PhaseMarker[] = sources.phases
    .flatMap((p) => (isPhase(p.phase) && p.startDate <= today ? [{ date: p.startDate, phase: p.phase }] : []))
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

export type ProductIndicators = ReturnType<typeof productIndicatorsView>;
export type ProductIndicator = ProductIndicators["indicators"][number];
