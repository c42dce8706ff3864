import type { LoaderFunctionArgs } from "@remix-run/node";
import { config } from "~/config.server";
import { openDataFileAnswer } from "~/open-data/open-data-http.server";

// Open data files (/donnees/produits.csv, /donnees/produits.schema.json, /donnees/datapackage.json…):
// no session read, every visitor gets the same file.
export function loader({ request, params }: LoaderFunctionArgs) {
  return openDataFileAnswer(request, params.file ?? "", config().appUrl);
}
