// The portfolio's filters, read from the URL (`?phase=construction&statut=actifs`): one schema for the
// loader that applies them and the form that sets them.
import { z } from "zod";
import { PHASES } from "~/domain/phases";

export const LIFECYCLE_FILTERS = ["actifs", "termines"] as const;
export type LifecycleFilter = (typeof LIFECYCLE_FILTERS)[number];

// The form sends an empty value for "all"; it means no filter.
const emptyAsMissing = (value: unknown) => (value === "" ? undefined : value);

export const PortfolioFiltersSchema = z.object({
  phase: z.preprocess(
    emptyAsMissing,
    z
      .enum(PHASES, { error: (issue) => `La phase « ${String(issue.input)} » n'existe pas : choisissez une phase dans la liste.` })
      .optional(),
  ),
  statut: z.preprocess(
    emptyAsMissing,
    z
      .enum(LIFECYCLE_FILTERS, {
        error: (issue) => `Le statut « ${String(issue.input)} » n'existe pas : choisissez « actifs » ou « terminés ».`,
      })
      .optional(),
  ),
});
export type PortfolioFilters = z.infer<typeof PortfolioFiltersSchema>;
export type PortfolioFilterErrors = Partial<Record<keyof PortfolioFilters, string[]>>;
