import { publicOpenApiDocument } from "~/api/public-openapi";
import { config } from "~/config.server";

export function loader() {
  // Open data documentation: any site may read it (Swagger UI, catalogues such as api.gouv.fr).
  return Response.json(publicOpenApiDocument(config().appUrl), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
