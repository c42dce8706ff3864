import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionCalendarFile } from "~/committees/convocation.server";
import { requireSession } from "~/committees/session-access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSession(request, params.id);
  return new Response(await sessionCalendarFile(session.id), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="comite.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
