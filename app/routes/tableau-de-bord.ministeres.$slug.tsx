import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getViewer, notFound } from "~/auth/viewer.server";
import { loadDashboard } from "~/dashboards/dashboard.server";
import { DashboardPage } from "~/dashboards/dashboard-view";
import { findScope } from "~/dashboards/scope.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export const meta: MetaFunction = () => pageTitle("Tableau de bord d'un ministère");

/** A ministry's dashboard: the products of its incubators (primary or co-incubating), for all. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const scope = await findScope("ministry", slug);
  if (!scope) throw notFound();
  const { status, view } = await loadDashboard(await getViewer(request), scope, new URL(request.url));
  return data(view, { status });
}

export default function MinistryDashboard() {
  const view = useLoaderData<typeof loader>();
  return <DashboardPage view={view} title={`Tableau de bord : ${view.scope.name}`} path={`/tableau-de-bord/ministeres/${view.scope.slug}`} />;
}
