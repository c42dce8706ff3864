// The product forms' fields (creation, edition by the incubator's staff, edition by the team), their
// frame, and the table shown when an edit is refused because someone saved in the meantime.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb, type BreadcrumbProps } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Form } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import type { FieldErrors } from "~/admin/form-parsing";
import { ErrorSummary, fieldId, SelectField, TextField, type FormState, type Option } from "~/admin/form-ui";
import { ACCESSIBILITY_STATUS_LABELS } from "~/domain/labels";
import { AccessibilityStatus } from "~/generated/prisma/enums";
import { choiceName, PITCH_MAX_LENGTH, PRODUCT_FIELD_NAMES, type ChoiceField, type ConflictRow } from "./product-form";
import { proposeSlug } from "./slugs";

const errorState = (errors: FieldErrors, name: string) => {
  const messages = errors[name];
  return messages ? { state: "error" as const, stateRelatedMessage: messages.join(" ") } : {};
};

/** A form page: where it sits, its title, what went wrong, and its fields. */
export function ProductFormPage({
  segments,
  title,
  intro,
  errors,
  notice,
  submitLabel,
  children,
}: {
  segments: BreadcrumbProps["segments"];
  title: string;
  intro?: ReactNode;
  errors: FieldErrors | undefined;
  notice?: ReactNode;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <>
      <Breadcrumb segments={segments} currentPageLabel={title} />
      <h1>{title}</h1>
      {intro}
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      {notice}
      <ErrorSummary errors={errors} labels={PRODUCT_FIELD_NAMES} />
      {/* The server's French messages, next to each field, rather than the browser's own. */}
      <Form method="post" noValidate className="fr-col-12 fr-col-md-9">
        {children}
        <Button type="submit">{submitLabel}</Button>
      </Form>
    </>
  );
}

function SingleCheckbox({ form, name, label, hint }: { form: FormState; name: string; label: string; hint?: string }) {
  return (
    <Checkbox
      options={[{ label, hintText: hint, nativeInputProps: { name, defaultChecked: form.values[name] === "on" } }]}
    />
  );
}

/** Several records to check, each sent as its own `<field>:<id>` checkbox. */
function ChoiceList({
  form,
  field,
  legend,
  hint,
  options,
}: {
  form: FormState;
  field: ChoiceField;
  legend: string;
  hint: string;
  options: Option[];
}) {
  if (options.length === 0) return null;
  return (
    <Checkbox
      id={fieldId(field)}
      legend={legend}
      hintText={hint}
      {...errorState(form.errors, field)}
      options={options.map((option) => ({
        label: option.label,
        nativeInputProps: {
          name: choiceName(field, option.value),
          defaultChecked: form.values[choiceName(field, option.value)] === "on",
        },
      }))}
    />
  );
}

const SLUG_HINT =
  "Utilisé dans l'adresse de la page : lettres minuscules sans accent, chiffres, points, tirets bas et tirets.";

/**
 * The name and the slug. On creation (`propose`), the slug follows the name as it is typed until it is
 * edited by hand; left empty (or without JavaScript), it is proposed from the name when saved.
 */
export function IdentityFields({ form, propose = false }: { form: FormState; propose?: boolean }) {
  const [name, setName] = useState(form.values.name ?? "");
  const [slug, setSlug] = useState(form.values.slug ?? "");
  const [slugEdited, setSlugEdited] = useState(!propose || slug !== "");
  return (
    <>
      <Input
        label="Nom du produit"
        {...errorState(form.errors, "name")}
        nativeInputProps={{
          id: fieldId("name"),
          name: "name",
          required: true,
          value: name,
          onChange: (event) => setName(event.target.value),
        }}
      />
      <Input
        label={propose ? "Identifiant (facultatif)" : "Identifiant"}
        hintText={
          propose
            ? `${SLUG_HINT} Laissé vide, il est proposé à partir du nom.`
            : `${SLUG_HINT} En le changeant, vous changez l'adresse de la page ; l'ancienne adresse mène toujours au produit.`
        }
        {...errorState(form.errors, "slug")}
        nativeInputProps={{
          id: fieldId("slug"),
          name: "slug",
          required: !propose,
          value: slugEdited ? slug : proposeSlug(name),
          onChange: (event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          },
        }}
      />
    </>
  );
}

