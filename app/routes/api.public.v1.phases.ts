import type { LoaderFunctionArgs } from "@remix-run/node";
import { PHASE_HISTORY } from "~/open-data/datasets.server";
import { datasetApiAnswer } from "~/open-data/open-data-http.server";

// Open data, no session read: the phase histories of every public product.
export function loader({ request }: LoaderFunctionArgs) {
  return datasetApiAnswer(request, PHASE_HISTORY);
}
