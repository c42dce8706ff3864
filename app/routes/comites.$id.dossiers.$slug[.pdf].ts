// `$slug[.pdf]`: the brackets keep the dot from splitting the segment, so the path is
// `/comites/:id/dossiers/:slug.pdf`. React Router reads `:slug` up to the literal ".pdf", and ranks
// this segment above the dossier page's bare `:slug`.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/auth/viewer.server";
import { dossierFileName, dossierPdf } from "~/committees/dossier-pdf.server";
import { askedVersion, readDossier, requireDossierAccess } from "~/committees/dossiers.server";

const ParamsSchema = z.object({ id: z.string().min(1), slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id, slug } = ParamsSchema.parse(params);
  const access = await requireDossierAccess(request, id, slug);
  const shown = await readDossier(access, askedVersion(request));
  if (!shown) throw notFound();
  const file = await dossierPdf(shown.content, shown.meta);
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${dossierFileName(access.product.slug, shown.meta.version)}"`,
      "Content-Length": String(file.length),
      // A draft changes with the live data, and a dossier is internal: never kept by a cache.
      "Cache-Control": "private, no-store",
    },
  });
}
