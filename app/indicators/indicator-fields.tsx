// The fields of an indicator's definition. Targets are a repeated group: the saved ones and an empty
// row; once the page is live, "Ajouter une cible" adds rows (without JavaScript, save and edit again).
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { fieldId, SelectField, TextField, type FormState, type Option } from "~/admin/form-ui";
import { IMPACT_LEVELS } from "~/domain/impact-matrix";
import { useHydrated } from "~/ui/use-hydrated";
import {
  DIRECTION_LABELS,
  FREQUENCY_LABELS,
  IMPACT_LEVEL_DESCRIPTIONS,
  IMPACT_LEVEL_LABELS,
  INDICATOR_KIND_DESCRIPTIONS,
  INDICATOR_KIND_LABELS,
  INDICATOR_SOURCE_LABELS,
} from "~/domain/labels";
import { MAX_TARGET_ROWS, targetField, targetRowCount } from "./indicator-form";
import { errorState } from "./indicator-ui";

const FIELD_LABELS: Record<string, string> = {
  name: "Nom",
  description: "Description (facultative)",
  level: "Niveau de la matrice d'impact",
  kind: "Nature",
  unit: "Unité (facultative)",
  direction: "Sens d'évolution souhaité",
  frequency: "Fréquence de mesure",
  source: "Source des valeurs",
  baselineValue: "Valeur de référence (facultative)",
  baselineDate: "Date de la valeur de référence",
  isPublic: "Indicateur public",
};

/** The labels of the error summary, target rows included. */
export function indicatorFieldLabels(rows: number): Record<string, string> {
  const labels = { ...FIELD_LABELS };
  for (let row = 0; row < rows; row += 1) {
    labels[targetField(row, "value")] = `Cible ${row + 1} : valeur visée`;
    labels[targetField(row, "dueDate")] = `Cible ${row + 1} : échéance`;
  }
  return labels;
}

const options = <K extends string>(labels: Record<K, string>, keys: readonly K[] = Object.keys(labels) as K[]): Option[] =>
  keys.map((key) => ({ value: key, label: labels[key] }));

/** A number as agents type it: French or English notation, read by the server (parseLocaleNumber). */
export function NumberField({ form, name, label, hint }: { form: FormState; name: string; label: string; hint?: string }) {
  return (
    <Input
      label={label}
      hintText={hint}
      {...errorState(form.errors, name)}
      nativeInputProps={{ id: fieldId(name), name, defaultValue: form.values[name] ?? "", inputMode: "decimal", autoComplete: "off" }}
    />
  );
}

function TargetRows({ form }: { form: FormState }) {
  const [rows, setRows] = useState(Math.max(1, targetRowCount(form.values)));
  const live = useHydrated();
  return (
    <fieldset className="fr-fieldset fr-mb-4w">
      <legend className="fr-fieldset__legend">
        Cibles (facultatives)
        <span className="fr-hint-text">
          Une valeur visée et son échéance par ligne, par exemple celles fixées par le dernier comité. Une ligne laissée vide
          est ignorée.
        </span>
      </legend>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="fr-fieldset__element fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <NumberField form={form} name={targetField(row, "value")} label={`Cible ${row + 1} : valeur visée`} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField form={form} name={targetField(row, "dueDate")} label={`Cible ${row + 1} : échéance`} type="date" />
          </div>
        </div>
      ))}
      {live && rows < MAX_TARGET_ROWS && (
        <div className="fr-fieldset__element">
          <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => setRows(rows + 1)}>
            Ajouter une cible
          </Button>
        </div>
      )}
    </fieldset>
  );
}

export function IndicatorFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField form={form} name="name" label={FIELD_LABELS.name} required />
      <TextField form={form} name="description" label={FIELD_LABELS.description} hint="Ce qui est compté, et comment." textArea />
      <SelectField
        form={form}
        name="level"
        label={FIELD_LABELS.level}
        hint={IMPACT_LEVELS.map((level) => `${IMPACT_LEVEL_LABELS[level]} : ${IMPACT_LEVEL_DESCRIPTIONS[level]}`).join(" ")}
        options={options(IMPACT_LEVEL_LABELS, IMPACT_LEVELS)}
        emptyLabel="Choisissez un niveau"
      />
      <SelectField
        form={form}
        name="kind"
        label={FIELD_LABELS.kind}
        hint={`Impact : ${INDICATOR_KIND_DESCRIPTIONS.impact} Moyens : ${INDICATOR_KIND_DESCRIPTIONS.means}`}
        options={options(INDICATOR_KIND_LABELS)}
        emptyLabel="Choisissez une nature"
      />
      <TextField form={form} name="unit" label={FIELD_LABELS.unit} hint="Par exemple « utilisateurs », « % », « € », « /7 »." />
      <SelectField form={form} name="direction" label={FIELD_LABELS.direction} options={options(DIRECTION_LABELS)} emptyLabel="Choisissez un sens" />
      <SelectField form={form} name="frequency" label={FIELD_LABELS.frequency} options={options(FREQUENCY_LABELS)} emptyLabel="Choisissez une fréquence" />
      <SelectField form={form} name="source" label={FIELD_LABELS.source} options={options(INDICATOR_SOURCE_LABELS)} emptyLabel="Choisissez une source" />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <NumberField
            form={form}
            name="baselineValue"
            label={FIELD_LABELS.baselineValue}
            hint="La valeur de départ, avant le service ou à son lancement : 1 234,5 ou 1234.5."
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField form={form} name="baselineDate" label={FIELD_LABELS.baselineDate} hint="Obligatoire avec une valeur de référence." type="date" />
        </div>
      </div>
      <TargetRows form={form} />
      <Checkbox
        className="fr-mb-4w"
        options={[
          {
            label: FIELD_LABELS.isPublic,
            hintText: "Un indicateur public est visible de toutes et tous, avec ses valeurs.",
            nativeInputProps: { id: fieldId("isPublic"), name: "isPublic", defaultChecked: form.values.isPublic === "on" },
          },
        ]}
      />
    </>
  );
}
