// The session form: details, members with their seat, and the agenda. Members are typed by e-mail
// address (known people are suggested); the agenda is proposed at creation and edited afterwards:
// rank, timebox of each part, removal, and one product added per save.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Form } from "@remix-run/react";
import { ErrorSummary, fieldId, SelectField, TextField, type FormState, type Option } from "~/admin/form-ui";
import { PhaseBadge } from "~/components/phase-badge";
import { REVIEW_SOON_DAYS } from "~/domain/committee-calendar";
import { SEAT_LABELS } from "~/domain/committee-labels";
import type { Phase } from "~/domain/phases";
import { CommitteeSeat } from "~/generated/prisma/enums";
import { formatDateTime } from "~/ui/dates";
import { DateTimeField } from "./committee-ui";
import { rowCount, rowField } from "./form-rows";
import { AGENDA_LIST, DOSSIER_DAYS_BEFORE, EXTRA_MEMBER_ROWS, MEMBER_LIST, SESSION_FIELD_LABELS } from "./session-forms";

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface AgendaProduct {
  id: string;
  name: string;
  phase: Phase | null;
  /** When its slot starts, with the session's saved start and agenda. */
  startsAt: Date | null;
}

const SEAT_OPTIONS: Option[] = Object.values(CommitteeSeat).map((seat) => ({ value: seat, label: SEAT_LABELS[seat] }));
const PEOPLE_LIST = "personnes-connues";

function errorProps(form: FormState, name: string) {
  const messages = form.errors[name];
  return messages ? { state: "error" as const, stateRelatedMessage: messages.join(" ") } : {};
}

