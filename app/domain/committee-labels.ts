// French wording of the committee's codes (outcomes, seats, statuses), for pages, forms and e-mails.
// Kept beside labels.ts rather than in it while the committee work lands; one source all the same.
import type { CommitteeSeat, ConditionStatus, Outcome, SessionStatus } from "~/generated/prisma/enums";
import type { ReviewUrgency } from "./committee-calendar";

export const OUTCOME_LABELS: Record<Outcome, string> = {
  continue: "Poursuivre six mois de plus",
  extend: "Prolongation provisoire (1 à 2 mois)",
  next_phase: "Passer à la phase suivante",
  pivot: "Pivoter",
  stop: "Arrêter",
};

/** Short forms, for tables and tallies. */
export const OUTCOME_SHORT_LABELS: Record<Outcome, string> = {
  continue: "Poursuite",
  extend: "Prolongation provisoire",
  next_phase: "Changement de phase",
  pivot: "Pivot",
  stop: "Arrêt",
};

export const SEAT_LABELS: Record<CommitteeSeat, string> = {
  sponsor: "Sponsor (investisseur)",
  incubator_head: "Responsable d'incubateur",
  portfolio_manager: "Responsable de portefeuille",
  intrapreneur: "Intrapreneur·e (présente le produit, ne vote pas)",
  guest: "Invité·e",
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  planned: "Planifiée",
  held: "Tenue",
  cancelled: "Annulée",
};

export const CONDITION_STATUS_LABELS: Record<ConditionStatus, string> = {
  open: "En cours",
  met: "Remplie",
  not_met: "Non remplie",
};

export const REVIEW_URGENCY_LABELS: Record<ReviewUrgency, string> = {
  overdue: "Revue en retard",
  soon: "À revoir bientôt",
  later: "Revue à venir",
};
