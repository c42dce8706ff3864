// The SQL twin of `visibleProductsWhere` (visibility.server.ts), for the queries Prisma's builder
// cannot write (the portfolio list): the same scopes from `readableScopes`, the same five ways to see
// a product. tests/portfolio.test.ts checks that both answer the same for every kind of viewer.
import { readableScopes, type Actor } from "~/auth/permissions";
import { Prisma } from "~/generated/prisma/client";

const uuids = (ids: readonly string[]) => Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));

/** A condition on the product aliased `p` in the surrounding query. */
export function visibleProductsSql(actor: Actor | null): Prisma.Sql {
  return readableScopes(actor).all ? Prisma.sql`TRUE` : Prisma.sql`(p."isPublic" OR ${internallyReadableProductsSql(actor)})`;
}

/** Products whose internal data (funding, indicators, decisions) the actor reads: `product.readInternal`. */
export function internallyReadableProductsSql(actor: Actor | null): Prisma.Sql {
  const scopes = readableScopes(actor);
  if (scopes.all) return Prisma.sql`TRUE`;
  const clauses: Prisma.Sql[] = [];
  if (scopes.incubatorIds.length > 0) {
    const ids = uuids(scopes.incubatorIds);
    clauses.push(
      Prisma.sql`p."primaryIncubatorId" IN (${ids})`,
      Prisma.sql`EXISTS (SELECT 1 FROM "ProductIncubator" vc WHERE vc."productId" = p.id AND vc."incubatorId" IN (${ids}))`,
    );
  }
  if (scopes.productIds.length > 0) clauses.push(Prisma.sql`p.id IN (${uuids(scopes.productIds)})`);
  if (scopes.organisationIds.length > 0) {
    clauses.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ProductSponsor" vs WHERE vs."productId" = p.id AND vs."organisationId" IN (${uuids(scopes.organisationIds)}))`,
    );
  }
  return clauses.length > 0 ? Prisma.sql`(${Prisma.join(clauses, " OR ")})` : Prisma.sql`FALSE`;
}
