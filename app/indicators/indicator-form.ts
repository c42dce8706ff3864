// The form that defines an indicator (create and edit), shared by the page that shows it and the
// action that saves it. Targets are a repeated group of fields named `targets.<row>.value` and
// `targets.<row>.dueDate`: a row left empty is ignored, a half-filled one is an error next to it.
import { z } from "zod";
import { checkbox, optionalDayField, optionalText, requiredText, type FieldErrors, type FormValues, type ParsedForm } from "~/admin/form-parsing";
import { addMonthsUtc, EARLIEST_DAY, parseDay, today } from "~/domain/days";
import { parseLocaleNumber } from "~/domain/numbers";
import { Direction, Frequency, ImpactLevel, IndicatorKind, IndicatorSource } from "~/generated/prisma/enums";

export const NAME_MAX_LENGTH = 120;
export const UNIT_MAX_LENGTH = 40;
/** More rows than any product needs; the form never offers that many. */
export const MAX_TARGET_ROWS = 20;

export const NOT_A_NUMBER = "Saisissez un nombre, en notation française (1 234,5) ou anglaise (1,234.5).";

const exactNumber = new Intl.NumberFormat("fr-FR", { useGrouping: false, maximumFractionDigits: 20 });

/**
 * A saved number as a field shows it: "1234,5", without grouping or rounding, so that sending the form
 * back unchanged reads as the very same number (see parseLocaleNumber).
 */
export function numberFieldText(value: number | null): string {
  return value === null ? "" : exactNumber.format(value).replace("\u2212", "-");
}

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A number as typed by an agent (see parseLocaleNumber), or nothing when the field is empty. */
export const optionalNumber = z.preprocess(
  blankAsMissing,
  z
    .string()
    .transform((text, ctx) => {
      const value = parseLocaleNumber(text);
      if (value === null) ctx.addIssue({ code: "custom", message: NOT_A_NUMBER });
      return value ?? z.NEVER;
    })
    .optional(),
);

const TARGET_DATE = "Indiquez l'échéance de la cible, par exemple 2027-06-30.";

/** Targets look further ahead than plans: up to ten years, never before 2000. */
const targetDay = z.preprocess(
  blankAsMissing,
  z
    .string()
    .transform((text, ctx) => {
      const date = parseDay(text.trim());
      if (!date) ctx.addIssue({ code: "custom", message: TARGET_DATE });
      return date ?? z.NEVER;
    })
    .refine((date) => date >= EARLIEST_DAY, "Cette date est antérieure au 1er janvier 2000 : vérifiez l'année.")
    .refine((date) => date <= addMonthsUtc(today(), 120), "Cette échéance est à plus de dix ans : vérifiez l'année.")
    .optional(),
);

const TargetRowSchema = z
  .object({ value: optionalNumber, dueDate: targetDay })
  .transform((row, ctx) => {
    if (row.value === undefined && row.dueDate === undefined) return null;
    if (row.dueDate === undefined) {
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Indiquez l'échéance de cette cible." });
      return z.NEVER;
    }
    if (row.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Indiquez la valeur visée, ou effacez l'échéance." });
      return z.NEVER;
    }
    return { value: row.value, dueDate: row.dueDate };
  });

export const IndicatorFormSchema = z
  .object({
    name: requiredText("Indiquez le nom de l'indicateur.", NAME_MAX_LENGTH),
    description: optionalText(2000).transform((text) => text ?? ""),
    level: z.enum(ImpactLevel, { error: "Choisissez le niveau de la matrice d'impact." }),
    kind: z.enum(IndicatorKind, { error: "Choisissez s'il s'agit d'un indicateur d'impact ou de moyens." }),
    unit: optionalText(UNIT_MAX_LENGTH).transform((text) => text ?? ""),
    direction: z.enum(Direction, { error: "Choisissez le sens d'évolution souhaité." }),
    frequency: z.enum(Frequency, { error: "Choisissez la fréquence de mesure." }),
    source: z.enum(IndicatorSource, { error: "Choisissez la source des valeurs." }),
    baselineValue: optionalNumber,
    baselineDate: optionalDayField("Indiquez la date de la valeur de référence, par exemple 2025-03-12.").refine(
      (date) => date === undefined || date <= today(),
      "Une valeur de référence a déjà été mesurée : choisissez une date passée.",
    ),
    isPublic: checkbox,
    targets: z
      .array(TargetRowSchema)
      .max(MAX_TARGET_ROWS, `Un indicateur a ${MAX_TARGET_ROWS} cibles au plus.`)
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, index) => {
          if (!row) return;
          const key = row.dueDate.toISOString();
          if (seen.has(key)) {
            ctx.addIssue({ code: "custom", path: [index, "dueDate"], message: "Une autre cible a déjà cette échéance." });
          }
          seen.add(key);
        });
      })
      .transform((rows) => rows.filter((row) => row !== null)),
  })
  .superRefine((fields, ctx) => {
    if (fields.baselineValue !== undefined && fields.baselineDate === undefined) {
      ctx.addIssue({ code: "custom", path: ["baselineDate"], message: "Indiquez la date à laquelle la valeur de référence a été mesurée." });
    }
    if (fields.baselineValue === undefined && fields.baselineDate !== undefined) {
      ctx.addIssue({ code: "custom", path: ["baselineValue"], message: "Indiquez la valeur de référence, ou effacez sa date." });
    }
  });

export type IndicatorInput = z.output<typeof IndicatorFormSchema>;

export const targetField = (row: number, field: "value" | "dueDate") => `targets.${row}.${field}`;

const TARGET_FIELD = /^targets\.(\d{1,3})\.(value|dueDate)$/;

/** How many target rows the submitted values hold (the highest row number, plus one). */
export function targetRowCount(values: FormValues): number {
  let count = 0;
  for (const name of Object.keys(values)) {
    const match = TARGET_FIELD.exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return count;
}

/** Messages keyed by field name ("targets.0.value" for a nested one); "" for the form as a whole. */
export function issuesByField(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

/** The form's values (read by `readFormFields`), checked: errors are keyed by field name. */
export function parseIndicatorForm(values: FormValues): ParsedForm<IndicatorInput> {
  const rows = Array.from({ length: targetRowCount(values) }, (_, row) => ({
    value: values[targetField(row, "value")] ?? "",
    dueDate: values[targetField(row, "dueDate")] ?? "",
  }));
  const parsed = IndicatorFormSchema.safeParse({ ...values, targets: rows });
  return parsed.success
    ? { success: true, data: parsed.data, values }
    : { success: false, errors: issuesByField(parsed.error), values };
}

const UNKNOWN_ACTION = "Cette action n'existe pas : rechargez la page.";

/** The indicators list's one action: adding the matrix's mandatory indicators. */
export const IndicatorListActionSchema = z.object({ intent: z.literal("addMandatory", { error: UNKNOWN_ACTION }) });

/** An indicator's page: saving the form (no intent), or stopping / resuming following the indicator. */
export const IndicatorPageIntentSchema = z.object({
  intent: z.enum(["save", "remove", "restore"], { error: UNKNOWN_ACTION }).default("save"),
});
