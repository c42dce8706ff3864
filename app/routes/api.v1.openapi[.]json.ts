import { openApiDocument } from "~/api/openapi";
import { config } from "~/config.server";

export function loader() {
  // Public, like the API's own documentation anywhere: any site may read it (Swagger UI, editors).
  return Response.json(openApiDocument(config().appUrl), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
