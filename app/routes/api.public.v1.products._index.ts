import type { LoaderFunctionArgs } from "@remix-run/node";
import { listPublicProducts } from "~/api/public-products.server";

// Open data: no session, no cookie read; anyone, from any site, may read public products.
export function loader({ request }: LoaderFunctionArgs) {
  return listPublicProducts(request);
}
