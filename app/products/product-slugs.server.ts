// Product addresses over time: a product's current slug, and the former ones (ProductSlugAlias) that
// keep old links working after a rename. A slug names one product forever: neither a current slug
// nor a former one may be given to another product.
import { redirect } from "@remix-run/node";
import { can, type Actor } from "~/auth/permissions";
import { notFound } from "~/auth/viewer.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { productScopeSelect, toProductScope } from "./visibility.server";

type Tx = Prisma.TransactionClient;

/**
 * The current slug of the product that `formerSlug` used to name, when the actor may read that
 * product; null otherwise, so that a former address of a product one may not see reveals nothing.
 */
export async function renamedTo(actor: Actor | null, formerSlug: string): Promise<string | null> {
  const alias = await db().productSlugAlias.findUnique({
    where: { slug: formerSlug },
    select: { product: { select: { ...productScopeSelect, slug: true } } },
  });
  return alias && can(actor, "product.read", toProductScope(alias.product)) ? alias.product.slug : null;
}

/**
 * The answer to an address whose slug names no product the actor may read: a permanent redirection
 * to `page(current slug)` when it is a former slug, else 404.
 */
export async function missingProductAnswer(
  actor: Actor | null,
  slug: string,
  page: (currentSlug: string) => string,
): Promise<Response> {
  const current = await renamedTo(actor, slug);
  return current ? redirect(page(current), 301) : notFound();
}

// Any constant shared by every Jalon process: it names the lock, nothing else.
const SLUG_LOCK = 4_242_001;

/**
 * Serialises the transactions that give out slugs until they end. Slugs live in two tables (products
 * and former slugs), which no unique index spans: without the lock, two saves could each find a slug
 * free and both take it.
 */
export async function lockSlugs(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLUG_LOCK}::bigint)`;
}

/** Why `slug` cannot be given to the product `productId` (null: a new one), or null when it can. */
export async function slugUnavailable(tx: Tx, slug: string, productId: string | null): Promise<string | null> {
  const [product, alias] = await Promise.all([
    tx.product.findUnique({ where: { slug }, select: { id: true } }),
    tx.productSlugAlias.findUnique({ where: { slug }, select: { productId: true } }),
  ]);
  if (product && product.id !== productId) return "Cet identifiant est déjà celui d'un autre produit : choisissez-en un autre.";
  // A product may take back one of its own former slugs.
  if (alias && alias.productId !== productId) {
    return "Cet identifiant est une ancienne adresse d'un autre produit, qui mène toujours vers lui : choisissez-en un autre.";
  }
  return null;
}

/** Records a rename: the old slug keeps leading to the product; the new one stops being a former slug. */
export async function keepFormerSlug(tx: Tx, productId: string, from: string, to: string): Promise<void> {
  await tx.productSlugAlias.deleteMany({ where: { slug: to, productId } });
  await tx.productSlugAlias.create({ data: { slug: from, productId } });
}
