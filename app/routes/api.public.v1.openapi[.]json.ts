import type { LoaderFunctionArgs } from "@remix-run/node";
import { nonReadAnswer } from "~/api/public-http.server";
import { publicOpenApiDocument } from "~/api/public-openapi.server";
import { config } from "~/config.server";

export function loader({ request }: LoaderFunctionArgs) {
  // Open data documentation: any site may read it (Swagger UI, catalogues such as api.gouv.fr).
  return (
    nonReadAnswer(request) ??
    Response.json(publicOpenApiDocument(config().appUrl), {
      headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
    })
  );
}
