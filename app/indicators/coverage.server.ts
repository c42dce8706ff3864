// Which products measure no outcome for their users: not one impact indicator still followed (see
// `measuresImpact` in app/domain/impact-matrix.ts, its in-memory twin). For portfolio lists and
// dashboards, in Prisma's builder and in raw SQL alike.
import type { Actor } from "~/auth/permissions";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { visibleProductsWhere } from "~/products/visibility.server";

/** Products without any active impact indicator (means indicators do not count). */
export const withoutImpactIndicatorWhere = {
  indicators: { none: { kind: "impact", archivedAt: null } },
} satisfies Prisma.ProductWhereInput;

/** The same condition on the product aliased `p` in the surrounding query. */
export const withoutImpactIndicatorSql = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Indicator" ci WHERE ci."productId" = p.id AND ci."kind" = 'impact' AND ci."archivedAt" IS NULL)`;

/** The products `actor` may see that measure no impact, narrowed by `where` (a phase, an incubator…). */
export function productsWithoutImpactIndicator(actor: Actor | null, where: Prisma.ProductWhereInput = {}) {
  return db().product.findMany({
    where: { AND: [visibleProductsWhere(actor), withoutImpactIndicatorWhere, where] },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
}
