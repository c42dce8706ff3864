// The fields of the ministry, organisation and incubator forms; each form's labels serve its fields
// and its error summary alike.
import { ORGANISATION_TYPE_LABELS } from "~/domain/labels";
import { OrganisationType } from "~/generated/prisma/enums";
import { SelectField, TextField, type FormState, type Option } from "./form-ui";

const SLUG_HINT = "Utilisé dans les adresses : lettres minuscules sans accent, chiffres, points et tirets.";

export const MINISTRY_LABELS = { slug: "Identifiant", name: "Nom", shortName: "Nom court" };

export function MinistryFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField form={form} name="slug" label={MINISTRY_LABELS.slug} hint={SLUG_HINT} required />
      <TextField
        form={form}
        name="name"
        label={MINISTRY_LABELS.name}
        hint="Par exemple « Ministère de la Transition écologique »."
        required
      />
      <TextField
        form={form}
        name="shortName"
        label={MINISTRY_LABELS.shortName}
        hint="Par exemple « Transition écologique »."
        required
      />
    </>
  );
}

export const ORGANISATION_LABELS = {
  slug: "Identifiant",
  name: "Nom",
  acronym: "Sigle (facultatif)",
  type: "Type d'organisation",
  ministerialDomain: "Domaine ministériel (facultatif)",
  ministryId: "Ministère de rattachement (facultatif)",
};

const ORGANISATION_TYPE_OPTIONS = Object.values(OrganisationType).map((type) => ({
  value: type,
  label: ORGANISATION_TYPE_LABELS[type],
}));

export function OrganisationFields({ form, ministries }: { form: FormState; ministries: Option[] }) {
  return (
    <>
      <TextField form={form} name="slug" label={ORGANISATION_LABELS.slug} hint={SLUG_HINT} required />
      <TextField form={form} name="name" label={ORGANISATION_LABELS.name} required />
      <TextField form={form} name="acronym" label={ORGANISATION_LABELS.acronym} hint="Par exemple « DGFiP »." />
      <SelectField
        form={form}
        name="type"
        label={ORGANISATION_LABELS.type}
        options={ORGANISATION_TYPE_OPTIONS}
        emptyLabel="Choisissez un type"
      />
      <TextField form={form} name="ministerialDomain" label={ORGANISATION_LABELS.ministerialDomain} />
      <SelectField
        form={form}
        name="ministryId"
        label={ORGANISATION_LABELS.ministryId}
        options={ministries}
        emptyLabel="Aucun"
      />
    </>
  );
}

export const INCUBATOR_LABELS = {
  slug: "Identifiant",
  name: "Nom",
  description: "Description (facultative)",
  website: "Site web (facultatif)",
  ministryId: "Ministère (facultatif)",
  ownerOrganisationId: "Organisation porteuse (facultative)",
  reviewIntervalMonths: "Délai de revue, en mois",
};

export function IncubatorFields({
  form,
  ministries,
  organisations,
}: {
  form: FormState;
  ministries: Option[];
  organisations: Option[];
}) {
  return (
    <>
      <TextField form={form} name="slug" label={INCUBATOR_LABELS.slug} hint={SLUG_HINT} required />
      <TextField form={form} name="name" label={INCUBATOR_LABELS.name} required />
      <TextField form={form} name="description" label={INCUBATOR_LABELS.description} textArea />
      <TextField
        form={form}
        name="website"
        label={INCUBATOR_LABELS.website}
        type="url"
        hint="Adresse complète, par exemple https://incubateur.gouv.fr."
      />
      <SelectField
        form={form}
        name="ministryId"
        label={INCUBATOR_LABELS.ministryId}
        options={ministries}
        emptyLabel="Aucun"
      />
      <SelectField
        form={form}
        name="ownerOrganisationId"
        label={INCUBATOR_LABELS.ownerOrganisationId}
        options={organisations}
        emptyLabel="Aucune"
      />
      <TextField
        form={form}
        name="reviewIntervalMonths"
        label={INCUBATOR_LABELS.reviewIntervalMonths}
        type="number"
        hint="Entre 1 et 24 : le temps entre une décision du comité et la revue suivante, sauf si la décision en fixe un autre."
        required
      />
    </>
  );
}
