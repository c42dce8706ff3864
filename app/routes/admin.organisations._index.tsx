import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminListPage } from "~/admin/admin-page";
import { structureList } from "~/admin/structure-pages.server";
import { listOrganisations } from "~/admin/structures.server";
import { ORGANISATION_TYPE_LABELS } from "~/domain/labels";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Organisations");

export function loader({ request }: LoaderFunctionArgs) {
  return structureList(request, listOrganisations);
}

export default function Organisations() {
  const { flash, items } = useLoaderData<typeof loader>();
  return (
    <AdminListPage
      title="Organisations"
      intro="Les administrations qui portent des incubateurs ou financent des produits."
      flash={flash}
      add={{ label: "Ajouter une organisation", path: "/admin/organisations/nouveau" }}
      emptyText="Aucune organisation n'est encore enregistrée."
      headers={["Nom", "Sigle", "Type", "Ministère", "Identifiant"]}
      rows={items.map((organisation) => [
        <Link key="name" to={`/admin/organisations/${organisation.id}`}>
          {organisation.name}
        </Link>,
        organisation.acronym ?? "—",
        ORGANISATION_TYPE_LABELS[organisation.type],
        organisation.ministry?.shortName ?? "—",
        organisation.slug,
      ])}
    />
  );
}
