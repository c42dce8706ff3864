import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { loadDashboard } from "~/dashboards/dashboard.server";
import { DashboardPage } from "~/dashboards/dashboard-view";
import { findScope } from "~/dashboards/scope.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Tableau de bord du réseau");

/** The network's dashboard: open to all, each figure over what its viewer may read. */
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = (await findScope("network", null))!;
  const { status, view } = await loadDashboard(await getViewer(request), scope, new URL(request.url));
  return data(view, { status });
}

export default function NetworkDashboard() {
  const view = useLoaderData<typeof loader>();
  return <DashboardPage view={view} title="Tableau de bord du réseau" path="/tableau-de-bord" />;
}
