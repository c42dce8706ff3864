import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { dashboardCsv, requireOrganisationScope } from "~/dashboards/dashboard.server";

const ParamsSchema = z.object({ slug: z.string().min(1) });

/** One view of "mon portefeuille" as CSV, for the organisation's investors (and platform admins). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireOrganisationScope(request, ParamsSchema.parse(params).slug);
  return dashboardCsv(viewer, scope, request);
}
