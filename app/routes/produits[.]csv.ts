import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { csvRefusal, portfolioCsvResponse } from "~/products/portfolio-csv.server";
import { readPortfolioQuery } from "~/products/portfolio-filters";
import { resolvePortfolioQuery } from "~/products/portfolio.server";

/** The portfolio list's current view as CSV: the list's query, every page (`page` is ignored). */
export async function loader({ request }: LoaderFunctionArgs) {
  const values = { ...readPortfolioQuery(new URL(request.url).searchParams), page: "" };
  const resolved = await resolvePortfolioQuery(values);
  if (!resolved.success) return csvRefusal(resolved.errors);
  return portfolioCsvResponse(await getViewer(request), resolved.query);
}
