// Reading an administration form: one zod schema per form, French messages keyed by field, and the
// submitted values sent back so that a refused form is shown again as it was typed.
import { z } from "zod";
import { EARLIEST_DAY, latestPlannedDay, parseDay, today } from "~/domain/days";

/** Messages by field name; a key that names no field is shown in the summary only. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** What a form sends back: the fields as typed (files are never part of these forms). */
export type FormValues = Record<string, string>;

export type ParsedForm<T> =
  | { success: true; data: T; values: FormValues }
  | { success: false; errors: FieldErrors; values: FormValues };


/** `values` as read by `readFormFields` (app/http/form.server.ts). */
export function parseForm<S extends z.ZodType>(schema: S, values: FormValues): ParsedForm<z.output<S>> {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { success: true, data: parsed.data, values }
    : { success: false, errors: z.flattenError(parsed.error).fieldErrors as FieldErrors, values };
}

// A select or a text field left empty sends "", which means "nothing".
const emptyAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const requiredText = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Ce texte est trop long : ${max} caractères au plus.`);

export const optionalText = (max = 200) =>
  z.preprocess(
    emptyAsMissing,
    z.string().trim().max(max, `Ce texte est trop long : ${max} caractères au plus.`).optional(),
  );

const INVALID_EMAIL = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.";

/** An e-mail address, lower-cased as accounts store it. */
export const emailAddress = z
  .string({ error: INVALID_EMAIL })
  .trim()
  .toLowerCase()
  .max(254, INVALID_EMAIL)
  .pipe(z.email({ error: INVALID_EMAIL }));

/** The name of a person being invited. */
export const personName = requiredText("Indiquez le prénom et le nom de la personne.");

/** The id of a record chosen in a list. */
export const optionalId = (message: string) => z.preprocess(emptyAsMissing, z.uuid({ error: message }).optional());

export interface DayFieldOptions {
  /** How many years ahead of today the day may lie (default 1: a planned start or end). */
  yearsAhead?: number;
}

/**
 * A calendar day from a date field ("2024-03-12"), between 2000 and `yearsAhead` years from today:
 * `message` says what to type when the field is empty or is not a date.
 */
export const dayField = (message: string, { yearsAhead = 1 }: DayFieldOptions = {}) =>
  z
    .string({ error: message })
    .trim()
    .transform((value, ctx) => {
      const date = parseDay(value);
      if (!date) ctx.addIssue({ code: "custom", message });
      return date ?? z.NEVER;
    })
    .refine((date) => date >= EARLIEST_DAY, "Cette date est antérieure au 1er janvier 2000 : vérifiez l'année.")
    .refine(
      (date) => date <= latestPlannedDay(today(), yearsAhead),
      `Cette date est plus ${yearsAhead === 1 ? "d'un an" : `de ${yearsAhead} ans`} après aujourd'hui : vérifiez l'année.`,
    );

export const optionalDayField = (message: string, options?: DayFieldOptions) =>
  z.preprocess(emptyAsMissing, dayField(message, options).optional());

/** A period's end may not come before its start: `message` is shown next to the end date. */
export const datesInOrder =
  (message: string) =>
  (fields: { startDate?: Date | undefined; endDate?: Date | undefined }, ctx: z.RefinementCtx) => {
    if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message });
    }
  };

/** An unchecked checkbox sends nothing; a checked one sends "on". */
export const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

/** A saved record as a form's initial values: an empty field for what is not filled in. */
export function asFormValues(record: Record<string, string | number | null>): FormValues {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === null ? "" : String(value)]));
}
