// How committee dossiers are said in French, keyed by the codes stored in the database. Outcomes and
// condition statuses are worded in app/domain/committee-labels.ts.
import type { DossierStatus } from "~/generated/prisma/enums";

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, string> = {
  draft: "Brouillon",
  submitted: "Déposée",
};

/** The columns of a dossier's funding table, in the order of the budget taxonomy. */
export const FUNDING_COLUMN_LABELS = {
  granted: "Accordé",
  committed: "Engagé (AE)",
  paid: "Payé (CP)",
  requested: "Demandé",
} as const;
