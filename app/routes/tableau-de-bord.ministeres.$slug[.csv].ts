import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getViewer, notFound } from "~/auth/viewer.server";
import { dashboardCsv } from "~/dashboards/dashboard.server";
import { findScope } from "~/dashboards/scope.server";

const ParamsSchema = z.object({ slug: z.string().min(1) });

/** One view of the dashboard as CSV (`?vue=<view>` and the page's filters). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await findScope("ministry", ParamsSchema.parse(params).slug);
  if (!scope) throw notFound();
  return dashboardCsv(await getViewer(request), scope, request);
}