const ACCESSIBILITY_OPTIONS = Object.values(AccessibilityStatus).map((status) => ({
  value: status,
  label: ACCESSIBILITY_STATUS_LABELS[status],
}));

/** What the team keeps current: pitch, description, links and quality. */
export function ProfileFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField
        form={form}
        name="pitch"
        label="Pitch"
        hint={`En une phrase de ${PITCH_MAX_LENGTH} caractères au plus : le problème que le produit résout, et pour qui.`}
        textArea
        required
      />
      <TextField
        form={form}
        name="description"
        label="Description (facultative)"
        hint="Mise en forme Markdown : **gras**, *italique*, listes commençant par « - », liens [texte](https://…). Le HTML n'est pas interprété. 20 000 caractères au plus."
        textArea
      />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Liens</legend>
        <div className="fr-fieldset__content">
          <TextField form={form} name="websiteUrl" label="Site du service (facultatif)" type="url" hint="Adresse complète, commençant par https://." />
          <TextField form={form} name="repositoryUrl" label="Code source (facultatif)" type="url" />
          <TextField form={form} name="statsUrl" label="Page de statistiques d'impact (facultative)" type="url" />
          <TextField form={form} name="budgetUrl" label="Page de budget (facultative)" type="url" />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Qualité</legend>
        <div className="fr-fieldset__content">
          <SelectField
            form={form}
            name="accessibilityStatus"
            label="Accessibilité (conformité au RGAA)"
            options={ACCESSIBILITY_OPTIONS}
            emptyLabel="Choisissez un statut"
          />
          <TextField
            form={form}
            name="securityApproach"
            label="Démarche de sécurité (facultative)"
            hint="Par exemple : homologation avec MonServiceSécurisé, analyse de risques. 500 caractères au plus."
            textArea
          />
          <SingleCheckbox form={form} name="openSource" label="Le code source est ouvert" />
          <SingleCheckbox form={form} name="usesDsfr" label="Le service utilise le Système de design de l'État (DSFR)" />
        </div>
      </fieldset>
    </>
  );
}

/** Sponsors, co-incubation and visibility: the incubator staff's decisions. */
export function AttachmentFields({
  form,
  choices,
  primaryIncubator,
}: {
  form: FormState;
  choices: { organisations: Option[]; incubators: Option[] };
  primaryIncubator: string;
}) {
  return (
    <>
      <ChoiceList
        form={form}
        field="sponsorIds"
        legend="Sponsors (facultatif)"
        hint="Les administrations qui financent le produit."
        options={choices.organisations}
      />
      <ChoiceList
        form={form}
        field="coIncubatorIds"
        legend="Co-incubateurs (facultatif)"
        hint={`Les incubateurs qui accompagnent le produit avec ${primaryIncubator}, son incubateur principal.`}
        options={choices.incubators}
      />
      <SingleCheckbox
        form={form}
        name="isPublic"
        label="Fiche visible du public"
        hint="Décochée, la fiche n'est visible que des incubateurs, de l'équipe et des sponsors du produit."
      />
    </>
  );
}

const multiline = (text: string) => <span style={{ whiteSpace: "pre-wrap" }}>{text}</span>;

export function ConflictNotice({ rows }: { rows: ConflictRow[] }) {
  return (
    <div className="fr-mb-4w">
      <Alert
        as="h2"
        severity="error"
        title="Vos modifications n'ont pas été enregistrées"
        description={
          <>
            <p>
              Quelqu'un a enregistré ce produit après que vous avez ouvert ce formulaire : rien n'a été remplacé. Vos
              saisies sont conservées ci-dessous. Comparez-les avec les valeurs actuelles : en enregistrant à nouveau,
              vos valeurs remplaceront les valeurs actuelles.
            </p>
            {rows.length === 0 && <p>Le détail de ces changements n'est pas disponible : relisez la fiche actuelle.</p>}
          </>
        }
      />
      {rows.length > 0 && (
        <Table
          className="fr-mt-2w"
          caption="Ce qui a changé depuis que vous avez ouvert le formulaire"
          headers={["Champ", "Valeur quand vous avez commencé", "Valeur actuelle", "Votre valeur"]}
          data={rows.map((row) => [
            row.label,
            multiline(row.started),
            multiline(row.current),
            row.yours === null ? "Vous ne pouvez pas modifier ce champ" : multiline(row.yours),
          ])}
        />
      )}
    </div>
  );
}
