// What a committee reads about a product: the format of a dossier's content, and of the snapshot
// frozen into `Dossier.snapshot` when the team submits it. Plain JSON (dates as ISO strings, amounts
// in euros as numbers, sentences already worded), so that a snapshot reads the same in ten years
// whatever the live data and the wording rules have become. `format` names this shape: a change that
// old snapshots do not satisfy is a new format, read beside the old one, never a rewrite of them.
import { z } from "zod";
import { PHASES } from "~/domain/phases";
import { ConditionStatus, Direction, Frequency, ImpactLevel, IndicatorKind, Outcome, ValueStatus } from "~/generated/prisma/enums";
import { DossierSectionsSchema } from "./dossier-sections";

export const DOSSIER_CONTENT_FORMAT = 1;

const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const euros = z.number();

const FundingRowSchema = z.object({
  year: z.number().int(),
  funder: z.string(),
  granted: euros,
  committed: euros,
  paid: euros,
  requested: euros,
});

const IndicatorSchema = z.object({
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  level: z.enum(ImpactLevel),
  kind: z.enum(IndicatorKind),
  direction: z.enum(Direction),
  frequency: z.enum(Frequency),
  baseline: z.object({ value: z.number(), date: day.nullable() }).nullable(),
  series: z.array(z.object({ periodStart: day, value: z.number(), status: z.enum(ValueStatus) })),
  targets: z.array(z.object({ dueDate: day, value: z.number() })),
  /** The attainment of the next target (or of the last one, when all are past), as a status code. */
  attainment: z.enum(["no-target", "not-measured", "reached", "on-track", "off-track", "met", "missed"]),
  /** The sentence the product page shows: latest value, trend, target and attainment. */
  summary: z.string(),
});

export const DossierContentSchema = z.object({
  format: z.literal(DOSSIER_CONTENT_FORMAT),
  /** When the live data was read. */
  builtAt: instant,
  session: z.object({ id: z.string(), title: z.string(), startsAt: instant, incubator: z.string() }),
  product: z.object({
    slug: z.string(),
    name: z.string(),
    pitch: z.string(),
    primaryIncubator: z.string(),
    coIncubators: z.array(z.string()),
    sponsors: z.array(z.string()),
  }),
  /** The phase the product is in when the dossier is built; null without a phase history. */
  phase: z
    .object({
      phase: z.enum(PHASES),
      since: day,
      days: z.number().int(),
      durationStatus: z.enum(["short", "typical", "long", "open-ended"]),
    })
    .nullable(),
  team: z.array(z.object({ name: z.string(), title: z.string().nullable(), isIntrapreneur: z.boolean() })),
  funding: z.object({
    /** One row per year and funder, oldest year first. */
    rows: z.array(FundingRowSchema),
    totals: FundingRowSchema.omit({ year: true, funder: true }),
  }),
  indicators: z.array(IndicatorSchema),
  /** Committee decisions and phase changes, marked on the indicators' charts. */
  markers: z.object({
    decisions: z.array(z.object({ date: day, outcome: z.enum(Outcome), targetPhase: z.string().nullable() })),
    phases: z.array(z.object({ date: day, phase: z.enum(PHASES) })),
  }),
  health: z.object({
    indicators: z.number().int(),
    onTrack: z.number().int(),
    offTrack: z.number().int(),
    noTarget: z.number().int(),
    notMeasured: z.number().int(),
    overdue: z.number().int(),
    hasImpactIndicator: z.boolean(),
  }),
  costPerUse: z.object({
    /** Euros per monthly active user; null when it cannot be computed (`description` says why). */
    euros: z.number().nullable(),
    description: z.string(),
    budgetSource: z.string().nullable(),
    /** Since the previous committee; null when the product never had one. */
    change: z
      .object({ direction: z.enum(["improving", "worsening", "unchanged"]).nullable(), description: z.string() })
      .nullable(),
  }),
  /** The latest decision before this session (a corrected decision gives way to its correction). */
  previousDecision: z
    .object({
      decidedOn: day,
      sessionTitle: z.string().nullable(),
      outcome: z.enum(Outcome),
      targetPhase: z.string().nullable(),
      rationale: z.string(),
      budgetEuros: euros.nullable(),
      budgetFunder: z.string().nullable(),
      nextReviewDate: day.nullable(),
      conditions: z.array(
        z.object({
          description: z.string(),
          ownerName: z.string().nullable(),
          dueDate: day.nullable(),
          status: z.enum(ConditionStatus),
          resolvedAt: instant.nullable(),
        }),
      ),
    })
    .nullable(),
  /** What the team committed to at the previous committee: the yardstick of this one's results. */
  previousObjectives: z
    .object({
      sessionTitle: z.string(),
      sessionStartsAt: instant,
      version: z.number().int(),
      successCriteria: z.string(),
      hypotheses: z.string(),
    })
    .nullable(),
  sections: DossierSectionsSchema,
});
export type DossierContent = z.output<typeof DossierContentSchema>;
export type DossierIndicator = DossierContent["indicators"][number];
export type FundingRow = DossierContent["funding"]["rows"][number];
export type PreviousObjectives = NonNullable<DossierContent["previousObjectives"]>;

/** Reads a stored snapshot; a snapshot that is not one of the known formats is a bug to hear about. */
export function readSnapshot(stored: unknown): DossierContent {
  return DossierContentSchema.parse(stored);
}
