import type { LoaderFunctionArgs } from "@remix-run/node";
import { INDICATOR_VALUES } from "~/open-data/datasets.server";
import { datasetApiAnswer } from "~/open-data/open-data-http.server";

// Open data, no session read: the values of public indicators, whole or for one product (?product=).
export function loader({ request }: LoaderFunctionArgs) {
  return datasetApiAnswer(request, INDICATOR_VALUES);
}
