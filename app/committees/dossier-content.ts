// What a committee reads about a product: the format of a dossier's content, and of the snapshot
// frozen into `Dossier.snapshot` when the team submits it. Plain JSON (dates as ISO strings, amounts
// in euros as numbers, sentences already worded), so that a snapshot reads the same in ten years
// whatever the live data and the wording rules have become. `format` names this shape: a change that
// old snapshots do not satisfy is a new format, read beside the old one, never a rewrite of them.
import { z } from "zod";
import { PHASES } from "~/domain/phases";
import {
  BudgetNature,
  ConditionStatus,
  Direction,
  EnvelopeStatus,
  FundingOrigin,
  Frequency,
  ImpactLevel,
  IndicatorKind,
  Outcome,
  ValueStatus,
} from "~/generated/prisma/enums";
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

/** Funding as dossiers had it before envelopes and budget statements: one row per year and funder. */
const LegacyFundingSchema = z.object({
  /** One row per year and funder, oldest year first. */
  rows: z.array(FundingRowSchema),
  totals: FundingRowSchema.omit({ year: true, funder: true }),
});

/** The product's envelopes, each funder's share of the granted money, and AE/CP per year. */
const FundingSchema = z.object({
  /** Oldest first. */
  envelopes: z.array(
    z.object({
      funder: z.string(),
      amount: euros,
      startDate: day,
      endDate: day,
      origin: z.enum(FundingOrigin),
      status: z.enum(EnvelopeStatus),
      /** Granted by a committee decision. */
      fromDecision: z.boolean(),
    }),
  ),
  totals: z.object({ granted: euros, requested: euros, fast: euros }),
  /** Largest share first; `share` in basis points (10 000 = 100 %). */
  shares: z.array(z.object({ funder: z.string(), granted: euros, share: z.number().int() })),
  /** The current budget statement of each year (the actual when there is one, else the forecast). */
  budget: z.array(z.object({ year: z.number().int(), nature: z.enum(BudgetNature), committed: euros, paid: euros })),
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
  // Snapshots frozen before envelopes keep their table: both read under format 1.
  funding: z.union([FundingSchema, LegacyFundingSchema]),
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
export type DossierFunding = z.output<typeof FundingSchema>;
export type LegacyDossierFunding = z.output<typeof LegacyFundingSchema>;
export type PreviousObjectives = NonNullable<DossierContent["previousObjectives"]>;

/** Reads a stored snapshot; a snapshot that is not one of the known formats is a bug to hear about. */
export function readSnapshot(stored: unknown): DossierContent {
  return DossierContentSchema.parse(stored);
}
