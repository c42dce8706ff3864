// The French sentences of the demo: what committees wrote in their decisions (internally and for the
// public) and the comments on phase changes, built from the product's own figures.
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { fr } from "date-fns/locale";
import type { Phase } from "~/domain/phases";
import type { ReviewOutcome } from "./demo-timeline";
import type { Random } from "./random";

const utc = tz("UTC");
const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const euros = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** "12 mars 2024" for a calendar day stored at midnight UTC. */
export function frenchDay(date: Date): string {
  return format(date, "d MMMM yyyy", { locale: fr, in: utc });
}

/** "mars 2024". */
export function frenchMonth(date: Date): string {
  return format(date, "MMMM yyyy", { locale: fr, in: utc });
}

export interface DecisionFacts {
  outcome: ReviewOutcome;
  /** The phase the product was in. */
  phase: Phase;
  targetPhase: Phase | null;
  activeUsers: number | null;
  costPerUse: number | null;
  /** Envelope granted until the next review, in euros. */
  budget: number | null;
  months: number | null;
  receiver: string | null;
  stopReason: "impact" | "budget" | null;
}

const usage = (f: DecisionFacts) =>
  f.activeUsers && f.activeUsers > 0
    ? `${number.format(f.activeUsers)} utilisateurs actifs mensuels${
        f.costPerUse ? `, coût par usage de ${euros.format(f.costPerUse)} €` : ""
      }`
    : "pas encore d'usage mesuré";

const envelope = (f: DecisionFacts) =>
  f.budget ? ` Enveloppe de ${number.format(f.budget)} € pour les ${f.months ?? 6} prochains mois.` : "";

/** The committee's rationale (for the record) and its public wording. */
export function decisionWording(rng: Random, f: DecisionFacts): { rationale: string; publicRationale: string } {
  switch (f.outcome) {
    case "next_phase":
      return nextPhaseWording(rng, f);
    case "stop":
      return stopWording(f);
    case "extend":
      return {
        rationale: `${rng.pick([
          "Les mesures d'impact présentées ne sont pas encore fiables",
          "Les objectifs fixés au dernier comité ne sont atteints qu'en partie",
          "Le sponsor n'a pas encore confirmé son engagement pour la suite",
        ])} (${usage(f)}). Prolongation provisoire : l'équipe revient avec des données de cohorte.${envelope(f)}`,
        publicRationale: "Prolongation provisoire de deux mois, dans l'attente de mesures d'impact consolidées.",
      };
    case "pivot":
      return {
        rationale: `Le problème est confirmé mais la solution ne convainc pas (${usage(
          f,
        )}). Le comité demande de recentrer le produit sur le cas d'usage le plus fréquent.${envelope(f)}`,
        publicRationale:
          "Le comité poursuit l'investissement en demandant de réorienter le produit vers les besoins les plus fréquents.",
      };
    default:
      return {
        rationale: `${rng.pick([
          "Objectifs du dernier comité atteints",
          "Progression régulière de l'usage",
          "Trajectoire conforme à la stratégie présentée",
          "Usage en hausse et coût par usage en baisse",
        ])} : ${usage(f)}. ${rng.pick([
          "Priorité au déploiement dans de nouveaux territoires.",
          "Priorité à la mesure de l'impact auprès des usagers.",
          "Priorité à la baisse du coût par usage.",
          "Priorité à l'accessibilité et à l'homologation de sécurité.",
        ])}${envelope(f)}`,
        publicRationale: `Le comité poursuit l'investissement pour ${
          f.months ?? 6
        } mois au vu des résultats présentés.`,
      };
  }
}

function nextPhaseWording(rng: Random, f: DecisionFacts): { rationale: string; publicRationale: string } {
  switch (f.targetPhase) {
    case "construction":
      return {
        rationale: `L'investigation confirme un problème fréquent et coûteux : ${rng.int(
          15,
          40,
        )} entretiens menés, des usagers prêts à tester une première version. Lancement de la construction avec une équipe de ${rng.int(
          2,
          4,
        )} personnes.${envelope(f)}`,
        publicRationale:
          "Le comité lance la construction : le problème est avéré et une première version sera testée auprès d'usagers.",
      };
    case "acceleration":
      return {
        rationale: `Usage démontré (${usage(
          f,
        )}) : passage en accélération avec une équipe renforcée pour déployer le service à l'échelle nationale.${envelope(
          f,
        )}`,
        publicRationale: "Le service a fait la preuve de son utilité : le comité décide d'accélérer son déploiement.",
      };
    case "consolidation":
      return {
        rationale: `Impact établi (${usage(
          f,
        )}). Il faut maintenant préparer la sortie d'incubation : modèle de financement pérenne et exploitation à long terme.${envelope(
          f,
        )}`,
        publicRationale: "Le service entre en consolidation pour préparer son fonctionnement à long terme.",
      };
    case "opere":
      return {
        rationale: `Le service sera opéré au sein du réseau avec ${
          f.receiver ?? "son sponsor"
        } ; équipe réduite à la maintenance et au support (${usage(f)}).${envelope(f)}`,
        publicRationale: "Le service est désormais opéré au sein du réseau, avec un budget de fonctionnement réduit.",
      };
    default:
      return {
        rationale: `Transfert à ${
          f.receiver ?? "l'administration sponsor"
        }, qui reprend l'exploitation et le budget du service (${usage(f)}).`,
        publicRationale: `Le service est transféré à ${
          f.receiver ?? "l'administration qui le porte"
        }, qui continue de le faire vivre.`,
      };
  }
}

function stopWording(f: DecisionFacts): { rationale: string; publicRationale: string } {
  if (f.targetPhase === "abandon-investigation") {
    return {
      rationale:
        "L'investigation montre que le besoin est déjà couvert ou le sera par un projet existant : pas de construction.",
      publicRationale: "Investigation non concluante : le comité ne lance pas de construction.",
    };
  }
  if (f.stopReason === "budget") {
    return {
      rationale: `Le sponsor ne peut plus financer le produit (${usage(
        f,
      )}). Mise en sauvegarde le temps de trouver un autre financeur ; dossier technique de reprise demandé.`,
      publicRationale: "Le produit est arrêté faute de financement ; il est mis en sauvegarde.",
    };
  }
  return {
    rationale: `Usage resté faible malgré deux cycles d'amélioration (${usage(
      f,
    )}) : le coût par usage reste trop élevé au regard de l'impact attendu. Post-mortem demandé à l'équipe.`,
    publicRationale: "Le comité arrête le produit : l'impact mesuré ne justifie pas la poursuite de l'investissement.",
  };
}

/** The comment of a phase entry. */
export function phaseComment(
  phase: Phase,
  decidedOn: Date | null,
  receiver: string | null,
  stopReason: "impact" | "budget" | null,
): string {
  const committee = decidedOn ? `Décidé en comité d'investissement le ${frenchDay(decidedOn)}.` : "";
  switch (phase) {
    case "investigation":
      return "Investigation lancée après l'appel à projets de l'incubateur.";
    case "transfere":
      return `${committee} Service transféré à ${receiver ?? "l'administration sponsor"}.`;
    case "opere":
      return `${committee} Service opéré au sein du réseau avec ${receiver ?? "son sponsor"}.`;
    case "abandon":
      return `${committee} ${
        stopReason === "budget"
          ? "Arrêt faute de financement : produit en sauvegarde."
          : "Arrêt faute d'impact : post-mortem publié."
      }`;
    case "abandon-investigation":
      return `${committee} Le besoin est déjà couvert par ailleurs.`;
    default:
      return committee;
  }
}
