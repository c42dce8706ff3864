// The door of a product's internal pages (team, phase history): the public is sent to sign in; a
// signed-in person who may not even read the product gets a 404, so that its existence is not
// disclosed; one who reads it but lacks the right gets a 403. And the lock that makes changes to
// one product's history or team wait for each other.
import { can, type Action, type Permissions, type ProductScope } from "~/auth/permissions";
import { forbidden, notFound, requireViewer, type Viewer } from "~/auth/viewer.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { missingProductAnswer } from "./product-slugs.server";
import { productScopeSelect, toProductScope } from "./visibility.server";

/** The actions checked against a product. */
type ProductAction = { [A in Action]: Permissions[A] extends ProductScope ? A : never }[Action];

export interface ProductAccess {
  viewer: Viewer;
  product: { id: string; slug: string; name: string };
  scope: ProductScope;
}

function samePageOf(request: Request, formerSlug: string, currentSlug: string): string {
  const url = new URL(request.url);
  const prefix = `/produits/${encodeURIComponent(formerSlug)}`;
  const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
  return `/produits/${encodeURIComponent(currentSlug)}${rest}${url.search}`;
}

export async function requireProductPermission(
  request: Request,
  slug: string,
  action: ProductAction,
): Promise<ProductAccess> {
  // Independent reads: the product is looked up while the session is checked.
  const [viewer, product] = await Promise.all([
    requireViewer(request),
    db().product.findUnique({ where: { slug }, select: { ...productScopeSelect, slug: true, name: true } }),
  ]);
  // A former slug leads to the same page under the current one.
  if (!product) throw await missingProductAnswer(viewer, slug, (current) => samePageOf(request, slug, current));
  const scope = toProductScope(product);
  if (!can(viewer, "product.read", scope)) throw notFound();
  if (!can(viewer, action, scope)) throw forbidden();
  return { viewer, product: { id: product.id, slug: product.slug, name: product.name }, scope };
}

/**
 * Holds the product's row until the transaction ends: two changes whose rules read the product's
 * other rows (the history, the team) run one after the other, each seeing what the other wrote.
 */
export async function lockProduct(tx: Prisma.TransactionClient, productId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Product" WHERE "id" = ${productId}::uuid FOR UPDATE`;
}
