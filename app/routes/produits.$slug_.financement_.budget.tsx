import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { optionalText, parseForm } from "~/admin/form-parsing";
import { ErrorSummary, fieldId, FlashMessage, TextField } from "~/admin/form-ui";
import {
  BUDGET_NATURE_LABELS,
  BUDGET_NATURES,
  dueStatements,
  gridFieldLabels,
  gridValues,
  readBudgetGrid,
  readBudgetYear,
  statementName,
} from "~/domain/budget-statements";
import { today } from "~/domain/days";
import { currentStatementIn, currentStatements, inBudgetTransaction, recordBudgetStatement } from "~/funding/budget-statements.server";
import { BudgetGrid, budgetEntryPath, budgetImportPath, financementPath, FundingBreadcrumb } from "~/funding/budget-ui";
import { db } from "~/db.server";
import { readFormFields } from "~/http/form.server";
import { requireProductPermission } from "~/products/product-access.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

const NATURE_ERROR = "Choisissez la nature du budget : réalisé ou prévisionnel.";

const yearField = z.string({ error: "Indiquez l'année." }).transform((text, ctx) => {
  const read = readBudgetYear(text);
  if (!read.ok) ctx.addIssue({ code: "custom", message: read.message });
  return read.ok ? read.year : z.NEVER;
});

/** Which statement to show: the year and nature of the address (`?annee=2026&nature=forecast`). */
const ChoiceSchema = z.object({ annee: yearField, nature: z.enum(BUDGET_NATURES, { error: NATURE_ERROR }) });

const EntrySchema = ChoiceSchema.extend({
  /** The revision the grid was prefilled from ("" for none): a save on top of a newer one is refused. */
  revision: z.string().regex(/^\d*$/, "Révision illisible : rechargez la page.").transform((text) => (text === "" ? null : Number(text))),
  commentaire: optionalText(500),
});

const FIELD_LABELS = { annee: "Année", nature: "Nature", commentaire: "Commentaire", ...gridFieldLabels() };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "funding.edit");
  const search = new URL(request.url).searchParams;
  const { flash, headers } = await takeFlash(request);
  const due = dueStatements(today(), await currentStatements(product.id));
  const asked = search.has("annee") || search.has("nature") ? ChoiceSchema.safeParse(Object.fromEntries(search)) : null;
  if (asked && !asked.success) {
    const problem = asked.error.issues.map((issue) => issue.message).join(" ");
    return data({ product, flash, due, problem, entry: null }, { status: 400, headers });
  }
  // Without a choice, the first statement due, else this year's forecast.
  const choice = asked?.data ?? (due[0] ? { annee: due[0].year, nature: due[0].nature } : { annee: today().getUTCFullYear(), nature: "forecast" as const });
  const current = await currentStatementIn(db(), product.id, choice.annee, choice.nature);
  const entry = { year: choice.annee, nature: choice.nature, revision: current?.revision ?? null, values: current ? gridValues(current.cells) : {} };
  return data({ product, flash, due, problem: null, entry }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "funding.edit");
  const fields = await readFormFields(request);
  const form = parseForm(EntrySchema, fields);
  const grid = readBudgetGrid(fields);
  if (!form.success || !grid.ok) {
    return data({ errors: { ...(form.success ? {} : form.errors), ...(grid.ok ? {} : grid.errors) }, values: fields }, { status: 400 });
  }
  const { annee: year, nature, revision, commentaire } = form.data;
  const saved = await inBudgetTransaction((tx) =>
    recordBudgetStatement(tx, {
      productId: product.id,
      year,
      nature,
      cells: grid.cells,
      origin: "form",
      userId: viewer.userId,
      comment: commentaire ?? null,
      basedOnRevision: revision,
    }),
  );
  if (!saved.ok) return data({ errors: { grille: [saved.error] }, values: fields }, { status: 409 });
  const name = statementName({ year, nature });
  const back = `${budgetEntryPath(product.slug)}?annee=${year}&nature=${nature}`;
  return redirectWithFlash(
    back,
    saved.value.status === "unchanged"
      ? `${name} : rien n'a changé, la révision ${saved.value.revision} reste en vigueur.`
      : `${name} enregistré (révision ${saved.value.revision}).`,
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(`Saisie du budget${data ? ` · ${data.product.name}` : ""}`);

export default function BudgetEntry() {
  const { product, flash, due, problem, entry } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  // A new key after each navigation: the fields show the saved values again.
  const { key } = useLocation();
  const form = { values: refused?.values ?? entry?.values ?? {}, errors: refused?.errors ?? {} };

  return (
    <>
      <FundingBreadcrumb product={product} current="Saisie du budget" />
      <h1>Saisie du budget</h1>
      <FlashMessage message={flash} />
      <p>
        Le budget se saisit deux fois par an : en janvier, le réalisé de l'année écoulée et le prévisionnel de l'année ; en
        juin, le prévisionnel mis à jour. Pour chaque case (activité × ressource), indiquez les montants engagés (AE,
        autorisations d'engagement) et payés (CP, crédits de paiement), en euros : <code>1 234,56</code> ou{" "}
        <code>1234.56</code>. Une case vide n'est pas enregistrée ; les AE et les CP d'une année peuvent différer. Chaque
        enregistrement crée une nouvelle révision : les précédentes sont conservées.
      </p>
      <p>
        <Link to={budgetImportPath(product.slug)}>Importer un fichier CSV</Link> ·{" "}
        <Link to={financementPath(product.slug)}>Retour au financement</Link>
      </p>
      {due.length > 0 && (
        <Alert
          className="fr-mb-4w"
          severity="info"
          title="Saisies attendues"
          description={
            <ul>
              {due.map((d) => (
                <li key={`${d.year}-${d.nature}`}>
                  <Link to={`?annee=${d.year}&nature=${d.nature}`}>{statementName(d)}</Link> : {d.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Form method="get" className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mb-4w" aria-label="Choisir l'année et la nature">
        <div className="fr-col-12 fr-col-md-3">
          <Input label="Année" nativeInputProps={{ id: fieldId("annee"), name: "annee", inputMode: "numeric", defaultValue: entry?.year ?? "" }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Nature" nativeSelectProps={{ id: fieldId("nature"), name: "nature", defaultValue: entry?.nature ?? "forecast" }}>
            {BUDGET_NATURES.map((nature) => (
              <option key={nature} value={nature}>
                {BUDGET_NATURE_LABELS[nature]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
          <Button type="submit" priority="secondary">
            Afficher
          </Button>
        </div>
      </Form>

      {problem && <Alert className="fr-mb-4w" severity="error" title="Choix impossible" description={problem} />}
      {entry && (
        <>
          <h2>{statementName(entry)}</h2>
          <p>
            {entry.revision === null
              ? "Aucun budget n'est encore enregistré pour cette année et cette nature."
              : `La grille reprend la révision ${entry.revision}, en vigueur.`}
          </p>
          <ErrorSummary errors={refused?.errors} labels={FIELD_LABELS} />
          <Form key={key} method="post" noValidate className="fr-mb-6w">
            <input type="hidden" name="annee" value={entry.year} />
            <input type="hidden" name="nature" value={entry.nature} />
            <input type="hidden" name="revision" value={entry.revision ?? ""} />
            <BudgetGrid form={form} />
            <TextField form={form} name="commentaire" label="Commentaire (facultatif)" hint="Ce qui explique cette révision." textArea />
            <Button type="submit">Enregistrer une nouvelle révision</Button>
          </Form>
        </>
      )}
    </>
  );
}
