// Sign out of this browser, or of every browser at once ("partout"); then of ProConnect, when the
// session came from it.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { providerSignOutUrl } from "~/auth/oidc.server";
import { destroySession, revokeAllSessions } from "~/auth/session.server";
import { getViewer } from "~/auth/viewer.server";
import { readFormFields } from "~/http/form.server";

const FormSchema = z.object({ partout: z.literal("1").optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = FormSchema.safeParse(await readFormFields(request));
  const viewer = await getViewer(request);
  if (viewer && form.success && form.data.partout) await revokeAllSessions(viewer.userId);
  const { cookie, idToken } = await destroySession(request);
  const providerUrl = idToken ? await providerSignOutUrl(idToken) : null;
  return redirect(providerUrl ?? "/", { headers: { "Set-Cookie": cookie } });
}
