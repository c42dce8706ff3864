import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { BUDGET_NATURES, dueStatements, isBudgetYear } from "~/domain/budget-statements";
import { today } from "~/domain/days";
import { db } from "~/db.server";
import { BUDGET_NATURE_CODES, budgetTemplate } from "~/funding/budget-csv";
import { currentStatementIn, currentStatements } from "~/funding/budget-statements.server";
import { requireProductPermission } from "~/products/product-access.server";

const ParamsSchema = z.object({ slug: z.string().min(1) });

/** `?annee=2026&nature=forecast`; without them (or with unusable ones), the first statement due. */
const ChoiceSchema = z.object({
  annee: z.coerce.number().refine(isBudgetYear),
  nature: z.enum(BUDGET_NATURES),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "funding.edit");
  const asked = ChoiceSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const due = asked.success ? null : dueStatements(today(), await currentStatements(product.id))[0];
  const year = asked.success ? asked.data.annee : (due?.year ?? today().getUTCFullYear());
  const nature = asked.success ? asked.data.nature : (due?.nature ?? "forecast");
  const current = await currentStatementIn(db(), product.id, year, nature);
  return new Response(budgetTemplate(year, nature, current?.cells), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="budget-${product.slug}-${year}-${BUDGET_NATURE_CODES[nature]}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
