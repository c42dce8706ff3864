import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { listIncubators } from "~/incubators/incubators.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Incubateurs");

export async function loader({ request }: LoaderFunctionArgs) {
  return { incubators: await listIncubators(await getViewer(request)) };
}

export default function Incubators() {
  const { incubators } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Incubateurs</h1>
      {incubators.length === 0 ? (
        <p>Aucun incubateur n'est encore enregistré.</p>
      ) : (
        <Table
          caption="Incubateurs et taille de leur portefeuille"
          noCaption
          headers={["Incubateur", "Ministère", "Produits incubés", "Produits en co-incubation"]}
          data={incubators.map((incubator) => [
            <Link key="name" to={`/incubateurs/${incubator.slug}`}>
              {incubator.name}
            </Link>,
            incubator.ministry ?? "Non renseigné",
            incubator.primaryProductCount,
            incubator.coIncubatedProductCount,
          ])}
        />
      )}
    </>
  );
}
