import { data } from "@remix-run/node";
import type { FieldErrors, FormValues } from "./form-parsing";

/** A form that was not saved: shown again (400) as it was typed, with its French messages. */
export function refusedForm(errors: FieldErrors, values: FormValues) {
  return data({ errors, values }, { status: 400 });
}
