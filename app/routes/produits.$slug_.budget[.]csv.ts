import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { budgetCsv } from "~/funding/budget-csv";
import { currentStatements, requireBudgetReader } from "~/funding/budget-statements.server";

const ParamsSchema = z.object({ slug: z.string().min(1) });

/** The current budget statements, one row per cell, in the import's columns (annee;nature;activite;ressource;ae;cp). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const product = await requireBudgetReader(request, slug, (current) => `/produits/${current}/budget.csv`);
  return new Response(budgetCsv(await currentStatements(product.id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="budget-${product.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
