import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { FlashMessage } from "~/admin/form-ui";
import { statementName } from "~/domain/budget-statements";
import { BUDGET_ACTIVITIES, BUDGET_RESOURCES } from "~/domain/budget-taxonomy";
import { formatEuros } from "~/domain/money";
import { BUDGET_CSV_HEADER, BUDGET_NATURE_CODES, MAX_BUDGET_ROWS } from "~/funding/budget-csv";
import { commitBudgetImport, previewBudgetImport, type BudgetPreview, type StatementPlan } from "~/funding/budget-import.server";
import { budgetEntryPath, budgetImportPath, FundingBreadcrumb } from "~/funding/budget-ui";
import { MAX_IMPORT_BYTES } from "~/indicators/csv-import";
import { readCsvUpload } from "~/indicators/csv-upload.server";
import { CsvPreviewSection, CsvUploadForm } from "~/indicators/csv-upload";
import { requireProductPermission } from "~/products/product-access.server";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "funding.edit");
  const { flash, headers } = await takeFlash(request);
  return data({ product, flash }, { headers });
}

const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

type Refusal = { stage: "refused"; error: string };
type Preview = { stage: "preview"; fileName: string; content: string; preview: BudgetPreview; notice: string | null };

const refuse = (status: number, error: string) => data<Refusal>({ stage: "refused", error }, { status });
const showPreview = (fileName: string, content: string, preview: BudgetPreview, notice: string | null = null, status = 200) =>
  data<Preview>({ stage: "preview", fileName, content, preview, notice }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "funding.edit");
  const upload = await readCsvUpload(request);
  if (upload.kind === "refused") return refuse(upload.status, upload.error);
  const { fileName, text } = upload;
  if (upload.kind === "preview") {
    const result = await previewBudgetImport(product.id, text);
    return result.ok ? showPreview(fileName, text, result.preview) : refuse(400, result.error);
  }
  const result = await commitBudgetImport(viewer, product.id, text, upload.fingerprint, fileName);
  switch (result.status) {
    case "committed": {
      const names = result.recorded.map((plan) => `${statementName(plan).toLowerCase()} (révision ${(plan.currentRevision ?? 0) + 1})`);
      return redirectWithFlash(
        budgetImportPath(product.slug),
        names.length === 0
          ? `Import de « ${fileName} » : rien n'a changé, ces budgets étaient déjà enregistrés.`
          : `Import de « ${fileName} » enregistré : ${names.join(", ")}.`,
      );
    }
    case "refused":
      return result.reason === "changed"
        ? showPreview(fileName, text, result.preview, "Le budget a changé depuis l'aperçu : rien n'a été enregistré. Vérifiez ce nouvel aperçu avant d'enregistrer.", 409)
        : showPreview(fileName, text, result.preview, null, 400);
    case "conflict":
      return refuse(409, result.error);
    case "unreadable":
      return refuse(400, result.error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(`Importer un budget${data ? ` · ${data.product.name}` : ""}`);

const PLAN_WORDING: Record<StatementPlan["kind"], string> = {
  create: "Première saisie",
  revise: "Nouvelle révision",
  unchanged: "Inchangé",
};

function PreviewSection({ result }: { result: Preview }) {
  const { counts, statements, rows } = result.preview;
  const changing = statements.filter((s) => s.kind !== "unchanged");
  const errorRows = rows.filter((row) => row.errors.length > 0);
  return (
    <CsvPreviewSection
      fileName={result.fileName}
      fingerprint={result.preview.fingerprint}
      content={result.content}
      notice={result.notice}
      counts={
        <>
          <li>{plural(counts.rows, "ligne de montants", "lignes de montants")}</li>
          {counts.skipped > 0 && <li>{plural(counts.skipped, "ligne ignorée (sans montant)", "lignes ignorées (sans montant)")}</li>}
        </>
      }
      errors={counts.errors}
      commitLabel={changing.length === 0 ? null : `Enregistrer ${plural(changing.length, "budget", "budgets")}`}
      nothingToWrite="Rien à enregistrer : ces budgets sont déjà enregistrés tels quels."
    >
      {errorRows.length > 0 && (
        <Table
          caption="Lignes en erreur"
          headers={["Ligne", "Erreurs"]}
          data={errorRows.map((row) => [
            row.line,
            <ul key="errors" className="fr-mb-0">
              {row.errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>,
          ])}
        />
      )}
      {statements.length > 0 && (
        <Table
          caption="Budgets du fichier"
          headers={["Budget", "Cases", "AE (engagé)", "CP (payé)", "Résultat"]}
          data={statements.map((s) => [
            statementName(s),
            s.cells,
            formatEuros(s.committed),
            formatEuros(s.paid),
            <Badge key="plan" as="span" small noIcon severity={s.kind === "unchanged" ? undefined : "new"}>
              {s.kind === "revise" ? `${PLAN_WORDING.revise} (remplace la révision ${s.currentRevision})` : PLAN_WORDING[s.kind]}
            </Badge>,
          ])}
        />
      )}
    </CsvPreviewSection>
  );
}

export default function BudgetImport() {
  const { product, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  return (
    <>
      <FundingBreadcrumb product={product} current="Importer un budget" />
      <h1>Importer un budget (CSV)</h1>
      <FlashMessage message={flash} />
      <p>
        Envoyez un fichier CSV : Jalon vous montre d'abord ce qu'il contient, puis enregistre tous les budgets du fichier
        d'un coup, ou aucun si une ligne est en erreur. Chaque année et nature présente dans le fichier devient une
        nouvelle révision, qui remplace entièrement la précédente (conservée). Envoyer de nouveau le même fichier ne
        change rien.
      </p>
      <ul>
        <li>
          Première ligne : les noms des colonnes{" "}
          {BUDGET_CSV_HEADER.map((name, i) => (
            <span key={name}>
              {i > 0 && ", "}
              <code>{name}</code>
            </span>
          ))}
          . Les autres colonnes sont ignorées.
        </li>
        <li>
          <code>annee</code> : l'année, par exemple <code>2026</code>. <code>nature</code> : <code>{BUDGET_NATURE_CODES.actual}</code> (réalisé)
          ou <code>{BUDGET_NATURE_CODES.forecast}</code> (prévisionnel).
        </li>
        <li>
          <code>activite</code> : {BUDGET_ACTIVITIES.join(", ")} (ou leur libellé). <code>ressource</code> : {BUDGET_RESOURCES.join(", ")} (ou
          leur libellé).
        </li>
        <li>
          <code>ae</code> et <code>cp</code> : montants engagés et payés, en euros (<code>1 234,56</code> ou <code>1234.56</code>). Une ligne
          sans montant est ignorée.
        </li>
        <li>{`Séparateur « ; » ou « , », encodage UTF-8, ${MEGABYTES} Mo et ${MAX_BUDGET_ROWS.toLocaleString("fr-FR")} lignes au plus.`}</li>
      </ul>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`${budgetEntryPath(product.slug)}/modele.csv`} download>
          Télécharger le modèle (toutes les cases de la prochaine saisie attendue)
        </a>
      </p>

      <CsvUploadForm
        error={result?.stage === "refused" ? result.error : null}
        previewShown={result?.stage === "preview"}
        busyMessages={{ preview: "Envoi et lecture du fichier…", commit: "Enregistrement des budgets…" }}
      />

      {result?.stage === "preview" && <PreviewSection result={result} />}
      <p className="fr-mt-6w">
        Vous pouvez aussi <Link to={budgetEntryPath(product.slug)}>saisir le budget dans une grille</Link>.
      </p>
    </>
  );
}
