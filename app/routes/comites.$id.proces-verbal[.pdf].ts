// `proces-verbal[.pdf]`: the brackets keep the dot from splitting the segment, so the path is
// `/comites/:id/proces-verbal.pdf`; the same door as the minutes page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { minutesFileName, minutesPdf } from "~/committees/minutes-pdf.server";
import { requireSession } from "~/committees/session-access.server";
import { loadMinutes } from "~/committees/session-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params.id);
  const file = await minutesPdf(access.session, await loadMinutes(access));
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${minutesFileName(access.session.startsAt)}"`,
      "Content-Length": String(file.length),
      // Draft minutes change with the session, and they name the members: never kept by a cache.
      "Cache-Control": "private, no-store",
    },
  });
}
