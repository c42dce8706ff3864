import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminListPage } from "~/admin/admin-page";
import { structureList } from "~/admin/structure-pages.server";
import { listIncubators } from "~/admin/structures.server";
import { organisationName } from "~/ui/organisation-name";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Incubateurs (administration)");

export function loader({ request }: LoaderFunctionArgs) {
  return structureList(request, listIncubators);
}

export default function Incubators() {
  const { flash, items } = useLoaderData<typeof loader>();
  return (
    <AdminListPage
      title="Incubateurs"
      flash={flash}
      add={{ label: "Ajouter un incubateur", path: "/admin/incubateurs/nouveau" }}
      emptyText="Aucun incubateur n'est encore enregistré."
      headers={["Nom", "Ministère", "Organisation porteuse", "Délai de revue", "Identifiant"]}
      rows={items.map((incubator) => [
        <Link key="name" to={`/admin/incubateurs/${incubator.id}`}>
          {incubator.name}
        </Link>,
        incubator.ministry?.shortName ?? "—",
        incubator.ownerOrganisation ? organisationName(incubator.ownerOrganisation) : "—",
        `${incubator.reviewIntervalMonths} mois`,
        incubator.slug,
      ])}
    />
  );
}
