import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicProduct } from "~/api/public-products.server";

// Open data: no session, no cookie read; a private product is answered as unknown.
export function loader({ request, params }: LoaderFunctionArgs) {
  return getPublicProduct(request, params.slug ?? "");
}
