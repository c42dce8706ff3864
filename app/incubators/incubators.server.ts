// Incubators: the list with their portfolios' sizes, and the page of one incubator with its products.
import type { Actor } from "~/auth/permissions";
import { currentPhase } from "~/domain/phases";
import { db } from "~/db.server";
import { webUrl } from "~/ui/web-url";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
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

/** The incubator page, or null when no incubator has this slug. */
export async function loadIncubatorPage(actor: Actor | null, slug: string, asOf: Date = new Date()) {
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

  const products = await db().product.findMany({
    where: {
      AND: [
        visibleProductsWhere(actor),
        { OR: [{ primaryIncubatorId: incubator.id }, { coIncubators: { some: { incubatorId: incubator.id } } }] },
      ],
    },
    select: { slug: true, name: true, primaryIncubatorId: true, phases: { select: phaseHistorySelect } },
  });

  const { id, website, ...shown } = incubator;
  return {
    ...shown,
    website: webUrl(website),
    products: products
      .map((p) => ({
        slug: p.slug,
        name: p.name,
        phase: currentPhase(toPhaseHistory(p.phases), asOf),
        coIncubated: p.primaryIncubatorId !== id,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}
