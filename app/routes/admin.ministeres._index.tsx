import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminListPage } from "~/admin/admin-page";
import { structureList } from "~/admin/structure-pages.server";
import { listMinistries } from "~/admin/structures.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Ministères");

export function loader({ request }: LoaderFunctionArgs) {
  return structureList(request, listMinistries);
}

export default function Ministries() {
  const { flash, items } = useLoaderData<typeof loader>();
  return (
    <AdminListPage
      title="Ministères"
      flash={flash}
      add={{ label: "Ajouter un ministère", path: "/admin/ministeres/nouveau" }}
      emptyText="Aucun ministère n'est encore enregistré."
      headers={["Nom", "Nom court", "Identifiant", "Organisations", "Incubateurs"]}
      rows={items.map((ministry) => [
        <Link key="name" to={`/admin/ministeres/${ministry.id}`}>
          {ministry.name}
        </Link>,
        ministry.shortName,
        ministry.slug,
        ministry._count.organisations,
        ministry._count.incubators,
      ])}
    />
  );
}
