import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { FlashMessage } from "~/admin/form-ui";
import { FREQUENCY_LABELS } from "~/domain/labels";
import { IndicatorBreadcrumb } from "~/indicators/indicator-ui";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, rowsToShow, type ImportPreview, type PreviewRow } from "~/indicators/csv-import";
import { commitImport, importableIndicators, previewImport } from "~/indicators/csv-import.server";
import { readCsvUpload } from "~/indicators/csv-upload.server";
import { CsvPreviewSection, CsvUploadForm } from "~/indicators/csv-upload";
import { requireProductPermission } from "~/products/product-access.server";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

const ParamsSchema = z.object({ slug: z.string().min(1) });

const importPath = (slug: string) => `/produits/${slug}/indicateurs/import`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "indicator.write");
  const indicators = await importableIndicators(product.id);
  const { flash, headers } = await takeFlash(request);
  return data({ product, indicators, flash }, { headers });
}

const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

type Refusal = { stage: "refused"; error: string };
type Preview = { stage: "preview"; fileName: string; content: string; preview: ImportPreview; shown: PreviewRow[]; notice: string | null };

const refuse = (status: number, error: string) => data<Refusal>({ stage: "refused", error }, { status });

function showPreview(fileName: string, content: string, preview: ImportPreview, notice: string | null = null, status = 200) {
  return data<Preview>({ stage: "preview", fileName, content, preview, shown: rowsToShow(preview.rows), notice }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "indicator.write");
  const upload = await readCsvUpload(request);
  if (upload.kind === "refused") return refuse(upload.status, upload.error);
  const { fileName, text } = upload;
  if (upload.kind === "preview") {
    const result = await previewImport(product.id, text);
    return result.ok ? showPreview(fileName, text, result.preview) : refuse(400, result.error);
  }
  const result = await commitImport(viewer, product, text, upload.fingerprint, fileName);
  switch (result.status) {
    case "committed": {
      const { created, updated, unchanged } = result.counts;
      return redirectWithFlash(
        importPath(product.slug),
        `Import de « ${fileName} » enregistré : ${plural(created, "valeur créée", "valeurs créées")}, ${plural(updated, "modifiée", "modifiées")}, ${plural(unchanged, "inchangée", "inchangées")}.`,
      );
    }
    case "refused":
      return showPreview(
        fileName,
        text,
        result.preview,
        result.reason === "changed"
          ? "Des valeurs ont changé depuis l'aperçu : rien n'a été enregistré. Vérifiez ce nouvel aperçu avant d'enregistrer."
          : null,
        result.reason === "changed" ? 409 : 400,
      );
    case "conflict":
      return refuse(409, "Des valeurs ont été enregistrées au même moment par quelqu'un d'autre : rien n'a été enregistré. Envoyez le fichier de nouveau.");
    case "unreadable":
      return refuse(400, result.error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(`Importer des valeurs${data ? ` · ${data.product.name}` : ""}`);

const formatNumber = (value: number) => value.toLocaleString("fr-FR", { maximumFractionDigits: 10 });

function Outcome({ row }: { row: PreviewRow }) {
  const { plan } = row;
  switch (plan.kind) {
    case "error":
      return (
        <>
          <Badge as="span" small severity="error">
            Erreur
          </Badge>
          <ul className="fr-mt-1v fr-mb-0">
            {plan.errors.map((error) => (
              <li key={error.message}>{error.message}</li>
            ))}
          </ul>
        </>
      );
    case "create":
      return (
        <>
          <Badge as="span" small severity="new" noIcon>
            Création
          </Badge>{" "}
          {formatNumber(plan.to)}
        </>
      );
    case "update":
      return (
        <>
          <Badge as="span" small severity="warning" noIcon>
            Modification
          </Badge>{" "}
          de {formatNumber(plan.from)} à {formatNumber(plan.to)}
        </>
      );
    case "unchanged":
      return (
        <>
          <Badge as="span" small noIcon>
            Inchangée
          </Badge>{" "}
          {formatNumber(plan.to)}
        </>
      );
    case "skipped":
      return (
        <Badge as="span" small noIcon>
          Ignorée : pas de valeur
        </Badge>
      );
  }
}

function PreviewSection({ result }: { result: Preview }) {
  const { counts } = result.preview;
  const toWrite = counts.created + counts.updated;
  return (
    <CsvPreviewSection
      fileName={result.fileName}
      fingerprint={result.preview.fingerprint}
      content={result.content}
      notice={result.notice}
      counts={
        <>
          <li>{plural(counts.rows, "ligne de valeurs", "lignes de valeurs")}</li>
          <li>{plural(counts.created, "valeur à créer", "valeurs à créer")}</li>
          <li>{plural(counts.updated, "valeur à modifier", "valeurs à modifier")}</li>
          <li>{plural(counts.unchanged, "valeur inchangée", "valeurs inchangées")}</li>
          {counts.skipped > 0 && <li>{plural(counts.skipped, "ligne ignorée (sans valeur)", "lignes ignorées (sans valeur)")}</li>}
        </>
      }
      errors={counts.errors}
      commitLabel={toWrite === 0 ? null : `Enregistrer ${plural(toWrite, "valeur", "valeurs")}`}
      nothingToWrite="Rien à enregistrer : toutes ces valeurs sont déjà enregistrées."
    >
      {result.shown.length < result.preview.rows.length && (
        <p className="fr-text--sm">
          {`${plural(result.shown.length, "ligne est affichée", "lignes sont affichées")} sur ${result.preview.rows.length.toLocaleString("fr-FR")} : les lignes en erreur, puis les modifications et les créations.`}
        </p>
      )}
      <Table
        caption={`Lignes de « ${result.fileName} »`}
        headers={["Ligne", "Indicateur", "Période", "Valeur", "Résultat"]}
        data={result.shown.map((row) => [row.line, row.indicator, row.period, row.value, <Outcome key="outcome" row={row} />])}
      />
    </CsvPreviewSection>
  );
}

export default function ImportPage() {
  const { product, indicators, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  return (
    <>
      <IndicatorBreadcrumb product={product} current="Importer des valeurs" />
      <h1>Importer des valeurs d'indicateurs</h1>
      <FlashMessage message={flash} />
      <p>
        Envoyez un fichier CSV : Jalon vous montre d'abord ce que chaque ligne va faire, puis enregistre toutes les
        valeurs d'un coup, ou aucune si une ligne est en erreur. Envoyer de nouveau le même fichier ne change rien.
      </p>
      <ul>
        <li>
          Première ligne : les noms des colonnes <code>indicateur</code>, <code>periode</code>, <code>valeur</code> et,
          si une valeur déjà enregistrée change, <code>raison</code> (facultative). Les autres colonnes sont ignorées.
        </li>
        <li>Indicateur : son nom (majuscules et accents indifférents).</li>
        <li>
          Période : <code>2026-10</code> (un mois), <code>2026-T4</code> (un trimestre), ou un jour (<code>2026-10-15</code>,{" "}
          <code>15/10/2026</code>) pour la période qui le contient. Une période à venir est refusée.
        </li>
        <li>
          Valeur : <code>1 234,5</code> ou <code>1234.5</code>. Une ligne sans valeur est ignorée.
        </li>
        <li>{`Séparateur « ; » ou « , », encodage UTF-8, ${MEGABYTES} Mo et ${MAX_IMPORT_ROWS.toLocaleString("fr-FR")} lignes au plus.`}</li>
      </ul>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/produits/${product.slug}/indicateurs/modele.csv`} download>
          Télécharger le modèle pré-rempli avec les indicateurs du produit
        </a>
      </p>
      {indicators.length === 0 ? (
        <Alert className="fr-mb-3w" severity="info" small description="Ce produit n'a encore aucun indicateur : aucune valeur ne peut être importée." />
      ) : (
        <details className="fr-mb-3w">
          <summary>{`Les ${plural(indicators.length, "indicateur", "indicateurs")} du produit`}</summary>
          <ul>
            {indicators.map((i) => (
              <li key={i.name}>
                {i.name} ({FREQUENCY_LABELS[i.frequency].toLowerCase()})
              </li>
            ))}
          </ul>
        </details>
      )}

      <CsvUploadForm
        error={result?.stage === "refused" ? result.error : null}
        previewShown={result?.stage === "preview"}
        busyMessages={{
          preview: "Envoi et lecture du fichier… Un grand fichier peut prendre quelques secondes.",
          commit: "Enregistrement des valeurs…",
        }}
      />

      {result?.stage === "preview" && <PreviewSection result={result} />}
      <p className="fr-mt-6w">
        Pour envoyer des valeurs automatiquement (depuis Matomo ou un script), utilisez plutôt{" "}
        <Link to={`/produits/${product.slug}/jetons`}>un jeton API</Link>.
      </p>
    </>
  );
}
