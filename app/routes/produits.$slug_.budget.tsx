import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BUDGET_NATURE_LABELS } from "~/domain/budget-statements";
import { BUDGET_CSV_HEADER, BUDGET_NATURE_CODES } from "~/funding/budget-csv";
import { FundersTable, YearBreakdownFigures, YearsFigure } from "~/funding/budget-figures";
import { loadPublicBudget, requireBudgetReader } from "~/funding/budget-statements.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const product = await requireBudgetReader(request, slug, (current) => `/produits/${current}/budget`);
  const budget = await loadPublicBudget(product.id);
  // `?annee=2025` chooses the year shown by activity and resource; by default, the latest one.
  const asked = Number(new URL(request.url).searchParams.get("annee"));
  const shown = budget.years.find((y) => y.year === asked) ?? budget.years.at(-1) ?? null;
  return data({ product, years: budget.years, funders: budget.funders, granted: budget.granted, shown });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Budget de ${data.product.name}` : "Budget");

export default function PublicBudget() {
  const { product, years, funders, granted, shown } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        segments={[
          { label: "Portefeuille", linkProps: { to: "/" } },
          { label: product.name, linkProps: { to: `/produits/${product.slug}` } },
        ]}
        currentPageLabel="Budget"
      />
      <h1>Budget de {product.name}</h1>
      {!product.isPublic && (
        <Alert
          className="fr-mb-4w"
          severity="warning"
          small
          description="Ce produit n'est pas public : cette page n'est visible que des personnes qui suivent son financement."
        />
      )}
      <p>
        Ce que le produit a engagé (AE, autorisations d'engagement) et payé (CP, crédits de paiement) chaque année, selon
        la nomenclature commune du réseau : par activité et par ressource. Pour une année close, les montants sont ceux du
        réalisé ; pour l'année en cours, ceux du dernier prévisionnel. Les AE et les CP d'une même année diffèrent
        normalement : une année paie aussi ce que les précédentes ont engagé.
      </p>

      {years.length === 0 ? (
        <p>Aucun budget n'est encore publié pour ce produit.</p>
      ) : (
        <>
          <section aria-labelledby="par-annee">
            <h2 id="par-annee">Par année</h2>
            <YearsFigure years={years} />
          </section>
          {shown && (
            <section aria-labelledby="detail">
              <h2 id="detail">
                Détail de {shown.year} ({BUDGET_NATURE_LABELS[shown.nature].toLowerCase()})
              </h2>
              {years.length > 1 && (
                <nav aria-label="Choisir l'année détaillée" className="fr-mb-3w">
                  <ul className="fr-tags-group">
                    {years.map((y) => (
                      <li key={y.year}>
                        <Link className="fr-tag" to={`?annee=${y.year}`} aria-current={y.year === shown.year ? "page" : undefined}>
                          {y.year}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              <YearBreakdownFigures year={shown} />
            </section>
          )}
        </>
      )}

      <section aria-labelledby="financeurs">
        <h2 id="financeurs">Financeurs</h2>
        <p>Les financements accordés au produit, avec la part de chaque financeur (fonds FAST compris).</p>
        <FundersTable funders={funders} granted={granted} />
      </section>

      <section aria-labelledby="donnees" className="fr-mt-6w">
        <h2 id="donnees">Données</h2>
        <p>
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/produits/${product.slug}/budget.csv`} download>
            Télécharger le budget (CSV)
          </a>
        </p>
        <p className="fr-text--sm">
          {`Fichier CSV encodé en UTF-8, séparateur « ; », une ligne par case du budget. Colonnes : ${BUDGET_CSV_HEADER.join(", ")}. `}
          {`annee : l'année ; nature : ${BUDGET_NATURE_CODES.actual} (réalisé) ou ${BUDGET_NATURE_CODES.forecast} (prévisionnel) ; activite et ressource : les codes de la nomenclature ; ae et cp : montants engagés et payés, en euros, avec une virgule décimale.`}
        </p>
      </section>
    </>
  );
}
