// Which products a viewer may see in lists: the database-side twin of `can(actor, "product.read")`.
import { readableScopes, type Actor } from "~/auth/permissions";
import type { Prisma } from "~/generated/prisma/client";

export function visibleProductsWhere(actor: Actor | null): Prisma.ProductWhereInput {
  const scopes = readableScopes(actor);
  if (scopes.all) return {};
  return {
    OR: [
      { isPublic: true },
      { primaryIncubatorId: { in: scopes.incubatorIds } },
      { coIncubators: { some: { incubatorId: { in: scopes.incubatorIds } } } },
      { id: { in: scopes.productIds } },
      { sponsors: { some: { organisationId: { in: scopes.organisationIds } } } },
    ],
  };
}

/** What `can` needs to know about a product. */
export const productScopeSelect = {
  id: true,
  isPublic: true,
  primaryIncubatorId: true,
  coIncubators: { select: { incubatorId: true } },
  sponsors: { select: { organisationId: true } },
} satisfies Prisma.ProductSelect;

export function toProductScope(p: Prisma.ProductGetPayload<{ select: typeof productScopeSelect }>) {
  return {
    productId: p.id,
    isPublic: p.isPublic,
    incubatorIds: [p.primaryIncubatorId, ...p.coIncubators.map((c) => c.incubatorId)],
    sponsorIds: p.sponsors.map((s) => s.organisationId),
  };
}
