// One indicator's field on the entry screen: the number, labelled with its unit (and its period when
// the screen is not that period); beside it the previous period's value, the current value's status
// with its "Valider" button, the reason of a change and, on demand, the history of changes.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { fieldId } from "~/admin/form-ui";
import type { Frequency } from "~/generated/prisma/enums";
import { formatDateTime } from "~/ui/dates";
import type { loadEntryPage } from "./entry.server";
import { numberFieldText } from "./indicator-form";
import { errorState, ValueStatusBadge } from "./indicator-ui";
import { formatMeasure, formatPeriod } from "./indicator-wording";

export type EntryIndicator = Awaited<ReturnType<typeof loadEntryPage>>["indicators"][number];
type EntryPeriod = EntryIndicator["periods"][number];

/** The id of the form the "Valider" buttons submit (outside the entry form, so Enter never validates). */
export const VALIDATION_FORM_ID = "validation";

/** "Utilisateurs actifs mensuels (utilisateurs)", with the period when it is not the screen's month. */
export function entryLabel(indicator: { name: string; unit: string; frequency: Frequency }, periodStart: Date): string {
  const unit = indicator.unit ? ` (${indicator.unit})` : "";
  const period = indicator.frequency === "monthly" ? "" : ` — ${formatPeriod(periodStart, indicator.frequency)}`;
  return `${indicator.name}${unit}${period}`;
}

/** The labels of the error summary: every value and reason field of the screen. */
export function entryFieldLabels(indicators: readonly EntryIndicator[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const indicator of indicators) {
    for (const period of indicator.periods) {
      labels[period.valueField] = entryLabel(indicator, period.periodStart);
      labels[period.reasonField] = `${entryLabel(indicator, period.periodStart)} : raison de la modification`;
    }
  }
  return labels;
}

function RevisionHistory({ current, unit }: { current: NonNullable<EntryPeriod["current"]>; unit: string }) {
  if (current.revisions.length === 0) return null;
  return (
    <details className="fr-mb-2w">
      <summary>Historique des modifications ({current.revisions.length})</summary>
      <div className="fr-table fr-table--sm fr-mb-0">
        <table>
          <caption className="fr-sr-only">Modifications de cette valeur, la plus récente d'abord</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Par</th>
              <th scope="col">Ancienne valeur</th>
              <th scope="col">Nouvelle valeur</th>
              <th scope="col">Raison</th>
            </tr>
          </thead>
          <tbody>
            {current.revisions.map((revision) => (
              <tr key={revision.id}>
                <td>{formatDateTime(revision.changedAt)}</td>
                <td>{revision.changedBy?.name ?? "Inconnu"}</td>
                <td>{formatMeasure(revision.oldValue, unit)}</td>
                <td>{formatMeasure(revision.newValue, unit)}</td>
                <td>{revision.reason ?? "Non précisée"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function EntryValueField({
  indicator,
  period,
  form,
  mayValidate,
}: {
  indicator: EntryIndicator;
  period: EntryPeriod;
  form: { values: FormValues | null; errors: FieldErrors };
  mayValidate: boolean;
}) {
  const { current, previous } = period;
  const typed = form.values?.[period.valueField];
  const previousText = `${formatPeriod(previous.periodStart, indicator.frequency)} : ${
    previous.value === null ? "aucune valeur" : formatMeasure(previous.value, indicator.unit)
  }`;
  return (
    <div className="fr-mb-4w">
      <Input
        className="fr-mb-1w"
        label={entryLabel(indicator, period.periodStart)}
        hintText={`Période précédente, ${previousText}.`}
        {...errorState(form.errors, period.valueField)}
        nativeInputProps={{
          id: fieldId(period.valueField),
          name: period.valueField,
          defaultValue: typed ?? (current ? numberFieldText(current.value) : ""),
          inputMode: "decimal",
          autoComplete: "off",
        }}
      />
      {current && (
        <>
          <Input
            className="fr-mb-1w"
            label={`Raison de la modification (${current.status === "validated" ? "obligatoire si vous changez cette valeur validée" : "facultative"})`}
            {...errorState(form.errors, period.reasonField)}
            nativeInputProps={{
              id: fieldId(period.reasonField),
              name: period.reasonField,
              defaultValue: form.values?.[period.reasonField] ?? "",
              autoComplete: "off",
            }}
          />
          <p className="fr-text--sm fr-mb-1w">
            <ValueStatusBadge status={current.status} />{" "}
            {current.status === "validated"
              ? `par ${current.validatedBy?.name ?? "l'incubateur"}`
              : `(saisie par ${current.enteredBy?.name ?? "une source automatique"})`}
            {mayValidate && current.status === "declared" && (
              <Button
                className="fr-ml-2w"
                type="submit"
                size="small"
                priority="secondary"
                value={current.id}
                nativeButtonProps={{ form: VALIDATION_FORM_ID, name: "valider" }}
              >
                Valider
                <span className="fr-sr-only"> la valeur de « {entryLabel(indicator, period.periodStart)} »</span>
              </Button>
            )}
          </p>
          <RevisionHistory current={current} unit={indicator.unit} />
        </>
      )}
    </div>
  );
}
