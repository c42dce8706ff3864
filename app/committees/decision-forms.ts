// The forms of a product's page in a session: a member's vote, the committee's decision (and its
// amendment), a condition's follow-up. One `choice` field says the outcome with its phase
// ("next_phase:acceleration"); the choices offered follow the product's current phase (outcomes.ts).
import { z } from "zod";
import { optionalDayField, optionalId, optionalText, type FieldErrors, type FormValues } from "~/admin/form-parsing";
import type { Option } from "~/admin/form-ui";
import { EXTENSION_MONTHS, type ExtensionMonths } from "~/domain/committee-calendar";
import { OUTCOME_LABELS } from "~/domain/committee-labels";
import { PHASE_LABELS } from "~/domain/labels";
import { allowedOutcomes } from "~/domain/outcomes";
import { isPhase, type Phase } from "~/domain/phases";
import { ConditionStatus, Outcome } from "~/generated/prisma/enums";
import { hasErrors, mergeErrors, optional, parseRows } from "./form-rows";

export const CONDITION_LIST = "conditions";
/** Condition rows a decision form offers. */
export const CONDITION_ROWS = 3;
const CONFLICT = "conflict";
const WITH_CONDITIONS = "conditions";

export interface Choice {
  outcome: Outcome;
  targetPhase: Phase | null;
  withConditions: boolean;
}

/** "next_phase:acceleration" → next phase to acceleration; null for anything else. */
export function parseChoice(value: string): Choice | null {
  const [outcome, detail, ...rest] = value.split(":");
  if (rest.length > 0 || !(outcome in Outcome)) return null;
  const o = outcome as Outcome;
  if (o === "next_phase") return detail && isPhase(detail) ? { outcome: o, targetPhase: detail, withConditions: false } : null;
  if (o === "continue" && detail === WITH_CONDITIONS) return { outcome: o, targetPhase: null, withConditions: true };
  return detail === undefined ? { outcome: o, targetPhase: null, withConditions: false } : null;
}

export function choiceValue(choice: { outcome: Outcome; targetPhase: Phase | null; withConditions?: boolean }): string {
  if (choice.outcome === "next_phase" && choice.targetPhase) return `next_phase:${choice.targetPhase}`;
  return choice.outcome === "continue" && choice.withConditions ? `continue:${WITH_CONDITIONS}` : choice.outcome;
}

/** The decisions open to a product in `current`, as select options. */
export function decisionOptions(current: Phase | null): Option[] {
  return allowedOutcomes(current).flatMap(({ outcome, targets }): Option[] => {
    if (outcome === "next_phase") return targets.map((t) => ({ value: `next_phase:${t}`, label: `Passer en phase « ${PHASE_LABELS[t]} »` }));
    if (outcome === "stop") return [{ value: outcome, label: `Arrêter (phase « ${PHASE_LABELS[targets[0]]} »)` }];
    return [{ value: outcome, label: OUTCOME_LABELS[outcome] }];
  });
}

/** A member's choices: the decisions, "continue with conditions", and the conflict of interest. */
export function voteOptions(current: Phase | null): Option[] {
  const decisions = decisionOptions(current);
  if (decisions.length === 0) return [];
  const [first, ...others] = decisions;
  return [
    first,
    { value: `continue:${WITH_CONDITIONS}`, label: "Poursuivre, avec des conditions" },
    ...others,
    { value: CONFLICT, label: "Je déclare un conflit d'intérêts et je m'abstiens" },
  ];
}

export const VOTE_FIELD_LABELS: Record<string, string> = { choice: "Votre vote", comment: "Commentaire (facultatif)" };

const CHOOSE = "Choisissez une proposition dans la liste.";

export const VoteSchema = z
  .object({
    choice: z.string({ error: CHOOSE }).min(1, CHOOSE),
    comment: optionalText(2000),
  })
  .transform((form, ctx) => {
    const comment = form.comment ?? null;
    if (form.choice === CONFLICT) return { choice: null, comment };
    const choice = parseChoice(form.choice);
    if (!choice) {
      ctx.addIssue({ code: "custom", path: ["choice"], message: CHOOSE });
      return z.NEVER;
    }
    return { choice, comment };
  });

export type VoteInput = z.output<typeof VoteSchema>;

export const DECISION_FIELD_LABELS: Record<string, string> = {
  choice: "Décision",
  extensionMonths: "Durée de la prolongation",
  nextReviewDate: "Prochaine revue (facultatif)",
  budgetEuros: "Budget accordé, en euros (facultatif)",
  budgetFunderId: "Financeur (facultatif)",
  budgetFrom: "Début de la période financée (facultatif)",
  budgetTo: "Fin de la période financée (facultatif)",
  publicRationale: "Motivation publique (facultatif)",
  rationale: "Notes internes (facultatif)",
  reason: "Motif de l'amendement",
};

