// The pieces every administration form is made of: DSFR fields that show their own error, the summary
// of errors at the top (RGAA: each message links to its field), and the message after a save.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ReactNode } from "react";
import type { FieldErrors, FormValues } from "./form-parsing";

/** What a form needs to be shown again: the values as typed and the messages by field. */
export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  /** Sets this form's field ids apart from another form of the page that has fields of the same name. */
  idScope?: string;
}

/** One choice of a select. */
export interface Option {
  value: string;
  label: string;
}

export const fieldId = (name: string, idScope?: string) => (idScope ? `champ-${idScope}-${name}` : `champ-${name}`);

function errorState(errors: FieldErrors, name: string) {
  const messages = errors[name];
  return messages ? { state: "error" as const, stateRelatedMessage: messages.join(" ") } : {};
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: ReactNode;
}

export function TextField({
  form,
  name,
  label,
  hint,
  type = "text",
  required = false,
  textArea = false,
}: FieldProps & { type?: "text" | "email" | "url" | "number" | "date"; required?: boolean; textArea?: boolean }) {
  const common = { label, hintText: hint, ...errorState(form.errors, name) };
  const native = { id: fieldId(name, form.idScope), name, defaultValue: form.values[name] ?? "", required };
  return textArea ? (
    <Input {...common} textArea nativeTextAreaProps={native} />
  ) : (
    <Input {...common} nativeInputProps={{ ...native, type }} />
  );
}

export function SelectField({
  form,
  name,
  label,
  hint,
  options,
  emptyLabel,
  onChange,
}: FieldProps & { options: readonly Option[]; emptyLabel: string; onChange?: (value: string) => void }) {
  return (
    <Select
      label={label}
      hint={hint}
      {...errorState(form.errors, name)}
      nativeSelectProps={{
        id: fieldId(name, form.idScope),
        name,
        defaultValue: form.values[name] ?? "",
        onChange: onChange && ((event) => onChange(event.target.value)),
      }}
    >
      <option value="">{emptyLabel}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

/** The errors of a refused form, each linked to its field; `labels` names the fields of this form. */
export function ErrorSummary({
  errors,
  labels,
  title = "Le formulaire n'a pas été enregistré",
  idScope,
}: {
  errors: FieldErrors | undefined;
  labels: Record<string, string>;
  title?: string;
  idScope?: string;
}) {
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== undefined);
  if (entries.length === 0) return null;
  return (
    <Alert
      className="fr-mb-4w"
      severity="error"
      title={title}
      description={
        <ul>
          {entries.map(([name, messages]) => (
            <li key={name}>
              {labels[name] ? (
                <a href={`#${fieldId(name, idScope)}`}>{`${labels[name]} : ${messages.join(" ")}`}</a>
              ) : (
                messages.join(" ")
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The message left by the previous page's save, announced by screen readers. */
export function FlashMessage({ message }: { message: string | null }) {
  return (
    <div aria-live="polite" role="status">
      {message && <Alert className="fr-mb-4w" severity="success" small description={message} />}
    </div>
  );
}
