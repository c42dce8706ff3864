// The portfolio list: every public product with its current phase, derived from its history.
import type { Actor } from "~/auth/permissions";
import { currentPhase, isTerminal, type Phase } from "~/domain/phases";
import { db } from "~/db.server";
import type { PortfolioFilters } from "./portfolio-filters";
import { phaseHistorySelect, toPhaseHistory } from "./phase-history.server";
import { visibleProductsWhere } from "./visibility.server";

export interface PortfolioRow {
  slug: string;
  name: string;
  /** Null for a product without any phase recorded yet. */
  phase: Phase | null;
  incubator: { slug: string; name: string };
  sponsors: { name: string; acronym: string | null }[];
}

function matches(row: PortfolioRow, filters: PortfolioFilters): boolean {
  if (filters.phase && row.phase !== filters.phase) return false;
  if (filters.statut && (row.phase === null || isTerminal(row.phase) !== (filters.statut === "termines"))) return false;
  return true;
}

export async function listPortfolio(
  actor: Actor | null,
  filters: PortfolioFilters,
  asOf: Date = new Date(),
): Promise<PortfolioRow[]> {
  const products = await db().product.findMany({
    where: visibleProductsWhere(actor),
    select: {
      slug: true,
      name: true,
      primaryIncubator: { select: { slug: true, name: true } },
      sponsors: { select: { organisation: { select: { name: true, acronym: true } } } },
      phases: { select: phaseHistorySelect },
    },
  });
  return products
    .map((p) => ({
      slug: p.slug,
      name: p.name,
      phase: currentPhase(toPhaseHistory(p.phases), asOf),
      incubator: p.primaryIncubator,
      sponsors: p.sponsors
        .map((s) => s.organisation)
        .sort((a, b) => (a.acronym ?? a.name).localeCompare(b.acronym ?? b.name, "fr")),
    }))
    .filter((row) => matches(row, filters))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}