const euros = z
  .string()
  .transform((value, ctx) => {
    const cleaned = value.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) {
      ctx.addIssue({ code: "custom", message: "Indiquez un montant en euros, par exemple 250 000 ou 12 500,50." });
      return z.NEVER;
    }
    return cleaned;
  });

const ConditionRowSchema = z.object({
  description: z
    .string({ error: "Décrivez la condition." })
    .trim()
    .min(1, "Décrivez la condition.")
    .max(1000, "Ce texte est trop long : 1000 caractères au plus."),
  ownerName: optionalText(200),
  dueDate: optionalDayField("Indiquez une échéance valide, ou laissez le champ vide."),
});

const REASON_MIN_LENGTH = 10;
const REASON = `Indiquez le motif de l'amendement, en ${REASON_MIN_LENGTH} caractères au moins : il est conservé dans le journal.`;

const DecisionFieldsSchema = z
  .object({
    choice: z.string({ error: CHOOSE }).transform((value, ctx) => {
      const choice = parseChoice(value);
      if (!choice || choice.withConditions) {
        ctx.addIssue({ code: "custom", message: CHOOSE });
        return z.NEVER;
      }
      return choice;
    }),
    extensionMonths: optional(
      z.enum(EXTENSION_MONTHS.map(String) as ["1", "2"], { error: "Choisissez une prolongation d'un ou de deux mois." }),
    ),
    nextReviewDate: optionalDayField("Indiquez une date de revue valide, ou laissez le champ vide."),
    budgetEuros: optional(euros),
    budgetFunderId: optionalId("Choisissez le financeur dans la liste."),
    budgetFrom: optionalDayField("Indiquez une date de début valide, ou laissez le champ vide."),
    budgetTo: optionalDayField("Indiquez une date de fin valide, ou laissez le champ vide."),
    publicRationale: optionalText(4000),
    rationale: optionalText(4000),
    reason: optionalText(1000),
  })
  .superRefine((f, ctx) => {
    if (f.budgetFrom && f.budgetTo && f.budgetTo < f.budgetFrom) {
      ctx.addIssue({ code: "custom", path: ["budgetTo"], message: "La fin de la période financée doit suivre son début." });
    }
    if (f.budgetEuros !== undefined && !f.budgetFunderId) {
      ctx.addIssue({ code: "custom", path: ["budgetFunderId"], message: "Indiquez qui finance le budget accordé." });
    }
  });

export interface DecisionInput {
  outcome: Outcome;
  targetPhase: Phase | null;
  extensionMonths: ExtensionMonths | null;
  nextReviewDate: Date | null;
  /** A decimal in a string ("250000.50"), as the database keeps it exactly. */
  budgetEuros: string | null;
  budgetFunderId: string | null;
  budgetFrom: Date | null;
  budgetTo: Date | null;
  publicRationale: string | null;
  rationale: string;
  conditions: Array<{ description: string; ownerName: string | null; dueDate: Date | null }>;
}

export type ParsedDecisionForm =
  | { success: true; data: DecisionInput; reason: string | null; values: FormValues }
  | { success: false; errors: FieldErrors; values: FormValues };

/** A decision form, or an amendment's (which also needs its reason). */
export function parseDecisionForm(values: FormValues, { amendment }: { amendment: boolean }): ParsedDecisionForm {
  const fields = DecisionFieldsSchema.safeParse(values);
  const fieldErrors = fields.success ? {} : (z.flattenError(fields.error).fieldErrors as FieldErrors);
  const conditions = parseRows(values, CONDITION_LIST, ConditionRowSchema, (row) => (row.description ?? "").trim() === "");
  const reason = fields.success ? (fields.data.reason ?? "") : "";
  const reasonErrors: FieldErrors = amendment && fields.success && reason.length < REASON_MIN_LENGTH ? { reason: [REASON] } : {};
  const errors = mergeErrors(fieldErrors, conditions.errors, reasonErrors);
  if (!fields.success || hasErrors(errors)) return { success: false, errors, values };
  const f = fields.data;
  return {
    success: true,
    values,
    reason: amendment ? reason : null,
    data: {
      outcome: f.choice.outcome,
      targetPhase: f.choice.targetPhase,
      extensionMonths: f.extensionMonths ? (Number(f.extensionMonths) as ExtensionMonths) : null,
      nextReviewDate: f.nextReviewDate ?? null,
      budgetEuros: f.budgetEuros ?? null,
      budgetFunderId: f.budgetFunderId ?? null,
      budgetFrom: f.budgetFrom ?? null,
      budgetTo: f.budgetTo ?? null,
      publicRationale: f.publicRationale ?? null,
      rationale: f.rationale ?? "",
      conditions: conditions.rows.map(({ data }) => ({
        description: data.description,
        ownerName: data.ownerName ?? null,
        dueDate: data.dueDate ?? null,
      })),
    },
  };
}

export const ConditionStatusSchema = z.object({
  conditionId: z.uuid({ error: "Cette condition n'existe pas ou plus : rechargez la page." }),
  status: z.enum(ConditionStatus, { error: "Choisissez l'état de la condition." }),
});
