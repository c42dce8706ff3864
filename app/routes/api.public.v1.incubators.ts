import type { LoaderFunctionArgs } from "@remix-run/node";
import { INCUBATORS } from "~/open-data/datasets.server";
import { datasetApiAnswer } from "~/open-data/open-data-http.server";

// Open data, no session read: the incubators with their count of public products.
export function loader({ request }: LoaderFunctionArgs) {
  return datasetApiAnswer(request, INCUBATORS);
}
