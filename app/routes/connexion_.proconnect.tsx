// Starts a ProConnect sign-in: the button on /connexion posts here. Only a POST starts a flow, so
// that following a link or prefetching this address changes nothing.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LocalPathSchema } from "~/auth/local-path";
import { requireOidc, startOidcSignIn } from "~/auth/oidc.server";
import { readFormFields } from "~/http/form.server";

// Where to go once signed in is a convenience: a bad value is dropped, never an error.
const FormSchema = z.object({ redirectTo: LocalPathSchema.optional().catch(undefined) });

export function loader() {
  requireOidc();
  return redirect("/connexion");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = FormSchema.parse(await readFormFields(request));
  return startOidcSignIn(context.clientAddress, form.redirectTo);
}
