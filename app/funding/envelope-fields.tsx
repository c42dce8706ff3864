// The fields of the envelope form (creation and edition), each with its own error.
import type { FormState, Option } from "~/admin/form-ui";
import { SelectField, TextField } from "~/admin/form-ui";
import { ENVELOPE_FIELD_LABELS, ORIGIN_OPTIONS, STATUS_OPTIONS } from "./envelope-form";

export function EnvelopeFields({ form, funders }: { form: FormState; funders: readonly Option[] }) {
  return (
    <>
      <SelectField
        form={form}
        name="financeur"
        label={ENVELOPE_FIELD_LABELS.financeur}
        hint="Une organisation qui ne finance pas encore le produit en devient sponsor : ses investisseurs le suivront."
        options={funders}
        emptyLabel="Choisissez un financeur"
      />
      <TextField
        form={form}
        name="montant"
        label={ENVELOPE_FIELD_LABELS.montant}
        hint="Par exemple 250 000 ou 12 500,50. Le FAST cofinance 1 € pour 1 € apporté par les autres financeurs, jusqu'à 300 000 € par produit."
      />
      <TextField form={form} name="debut" type="date" label={ENVELOPE_FIELD_LABELS.debut} hint="Au format AAAA-MM-JJ." />
      <TextField form={form} name="fin" type="date" label={ENVELOPE_FIELD_LABELS.fin} hint="Au format AAAA-MM-JJ, ce jour compris." />
      <SelectField form={form} name="origine" label={ENVELOPE_FIELD_LABELS.origine} options={ORIGIN_OPTIONS} emptyLabel="Choisissez l'origine" />
      <SelectField form={form} name="statut" label={ENVELOPE_FIELD_LABELS.statut} options={STATUS_OPTIONS} emptyLabel="Choisissez le statut" />
      <TextField form={form} name="commentaire" label={ENVELOPE_FIELD_LABELS.commentaire} textArea />
    </>
  );
}
