// One source of French wording, keyed by the codes stored in the database and used in exports.
import type { AccessibilityStatus } from "~/generated/prisma/enums";
import type { LifecycleFilter } from "~/products/portfolio-filters";
import { TYPICAL_DURATION_MONTHS, type DurationStatus, type Phase } from "./phases";

export const PHASE_LABELS: Record<Phase, string> = {
  investigation: "Investigation",
  construction: "Construction",
  acceleration: "Accélération",
  consolidation: "Consolidation",
  opere: "Opéré",
  transfere: "Transféré",
  abandon: "Arrêté",
  "abandon-investigation": "Investigation non concluante",
};

export const PHASE_DESCRIPTIONS: Record<Phase, string> = {
  investigation: "Comprendre le problème et vérifier qu'un service numérique peut le résoudre (1 à 2 mois).",
  construction: "Construire une première version et servir de premiers usagers (6 à 12 mois).",
  acceleration: "Faire croître l'impact et le nombre d'usagers.",
  consolidation: "Préparer la sortie d'incubation et le fonctionnement à long terme.",
  opere: "Service opéré au sein du réseau par un opérateur.",
  transfere: "Service transféré à une administration qui le fait vivre.",
  abandon: "Le produit a été arrêté.",
  "abandon-investigation": "L'investigation a conclu qu'il ne fallait pas construire de service.",
};

export const ACCESSIBILITY_STATUS_LABELS: Record<AccessibilityStatus, string> = {
  non_conforme: "Non conforme",
  partiellement_conforme: "Partiellement conforme",
  totalement_conforme: "Totalement conforme",
  inconnu: "Non renseigné",
};

/** How the time spent in a phase compares with the doctrine's typical duration. */
export const DURATION_STATUS_LABELS: Record<DurationStatus, string> = {
  short: "plus court que la durée habituelle",
  typical: "dans la durée habituelle",
  long: "au-delà de la durée habituelle",
  "open-ended": "pas de durée habituelle pour cette phase",
};

/** "6 à 12 mois", or null for a phase without a typical duration. */
export function typicalDurationLabel(phase: Phase): string | null {
  const typical = TYPICAL_DURATION_MONTHS[phase];
  return typical ? `${typical.min} à ${typical.max} mois` : null;
}

export const LIFECYCLE_FILTER_LABELS: Record<LifecycleFilter, string> = {
  actifs: "Actifs",
  termines: "Terminés",
};
