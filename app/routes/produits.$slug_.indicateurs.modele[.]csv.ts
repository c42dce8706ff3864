import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { productImportTemplate } from "~/indicators/csv-import.server";
import { requireProductPermission } from "~/products/product-access.server";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "indicator.write");
  return new Response(await productImportTemplate(product.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="valeurs-${product.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
