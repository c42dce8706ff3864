// One source of French wording, keyed by the codes stored in the database and used in exports.
import type { Phase } from "./phases";

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
