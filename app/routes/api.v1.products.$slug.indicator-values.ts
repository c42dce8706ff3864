import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, pushIndicatorValues } from "~/api/indicator-push.server";

// Remix answers a resource route's GET and HEAD with its loader, other methods with its action.
export function loader() {
  return methodNotAllowed();
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return pushIndicatorValues(request, params.slug ?? "");
}
