import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PhaseBadge } from "~/components/phase-badge";
import { getViewer } from "~/auth/viewer.server";
import { loadIncubatorPage } from "~/incubators/incubators.server";
import { organisationName } from "~/ui/organisation-name";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const incubator = await loadIncubatorPage(await getViewer(request), slug);
  if (!incubator) throw new Response(null, { status: 404, statusText: "Incubateur introuvable" });
  return { incubator };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.incubator.name ?? "Incubateur");

export default function IncubatorPage() {
  const { incubator } = useLoaderData<typeof loader>();
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
      <h2>Produits</h2>
      {incubator.products.length === 0 ? (
        <p>Aucun produit n'est encore rattaché à cet incubateur.</p>
      ) : (
        <Table
          caption={`Produits de ${incubator.name}`}
          noCaption
          headers={["Produit", "Phase actuelle", "Incubation"]}
          data={incubator.products.map((product) => [
            <Link key="name" to={`/produits/${product.slug}`}>
              {product.name}
            </Link>,
            <PhaseBadge key="phase" phase={product.phase} />,
            product.coIncubated ? "Co-incubation" : "Incubateur principal",
          ])}
        />
      )}
    </>
  );
}
