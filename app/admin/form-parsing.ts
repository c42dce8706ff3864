// Reading an administration form: one zod schema per form, French messages keyed by field, and the
// submitted values sent back so that a refused form is shown again as it was typed.
import { z } from "zod";

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

/** The id of a record chosen in a list. */
export const optionalId = (message: string) => z.preprocess(emptyAsMissing, z.uuid({ error: message }).optional());

/** An unchecked checkbox sends nothing; a checked one sends "on". */
export const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

/** A saved record as a form's initial values: an empty field for what is not filled in. */
export function asFormValues(record: Record<string, string | number | null>): FormValues {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === null ? "" : String(value)]));
}
