import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadDashboard, requireOrganisationScope } from "~/dashboards/dashboard.server";
import { DashboardPage } from "~/dashboards/dashboard-view";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export const meta: MetaFunction = () => pageTitle("Mon portefeuille");

/** "Mon portefeuille": the products an organisation sponsors, for its investors (and platform admins). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireOrganisationScope(request, ParamsSchema.parse(params).slug);
  const { status, view } = await loadDashboard(viewer, scope, new URL(request.url));
  return data(view, { status });
}

export default function OrganisationDashboard() {
  const view = useLoaderData<typeof loader>();
  return <DashboardPage view={view} title={`Mon portefeuille : ${view.scope.name}`} path={`/tableau-de-bord/organisations/${view.scope.slug}`} />;
}
