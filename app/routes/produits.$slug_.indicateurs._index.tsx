import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { getViewer } from "~/auth/viewer.server";
import {
  DIRECTION_LABELS,
  FREQUENCY_LABELS,
  IMPACT_LEVEL_DESCRIPTIONS,
  IMPACT_LEVEL_LABELS,
  INDICATOR_KIND_LABELS,
  INDICATOR_SOURCE_LABELS,
} from "~/domain/labels";
import { readFormFields } from "~/http/form.server";
import { addMandatoryIndicators, loadIndicatorList, mandatoryAddedMessage } from "~/indicators/definitions.server";
import { IndicatorListActionSchema } from "~/indicators/indicator-form";
import { IndicatorBreadcrumb, ValueStatusBadge } from "~/indicators/indicator-ui";
import { formatMeasure, formatPeriod } from "~/indicators/indicator-wording";
import { requireProductPermission } from "~/products/product-access.server";
import { missingProductAnswer } from "~/products/product-slugs.server";
import { formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const viewer = await getViewer(request);
  const page = await loadIndicatorList(viewer, slug);
  if (!page) throw await missingProductAnswer(viewer, slug, (current) => `/produits/${current}/indicateurs`);
  const { flash, headers } = await takeFlash(request);
  return data({ ...page, flash }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "indicator.write");
  const form = parseForm(IndicatorListActionSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const result = await addMandatoryIndicators(viewer.userId, product.id);
  return redirectWithFlash(`/produits/${product.slug}/indicateurs`, mandatoryAddedMessage(result));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Indicateurs de ${data.product.name}` : "Indicateurs");

type Row = ReturnType<typeof useLoaderData<typeof loader>>["archived"][number];

function indicatorCells(row: Row, productSlug: string, mayWrite: boolean) {
  return [
    <>
      {mayWrite ? <Link to={`/produits/${productSlug}/indicateurs/${row.id}`}>{row.name}</Link> : row.name}
      {row.matrixCode && (
        <Badge as="span" small noIcon severity="new" className="fr-ml-1w">
          Obligatoire
        </Badge>
      )}
      {!row.isPublic && (
        <Badge as="span" small noIcon className="fr-ml-1w">
          Non public
        </Badge>
      )}
      {row.description && <p className="fr-text--xs fr-mb-0">{row.description}</p>}
    </>,
    INDICATOR_KIND_LABELS[row.kind],
    row.unit || "Sans unité",
    DIRECTION_LABELS[row.direction],
    FREQUENCY_LABELS[row.frequency],
    INDICATOR_SOURCE_LABELS[row.source],
    row.baselineValue !== null && row.baselineDate
      ? `${formatMeasure(row.baselineValue, row.unit)} au ${formatDay(row.baselineDate)}`
      : "Non renseignée",
    row.targets.length === 0 ? (
      "Aucune"
    ) : (
      <ul className="fr-mb-0">
        {row.targets.map((target) => (
          <li key={target.dueDate.toISOString()}>
            {formatMeasure(target.value, row.unit)} au {formatDay(target.dueDate)}
          </li>
        ))}
      </ul>
    ),
    row.latest ? (
      <>
        {formatMeasure(row.latest.value, row.unit)} ({formatPeriod(row.latest.periodStart, row.frequency)}){" "}
        <ValueStatusBadge status={row.latest.status} />
      </>
    ) : (
      "Aucune valeur"
    ),
  ];
}

const HEADERS = ["Indicateur", "Nature", "Unité", "Sens souhaité", "Fréquence", "Source", "Référence", "Cibles", "Dernière valeur"];

export default function IndicatorList() {
  const { product, mayWrite, levels, archived, measuresImpact, missingMandatory, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const base = `/produits/${product.slug}/indicateurs`;

  return (
    <>
      <IndicatorBreadcrumb product={product} />
      <h1>Indicateurs de {product.name}</h1>
      <FlashMessage message={flash} />
      <ErrorSummary errors={refused?.errors} labels={{}} title="L'action n'a pas été faite" />
      {!measuresImpact && (
        <Alert
          className="fr-mb-4w"
          severity="warning"
          title="Aucun indicateur d'impact"
          description="Ce produit ne suit aucun indicateur d'impact : les indicateurs de moyens (budget, fonctionnalités livrées, comptes créés) ne disent pas ce que le service change pour ses usagers."
        />
      )}
      {mayWrite && (
        <div className="fr-mb-6w">
          {missingMandatory.length > 0 && (
            <Form method="post" className="fr-mb-3w">
              <input type="hidden" name="intent" value="addMandatory" />
              <p className="fr-mb-1w">
                Indicateurs obligatoires de la matrice d'impact que le produit ne suit pas encore :{" "}
                {missingMandatory.map((name) => `« ${name} »`).join(", ")}.
              </p>
              <Button type="submit" iconId="fr-icon-add-line">
                Partir des indicateurs obligatoires de la matrice d'impact
              </Button>
            </Form>
          )}
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: `${base}/nouveau` }}>
                Ajouter un indicateur
              </Button>
            </li>
            <li>
              <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: `${base}/saisie` }}>
                Saisir les valeurs
              </Button>
            </li>
          </ul>
        </div>
      )}

      {levels.map(({ level, indicators }) => (
        <section key={level} className="fr-mb-6w">
          <h2 className="fr-mb-1w">{IMPACT_LEVEL_LABELS[level]}</h2>
          <p className="fr-text--sm">{IMPACT_LEVEL_DESCRIPTIONS[level]}</p>
          {indicators.length === 0 ? (
            <p>Aucun indicateur à ce niveau.</p>
          ) : (
            <Table
              caption={`Indicateurs du niveau « ${IMPACT_LEVEL_LABELS[level]} »`}
              noCaption
              headers={HEADERS}
              data={indicators.map((row) => indicatorCells(row, product.slug, mayWrite))}
            />
          )}
        </section>
      ))}

      {archived.length > 0 && (
        <section className="fr-mb-6w">
          <h2>Indicateurs archivés</h2>
          <p className="fr-text--sm">Ils ne sont plus suivis ; leurs valeurs restent consultables.</p>
          <Table
            caption="Indicateurs archivés"
            noCaption
            headers={HEADERS}
            data={archived.map((row) => indicatorCells(row, product.slug, mayWrite))}
          />
        </section>
      )}
    </>
  );
}
