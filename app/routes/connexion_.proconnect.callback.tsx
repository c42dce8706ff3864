// Where ProConnect sends the browser back (a GET, as OpenID Connect requires): always a redirection,
// to the page asked for, to /connexion with the reason of a failure, or to the invitation page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { completeOidcSignIn } from "~/auth/oidc.server";

export function loader({ request }: LoaderFunctionArgs) {
  return completeOidcSignIn(request);
}
