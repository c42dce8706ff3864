// Sign out of this browser, or of every browser at once ("partout").
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
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
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}
