import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { dashboardCsv } from "~/dashboards/dashboard.server";
import { findScope } from "~/dashboards/scope.server";

/** One view of the network's dashboard as CSV (`?vue=<view>` and the page's filters). */
export async function loader({ request }: LoaderFunctionArgs) {
  return dashboardCsv(await getViewer(request), (await findScope("network", null))!, request);
}
