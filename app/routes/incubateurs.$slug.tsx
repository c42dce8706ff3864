import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getViewer } from "~/auth/viewer.server";
import { PHASE_LABELS } from "~/domain/labels";
import { loadIncubatorPage } from "~/incubators/incubators.server";
import { PortfolioList } from "~/products/portfolio-list";
import { loadPortfolioView } from "~/products/portfolio.server";
import { organisationName } from "~/ui/organisation-name";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const viewer = await getViewer(request);
  // The portfolio list, with the incubator set by the page: its own and its co-incubated products.
  // Read alongside the page (an unknown incubator's list is only a 400 view, thrown away below).
  const [incubator, { status, view }] = await Promise.all([
    loadIncubatorPage(viewer, slug),
    loadPortfolioView(viewer, new URL(request.url), { incubateur: slug }),
  ]);
  if (!incubator) throw new Response(null, { status: 404, statusText: "Incubateur introuvable" });
  return data({ incubator, portfolio: view }, { status });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.incubator.name ?? "Incubateur");

export default function IncubatorPage() {
  const { incubator, portfolio } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb segments={[{ label: "Incubateurs", linkProps: { to: "/incubateurs" } }]} currentPageLabel={incubator.name} />
      <h1>{incubator.name}</h1>
      {incubator.description && <p className="fr-text--lead">{incubator.description}</p>}
      <ul className="fr-mb-6w">
        <li>Ministère : {incubator.ministry?.name ?? "non renseigné"}</li>
        <li>
          Organisation porteuse :{" "}
          {incubator.ownerOrganisation ? organisationName(incubator.ownerOrganisation) : "non renseignée"}
        </li>
        {incubator.website && (
          <li>
            <a className="fr-link" href={incubator.website}>
              Site de l'incubateur
            </a>
          </li>
        )}
      </ul>
      <p>
        <Link className="fr-link fr-icon-line-chart-line fr-link--icon-left" to={`/tableau-de-bord/incubateurs/${incubator.slug}`}>
          Tableau de bord de l'incubateur
        </Link>
      </p>
      {incubator.tools.length > 0 && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mb-6w">
          {incubator.tools.map((tool) => (
            <li key={tool.to}>
              <Link className="fr-btn fr-btn--secondary" to={tool.to}>
                {tool.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {incubator.phaseCounts.length > 0 && (
        <Table
          className="fr-mb-6w"
          caption="Produits par phase"
          headers={["Phase", "Produits"]}
          data={[
            ...incubator.phaseCounts.map((row) => [row.phase ? PHASE_LABELS[row.phase] : "Phase non renseignée", String(row.count)]),
            ["Total", String(incubator.phaseCounts.reduce((sum, row) => sum + row.count, 0))],
          ]}
        />
      )}
      <h2>Produits</h2>
      <p>Les produits incubés ici, et ceux qu'il co-incube avec un autre incubateur (la colonne « Incubateur » donne l'incubateur principal).</p>
      <PortfolioList view={portfolio} path={`/incubateurs/${incubator.slug}`} caption={`Produits de ${incubator.name}`} />
    </>
  );
}
