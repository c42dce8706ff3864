import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { PhaseBadge } from "~/components/phase-badge";
import { LIFECYCLE_FILTER_LABELS, PHASE_LABELS } from "~/domain/labels";
import { PHASES } from "~/domain/phases";
import {
  LIFECYCLE_FILTERS,
  PortfolioFiltersSchema,
  type PortfolioFilterErrors,
  type PortfolioFilters,
} from "~/products/portfolio-filters";
import { getViewer } from "~/auth/viewer.server";
import { listPortfolio } from "~/products/portfolio.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Portefeuille");

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = PortfolioFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const errors: PortfolioFilterErrors = z.flattenError(parsed.error).fieldErrors;
    const filters: PortfolioFilters = {};
    return data({ filters, errors, products: [] }, { status: 400 });
  }
  const errors: PortfolioFilterErrors = {};
  return { filters: parsed.data, errors, products: await listPortfolio(await getViewer(request), parsed.data) };
}

export default function Portfolio() {
  const { filters, errors, products } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const errorMessages = [...(errors.phase ?? []), ...(errors.statut ?? [])];

  return (
    <>
      <h1>Portefeuille</h1>
      {errorMessages.length > 0 && (
        <Alert
          className="fr-mb-4w"
          severity="error"
          title="Ces filtres ne sont pas valides"
          description={errorMessages.join(" ")}
        />
      )}
      {/* Keyed by the query so that the fields show the filters after each navigation. */}
      <Form method="get" key={search} className="fr-mb-4w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Phase"
              state={errors.phase ? "error" : "default"}
              stateRelatedMessage={errors.phase?.join(" ")}
              nativeSelectProps={{ name: "phase", defaultValue: filters.phase ?? "" }}
            >
              <option value="">Toutes les phases</option>
              {PHASES.map((phase) => (
                <option key={phase} value={phase}>
                  {PHASE_LABELS[phase]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Statut"
              state={errors.statut ? "error" : "default"}
              stateRelatedMessage={errors.statut?.join(" ")}
              nativeSelectProps={{ name: "statut", defaultValue: filters.statut ?? "" }}
            >
              <option value="">Actifs et terminés</option>
              {LIFECYCLE_FILTERS.map((status) => (
                <option key={status} value={status}>
                  {LIFECYCLE_FILTER_LABELS[status]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
            <Button type="submit">Filtrer</Button>
          </div>
        </div>
      </Form>
      {errorMessages.length === 0 && (
        <>
          <p role="status">{products.length > 1 ? `${products.length} produits` : `${products.length} produit`}</p>
          {products.length === 0 ? (
            <p>Aucun produit ne correspond à ces filtres.</p>
          ) : (
            <Table
              caption="Produits du portefeuille"
              noCaption
              headers={["Produit", "Phase actuelle", "Incubateur", "Sponsors"]}
              data={products.map((product) => [
                <Link key="name" to={`/produits/${product.slug}`}>
                  {product.name}
                </Link>,
                <PhaseBadge key="phase" phase={product.phase} />,
                <Link key="incubator" to={`/incubateurs/${product.incubator.slug}`}>
                  {product.incubator.name}
                </Link>,
                product.sponsors.length === 0
                  ? "Aucun"
                  : product.sponsors.map((sponsor, i) => (
                      <span key={sponsor.name}>
                        {i > 0 && ", "}
                        {sponsor.acronym ? <abbr title={sponsor.name}>{sponsor.acronym}</abbr> : sponsor.name}
                      </span>
                    )),
              ])}
            />
          )}
        </>
      )}
    </>
  );
}
