import type { LoaderFunctionArgs } from "@remix-run/node";
import { DECISIONS } from "~/open-data/datasets.server";
import { datasetApiAnswer } from "~/open-data/open-data-http.server";

// Open data, no session read: the published committee decisions, with their public rationale only.
export function loader({ request }: LoaderFunctionArgs) {
  return datasetApiAnswer(request, DECISIONS);
}
