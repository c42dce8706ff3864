// Forms with repeated rows (members of a session, agenda items, a decision's conditions): fields
// named `<list>.<index>.<field>`, each row read with one zod schema, each message kept under the
// field's own name so that it shows next to it. Also the date-and-time field of the session form.
import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { EARLIEST_DAY, parseDay } from "~/domain/days";

export const rowField = (list: string, index: number, field: string) => `${list}.${index}.${field}`;

/** How many rows `values` holds for `list` (the highest index seen, plus one). */
export function rowCount(values: FormValues, list: string): number {
  let count = 0;
  const pattern = new RegExp(`^${list}\\.(\\d+)\\.`);
  for (const name of Object.keys(values)) {
    const match = pattern.exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return count;
}

/** One row's fields, without the prefix. */
function rowValues(values: FormValues, list: string, index: number): FormValues {
  const prefix = `${list}.${index}.`;
  return Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length), value]),
  );
}

/** At most this many rows are read from one list: a form never has more. */
export const MAX_ROWS = 100;

/**
 * Every row of `list` that is not blank (all its fields empty or as `isBlank` says), parsed with
 * `schema`; the messages are keyed by full field name.
 */
export function parseRows<S extends z.ZodType>(
  values: FormValues,
  list: string,
  schema: S,
  isBlank: (row: FormValues) => boolean = (row) => Object.values(row).every((v) => v.trim() === ""),
): { rows: Array<{ index: number; data: z.output<S> }>; errors: FieldErrors } {
  const rows: Array<{ index: number; data: z.output<S> }> = [];
  const errors: FieldErrors = {};
  const count = Math.min(rowCount(values, list), MAX_ROWS);
  for (let index = 0; index < count; index++) {
    const row = rowValues(values, list, index);
    if (isBlank(row)) continue;
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      rows.push({ index, data: parsed.data });
      continue;
    }
    for (const [field, messages] of Object.entries(z.flattenError(parsed.error).fieldErrors as FieldErrors)) {
      if (messages) errors[rowField(list, index, field)] = messages;
    }
  }
  return { rows, errors };
}

export function mergeErrors(...all: FieldErrors[]): FieldErrors {
  const merged: FieldErrors = {};
  for (const errors of all) {
    for (const [name, messages] of Object.entries(errors)) {
      if (messages) merged[name] = [...(merged[name] ?? []), ...messages];
    }
  }
  return merged;
}

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some((m) => m && m.length > 0);

const PARIS = "Europe/Paris";

/** A Date as a `datetime-local` field shows it, in Paris time: "2026-03-12T09:30". */
export function toDateTimeInput(date: Date): string {
  return format(date, "yyyy-MM-dd'T'HH:mm", { in: tz(PARIS) });
}

/** "2026-03-12T09:30", read in Paris time; null when it is not a date and time. */
export function parseParisDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, date, hours, minutes] = match.slice(1).map(Number);
  if (!parseDay(value.slice(0, 10)) || hours > 23 || minutes > 59) return null;
  return new Date(new TZDate(year, month - 1, date, hours, minutes, PARIS).getTime());
}

/** A date and time field (Paris time); `message` says what to type when it is empty or wrong. */
export const dateTimeField = (message: string) =>
  z
    .string({ error: message })
    .transform((value, ctx) => {
      const date = parseParisDateTime(value);
      if (!date) ctx.addIssue({ code: "custom", message });
      return date ?? z.NEVER;
    })
    .refine((date) => date >= EARLIEST_DAY, "Cette date est antérieure au 1er janvier 2000 : vérifiez l'année.");

const emptyAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const optional = <S extends z.ZodType>(schema: S) => z.preprocess(emptyAsMissing, schema.optional());
