// The fields of a decision (and of its amendment): outcome with its phase, the provisional
// extension's length, next review, budget, conditions, public rationale and internal notes.
import { TextField, SelectField, type FormState, type Option } from "~/admin/form-ui";
import { formatDay } from "~/ui/dates";
import { CONDITION_LIST, CONDITION_ROWS, DECISION_FIELD_LABELS } from "./decision-forms";
import { rowCount, rowField } from "./form-rows";

const EXTENSION_OPTIONS: Option[] = [
  { value: "1", label: "Un mois" },
  { value: "2", label: "Deux mois" },
];

export function DecisionFields({
  form,
  options,
  funders,
  defaultReview,
  amendment = false,
}: {
  form: FormState;
  options: readonly Option[];
  funders: readonly Option[];
  defaultReview: Date | null;
  amendment?: boolean;
}) {
  const conditionRows = Math.max(rowCount(form.values, CONDITION_LIST), CONDITION_ROWS);
  return (
    <>
      <SelectField
        form={form}
        name="choice"
        label={DECISION_FIELD_LABELS.choice}
        hint="Seules les décisions possibles depuis la phase du produit sont proposées."
        options={options}
        emptyLabel="Choisissez la décision"
      />
      <SelectField
        form={form}
        name="extensionMonths"
        label={DECISION_FIELD_LABELS.extensionMonths}
        hint="Pour une prolongation provisoire : la prochaine revue tombe un ou deux mois après la décision. Laissé vide : deux mois."
        options={EXTENSION_OPTIONS}
        emptyLabel="Non concernée"
      />
      <TextField
        form={form}
        name="nextReviewDate"
        label={DECISION_FIELD_LABELS.nextReviewDate}
        type="date"
        hint={
          defaultReview
            ? `Laissée vide : le ${formatDay(defaultReview)} selon le délai de revue de l'incubateur, ou un à deux mois après une prolongation provisoire ; aucune après un arrêt.`
            : "Laissée vide : selon le délai de revue de l'incubateur."
        }
      />
      <fieldset className="fr-fieldset" aria-labelledby={`budget-${amendment ? "amendement" : "decision"}`}>
        <legend id={`budget-${amendment ? "amendement" : "decision"}`} className="fr-fieldset__legend">
          Budget accordé
        </legend>
        <TextField form={form} name="budgetEuros" label={DECISION_FIELD_LABELS.budgetEuros} hint="Par exemple 250 000." />
        <SelectField form={form} name="budgetFunderId" label={DECISION_FIELD_LABELS.budgetFunderId} options={funders} emptyLabel="Aucun" />
        <TextField form={form} name="budgetFrom" label={DECISION_FIELD_LABELS.budgetFrom} type="date" />
        <TextField form={form} name="budgetTo" label={DECISION_FIELD_LABELS.budgetTo} type="date" />
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby={`conditions-${amendment ? "amendement" : "decision"}`}>
        <legend id={`conditions-${amendment ? "amendement" : "decision"}`} className="fr-fieldset__legend">
          Conditions (facultatives)
          <span className="fr-hint-text">Ce que le produit doit avoir fait, par qui et pour quand. Laissez vide ce qui ne sert pas.</span>
        </legend>
        {Array.from({ length: conditionRows }, (_, i) => (
          <div key={i} className="fr-grid-row fr-grid-row--gutters fr-col-12">
            <div className="fr-col-12 fr-col-md-6">
              <TextField form={form} name={rowField(CONDITION_LIST, i, "description")} label={`Condition ${i + 1}`} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <TextField form={form} name={rowField(CONDITION_LIST, i, "ownerName")} label="Responsable" />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <TextField form={form} name={rowField(CONDITION_LIST, i, "dueDate")} label="Échéance" type="date" />
            </div>
          </div>
        ))}
      </fieldset>
      <TextField
        form={form}
        name="publicRationale"
        label={DECISION_FIELD_LABELS.publicRationale}
        hint="Ce que le public lira une fois la décision publiée."
        textArea
      />
      <TextField
        form={form}
        name="rationale"
        label={DECISION_FIELD_LABELS.rationale}
        hint="Réservées aux personnes qui suivent le produit en interne."
        textArea
      />
      {amendment && (
        <TextField
          form={form}
          name="reason"
          label={DECISION_FIELD_LABELS.reason}
          hint="Dix caractères au moins, par exemple « Erreur de saisie de la phase cible ». Conservé dans le journal."
          textArea
          required
        />
      )}
    </>
  );
}
