import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { asFormValues, parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage, SelectField, TextField, type FormState } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { can } from "~/auth/permissions";
import { PhaseBadge } from "~/components/phase-badge";
import { isoDay } from "~/domain/days";
import { PHASE_LABELS } from "~/domain/labels";
import { PHASES } from "~/domain/phases";
import { readFormFields } from "~/http/form.server";
import { CORRECTION_FIELD_LABELS, PhaseCorrectionSchema, REASON_MIN_LENGTH } from "~/products/phase-correction-forms";
import { correctPhaseHistory, loadPhaseHistoryPage } from "~/products/phase-corrections.server";
import { requireProductPermission } from "~/products/product-access.server";
import { InlineForm, ProductSubpageHeader } from "~/products/product-subpage";
import { formatDateTime, formatDay, formatDuration } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

// `?corriger=<entry>` opens the correction of one entry, `?ajouter` the addition of a phase.
const SearchSchema = z.object({ corriger: z.uuid().optional().catch(undefined), ajouter: z.string().optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product, scope } = await requireProductPermission(request, slug, "product.readInternal");
  const search = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await loadPhaseHistoryPage(product.id);
  const mayCorrect = can(viewer, "product.correctHistory", scope);
  const selected = mayCorrect ? (page.entries.find((e) => e.id === search.corriger) ?? null) : null;
  const { flash, headers } = await takeFlash(request);
  return data(
    { product, ...page, mayCorrect, selected, adding: mayCorrect && !selected && search.ajouter !== undefined, flash },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "product.correctHistory");
  const form = parseForm(PhaseCorrectionSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const result = await correctPhaseHistory(viewer.userId, product.id, form.data);
  if (!result.ok) return refusedForm(result.errors, form.values);
  return redirectWithFlash(`/produits/${product.slug}/phases`, DONE[form.data.correction.kind]);
}

const DONE = {
  edit: "La phase a été corrigée. La correction et son motif figurent dans le journal des corrections.",
  add: "La phase a été ajoutée. La correction et son motif figurent dans le journal des corrections.",
  delete: "La phase a été supprimée. La correction et son motif figurent dans le journal des corrections.",
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Historique des phases — ${data.product.name}` : "Historique des phases");

const REASON_HINT = `${REASON_MIN_LENGTH} caractères au moins, par exemple « Date du comité de lancement reprise du compte rendu ». Le motif est conservé dans le journal des corrections.`;

function EntryFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField form={form} name="startDate" label={CORRECTION_FIELD_LABELS.startDate} type="date" required />
      <TextField
        form={form}
        name="endDate"
        label={CORRECTION_FIELD_LABELS.endDate}
        type="date"
        hint="Laissez vide si la phase est en cours, ou si elle s'arrête au début de la suivante."
      />
      <TextField form={form} name="comment" label={CORRECTION_FIELD_LABELS.comment} textArea />
      <TextField form={form} name="reason" label={CORRECTION_FIELD_LABELS.reason} hint={REASON_HINT} textArea required />
    </>
  );
}

export default function PhaseHistoryPage() {
  const { product, entries, warnings, corrections, mayCorrect, selected, adding, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const path = `/produits/${product.slug}/phases`;
  const refusedFor = (matches: (values: Record<string, string>) => boolean) =>
    refused && matches(refused.values) ? refused : null;
  const editForm: FormState =
    refusedFor((v) => v.entryId === selected?.id) ??
    (selected
      ? {
          errors: {},
          values: asFormValues({
            startDate: isoDay(selected.startDate),
            endDate: selected.endDate && isoDay(selected.endDate),
            comment: selected.comment,
          }),
        }
      : { values: {}, errors: {} });
  const addForm: FormState = refusedFor((v) => v.intent === "add") ?? { values: {}, errors: {} };

  return (
    <>
      <ProductSubpageHeader product={product} title="Historique des phases" />
      <FlashMessage message={flash} />
      <ErrorSummary errors={refused?.errors} labels={CORRECTION_FIELD_LABELS} />
      <p>
        Les changements de phase viennent des décisions du comité d'investissement.
        {mayCorrect
          ? " Vous pouvez corriger cet historique lorsqu'il est faux : chaque correction est motivée et conservée dans le journal ci-dessous."
          : " Les responsables de l'incubateur peuvent le corriger lorsqu'il est faux ; chaque correction est motivée et conservée dans le journal ci-dessous."}
      </p>

      {warnings.length > 0 && (
        <Alert
          className="fr-mb-4w"
          severity="warning"
          title="Cet historique comporte des incohérences"
          description={
            <>
              <ul>
                {warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
              {mayCorrect && (
                <p>Une correction peut les résoudre ou les laisser en l'état, mais ne peut pas en ajouter.</p>
              )}
            </>
          }
        />
      )}

      <h2>Parcours</h2>
      {entries.length === 0 ? (
        <p>Aucune phase n'est encore enregistrée pour ce produit.</p>
      ) : (
        <Table
          caption={`Phases de ${product.name}, dans l'ordre du parcours`}
          headers={["Phase", "Début", "Fin", "Durée", "Commentaire", ...(mayCorrect ? ["Correction"] : [])]}
          data={entries.map((entry) => [
            <>
              <PhaseBadge phase={entry.phase} />
              {entry.current && <span className="fr-ml-1w">(phase actuelle)</span>}
            </>,
            formatDay(entry.startDate),
            entry.endDate ? formatDay(entry.endDate) : entry.terminal ? "—" : "Non renseignée",
            entry.terminal ? "—" : formatDuration(entry.startDate, entry.until),
            entry.comment ?? "",
            ...(mayCorrect
              ? [
                  <Link key="corriger" to={`${path}?corriger=${entry.id}#correction`} title={`Corriger la phase ${PHASE_LABELS[entry.phase]}`}>
                    Corriger
                  </Link>,
                ]
              : []),
          ])}
        />
      )}

      {mayCorrect && selected && (
        <InlineForm
          id="correction"
          title={`Corriger la phase « ${PHASE_LABELS[selected.phase]} »`}
          action={`${path}?corriger=${selected.id}`}
          cancelTo={path}
          buttons={[
            <Button key="edit" type="submit" value="edit" nativeButtonProps={{ name: "intent" }}>
              Enregistrer la correction
            </Button>,
            <Button
              key="delete"
              type="submit"
              priority="secondary"
              iconId="fr-icon-delete-line"
              value="delete"
              nativeButtonProps={{ name: "intent" }}
            >
              Supprimer cette phase
            </Button>,
          ]}
        >
          <input type="hidden" name="entryId" value={selected.id} />
          <EntryFields form={editForm} />
          <p className="fr-text--sm">
            Supprimer la phase la retire de l'historique (le motif reste obligatoire) : faites-le pour une phase saisie
            par erreur. Pour changer de phase, supprimez celle-ci et ajoutez la bonne.
          </p>
        </InlineForm>
      )}

      {mayCorrect &&
        (adding ? (
          <InlineForm
            id="ajout"
            title="Ajouter une phase manquante"
            action={`${path}?ajouter`}
            cancelTo={path}
            buttons={[
              <Button key="add" type="submit">
                Ajouter la phase
              </Button>,
            ]}
          >
            <input type="hidden" name="intent" value="add" />
            <SelectField
              form={addForm}
              name="phase"
              label={CORRECTION_FIELD_LABELS.phase}
              options={PHASES.map((phase) => ({ value: phase, label: PHASE_LABELS[phase] }))}
              emptyLabel="Choisissez une phase"
            />
            <EntryFields form={addForm} />
          </InlineForm>
        ) : (
          !selected && (
            <Button
              className="fr-mb-6w"
              priority="secondary"
              iconId="fr-icon-add-line"
              linkProps={{ to: `${path}?ajouter#ajout` }}
            >
              Ajouter une phase manquante
            </Button>
          )
        ))}

      <h2>Journal des corrections</h2>
      {corrections.length === 0 ? (
        <p>Cet historique n'a jamais été corrigé en dehors des décisions du comité.</p>
      ) : (
        <Table
          caption={`Corrections de l'historique de ${product.name}, les plus récentes d'abord`}
          headers={["Date", "Par", "Correction", "Motif"]}
          data={corrections.map((c) => [formatDateTime(c.at), c.actorName ?? "Compte supprimé", c.description, c.reason ?? ""])}
        />
      )}
    </>
  );
}