function MemberRows({ form, people }: { form: FormState; people: readonly Person[] }) {
  const filled = Object.keys(form.values).filter((k) => /^members\.\d+\.email$/.test(k) && form.values[k].trim() !== "").length;
  const rows = Math.max(rowCount(form.values, MEMBER_LIST), filled + EXTRA_MEMBER_ROWS);
  return (
    <fieldset className="fr-fieldset" aria-labelledby="membres-titre">
      <legend id="membres-titre" className="fr-fieldset__legend">
        <h2 className="fr-h4 fr-mb-1w">Membres</h2>
        <span className="fr-hint-text">
          Indiquez l'adresse électronique de chaque membre et son siège ; effacez l'adresse pour retirer une personne.
          Une adresse sans compte Jalon en reçoit un, au nom indiqué. Les sponsors, responsables et invités votent ;
          l'intrapreneur·e présente son produit sans voter. Les membres qui ne siègent pas déjà au comité de
          l'incubateur reçoivent un accès limité à cette séance.
        </span>
      </legend>
      <datalist id={PEOPLE_LIST}>
        {people.map((p) => (
          <option key={p.id} value={p.email}>
            {p.name}
          </option>
        ))}
      </datalist>
      {Array.from({ length: rows }, (_, i) => {
        const name = (field: string) => rowField(MEMBER_LIST, i, field);
        return (
          <div key={i} className="fr-grid-row fr-grid-row--gutters fr-col-12">
            <div className="fr-col-12 fr-col-md-5">
              <Input
                label={`Membre ${i + 1} : adresse électronique`}
                {...errorProps(form, name("email"))}
                nativeInputProps={{
                  id: fieldId(name("email")),
                  name: name("email"),
                  type: "email",
                  list: PEOPLE_LIST,
                  autoComplete: "off",
                  defaultValue: form.values[name("email")] ?? "",
                }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <TextField form={form} name={name("name")} label="Nom (pour une nouvelle personne)" />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <SelectField form={form} name={name("seat")} label="Siège" options={SEAT_OPTIONS} emptyLabel="Choisissez un siège" />
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

function AgendaRows({ form, products, addOptions }: { form: FormState; products: ReadonlyMap<string, AgendaProduct>; addOptions: readonly Option[] }) {
  const rows = rowCount(form.values, AGENDA_LIST);
  const minutesInput = (i: number, field: string, label: string) => {
    const name = rowField(AGENDA_LIST, i, field);
    return (
      <Input
        key={field}
        label={label}
        {...errorProps(form, name)}
        nativeInputProps={{ id: fieldId(name), name, type: "number", min: 0, max: 120, defaultValue: form.values[name] ?? "" }}
      />
    );
  };
  return (
    <fieldset className="fr-fieldset" aria-labelledby="odj-titre">
      <legend id="odj-titre" className="fr-fieldset__legend">
        <h2 className="fr-h4 fr-mb-1w">Ordre du jour</h2>
        <span className="fr-hint-text">
          Chaque produit dispose de 15 minutes de présentation, 15 de questions et 20 de délibération, sauf si vous
          changez ces durées. Changez le rang pour modifier l'ordre de passage.
        </span>
      </legend>
      {rows === 0 ? (
        <p>Aucun produit n'est inscrit.</p>
      ) : (
        <Table
          caption="Produits inscrits, dans l'ordre de passage"
          headers={["Produit", "Horaire prévu", "Rang", "Présentation (min)", "Questions (min)", "Délibération (min)", "Retirer"]}
          data={Array.from({ length: rows }, (_, i) => {
            const productId = form.values[rowField(AGENDA_LIST, i, "productId")] ?? "";
            const product = products.get(productId);
            const label = product?.name ?? "Produit";
            return [
              <>
                <input type="hidden" name={rowField(AGENDA_LIST, i, "productId")} value={productId} />
                {label} {product?.phase && <PhaseBadge phase={product.phase} />}
              </>,
              product?.startsAt ? formatDateTime(product.startsAt) : "—",
              minutesInput(i, "order", `Rang de ${label}`),
              minutesInput(i, "presentationMinutes", `Présentation de ${label}`),
              minutesInput(i, "questionsMinutes", `Questions sur ${label}`),
              minutesInput(i, "deliberationMinutes", `Délibération sur ${label}`),
              <Checkbox
                key="retirer"
                small
                options={[
                  {
                    label: `Retirer ${label}`,
                    nativeInputProps: {
                      name: rowField(AGENDA_LIST, i, "remove"),
                      defaultChecked: form.values[rowField(AGENDA_LIST, i, "remove")] === "on",
                    },
                  },
                ]}
              />,
            ];
          })}
        />
      )}
      <SelectField
        form={form}
        name="addProductId"
        label={SESSION_FIELD_LABELS.addProductId}
        hint="Les produits à revoir d'ici la séance figurent en tête de liste."
        options={addOptions}
        emptyLabel="Aucun produit à ajouter"
      />
    </fieldset>
  );
}

export function SessionForm({
  form,
  mode,
  people,
  agendaProducts,
  addOptions,
  submitLabel,
  cancelTo,
}: {
  form: FormState;
  mode: "create" | "edit";
  people: readonly Person[];
  agendaProducts?: readonly AgendaProduct[];
  addOptions?: readonly Option[];
  submitLabel: string;
  cancelTo: string;
}) {
  const chairOptions = people.map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires. Les heures sont celles de Paris.</p>
      <ErrorSummary errors={form.errors} labels={SESSION_FIELD_LABELS} />
      {/* The server's French messages, next to each field, rather than the browser's own. */}
      <Form method="post" noValidate>
        <div className="fr-col-12 fr-col-md-8">
          <TextField form={form} name="title" label={SESSION_FIELD_LABELS.title} required />
          <DateTimeField form={form} name="startsAt" label={SESSION_FIELD_LABELS.startsAt} />
          <TextField form={form} name="location" label={SESSION_FIELD_LABELS.location} hint="Par exemple : salle 4.12, 20 avenue de Ségur, Paris." />
          <TextField form={form} name="videoUrl" label={SESSION_FIELD_LABELS.videoUrl} type="url" hint="Un lien qui commence par https://." />
          <DateTimeField
            form={form}
            name="dossierDeadline"
            label={SESSION_FIELD_LABELS.dossierDeadline}
            hint={`Laissé vide : ${DOSSIER_DAYS_BEFORE} jours avant la séance, à la même heure.`}
          />
          <SelectField
            form={form}
            name="chairId"
            label={SESSION_FIELD_LABELS.chairId}
            hint="La présidence ouvre la délibération et voit le décompte des votes ; elle figure parmi les membres."
            options={chairOptions}
            emptyLabel="Pas de présidence désignée"
          />
        </div>
        <MemberRows form={form} people={people} />
        {mode === "create" ? (
          <Checkbox
            legend="Ordre du jour"
            hintText={`Les produits de l'incubateur dont la revue est en retard au jour de la séance, ou tombe dans les ${REVIEW_SOON_DAYS} jours qui suivent, hors produits déjà inscrits à une autre séance. Vous pourrez le modifier ensuite.`}
            options={[
              {
                label: SESSION_FIELD_LABELS.proposeAgenda,
                nativeInputProps: { name: "proposeAgenda", defaultChecked: form.values.proposeAgenda === "on" },
              },
            ]}
          />
        ) : (
          <AgendaRows
            form={form}
            products={new Map((agendaProducts ?? []).map((p) => [p.id, p]))}
            addOptions={addOptions ?? []}
          />
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button type="submit">{submitLabel}</Button>
          </li>
          <li>
            <Button priority="tertiary" linkProps={{ to: cancelTo }}>
              Annuler
            </Button>
          </li>
        </ul>
      </Form>
    </>
  );
}
