// Incubators: the list with their portfolios' sizes, and the page of one incubator (its products are
// the portfolio list, filtered on it: app/products/portfolio.server.ts).
import { can, type Actor } from "~/auth/permissions";
import { db } from "~/db.server";
import { isoDay, parisDay } from "~/domain/days";
import { PHASES, type Phase } from "~/domain/phases";
import { Prisma } from "~/generated/prisma/client";
import { currentPhaseJoin } from "~/products/portfolio.server";
import { visibleProductsSql } from "~/products/visible-products-sql.server";
import { webUrl } from "~/ui/web-url";
import { visibleProductsWhere } from "~/products/visibility.server";

export async function listIncubators(actor: Actor | null) {
  const visible = visibleProductsWhere(actor);
  const incubators = await db().incubator.findMany({
    select: {
      slug: true,
      name: true,
      ministry: { select: { name: true } },
      _count: {
        select: {
          primaryProducts: { where: visible },
          coIncubations: { where: { product: visible } },
        },
      },
    },
  });
  return incubators
    .map((i) => ({
      slug: i.slug,
      name: i.name,
      ministry: i.ministry?.name ?? null,
      primaryProductCount: i._count.primaryProducts,
      coIncubatedProductCount: i._count.coIncubations,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** The incubator page's heading (its products are the portfolio list's), or null for an unknown slug. */
export async function loadIncubatorPage(actor: Actor | null, slug: string) {
  const incubator = await db().incubator.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      website: true,
      ministry: { select: { name: true } },
      ownerOrganisation: { select: { name: true, acronym: true } },
    },
  });
  if (!incubator) return null;
  const { id, ...shown } = incubator;
  const phaseCounts = await countByPhase(actor, id);
  const scope = { incubatorId: id };
  const base = `/incubateurs/${incubator.slug}`;
  // Each page checks again: these only decide which ways there to show.
  const tools = [
    can(actor, "product.create", scope) && { label: "Ajouter un produit", to: `${base}/nouveau-produit` },
    can(actor, "session.manage", scope) && { label: "Planifier un comité", to: `${base}/comites/nouveau` },
    can(actor, "incubator.portfolio", scope) && { label: "Indicateurs à relancer", to: `${base}/relances` },
  ].filter((tool): tool is { label: string; to: string } => Boolean(tool));
  return { ...shown, website: webUrl(incubator.website), tools, phaseCounts };
}

/**
 * The incubator's products the actor sees (its own and those it co-incubates) by current phase, in
 * lifecycle order, phases without products left out; `phase` null counts products without a phase yet.
 */
async function countByPhase(actor: Actor | null, incubatorId: string, asOf: Date = new Date()) {
  const id = Prisma.sql`${incubatorId}::uuid`;
  const rows = await db().$queryRaw<{ phase: Phase | null; count: number }[]>`
    SELECT cur.phase, count(*)::int AS count FROM "Product" p
    ${currentPhaseJoin(Prisma.sql`${isoDay(parisDay(asOf))}::date`)}
    WHERE ${visibleProductsSql(actor)}
      AND (p."primaryIncubatorId" = ${id} OR EXISTS (SELECT 1 FROM "ProductIncubator" pi WHERE pi."productId" = p.id AND pi."incubatorId" = ${id}))
    GROUP BY cur.phase`;
  const rank = (phase: Phase | null) => (phase === null ? PHASES.length : PHASES.indexOf(phase));
  return rows.sort((a, b) => rank(a.phase) - rank(b.phase));
}
