// One source of French wording, keyed by the codes stored in the database and used in exports.
import type { AccountState } from "~/admin/account-state";
import type { AccessibilityStatus, OrganisationType, Role } from "~/generated/prisma/enums";
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

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: "Administratrice ou administrateur de la plateforme",
  incubator_admin: "Responsable d'incubateur",
  coach: "Coach",
  team_member: "Membre d'équipe",
  committee_member: "Membre du comité d'investissement",
  investor: "Investisseur (sponsor)",
};

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  ministere: "Ministère",
  administration_centrale: "Administration centrale",
  operateur: "Opérateur",
  service_deconcentre: "Service déconcentré",
  collectivite: "Collectivité territoriale",
  autre: "Autre",
};

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  invited: "Invité",
  active: "Actif",
  deactivated: "Désactivé",
};

/** Audit actions by their code; the journal shows an unknown code as it is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Connexion",
  "auth.sign_in_failed": "Échec de connexion",
  "auth.link_requested": "Lien de connexion demandé",
  "user.invited": "Personne invitée",
  "user.deactivated": "Compte désactivé",
  "user.reactivated": "Compte réactivé",
  "role.granted": "Rôle attribué",
  "role.assigned": "Rôle attribué",
  "role.revoked": "Rôle retiré",
  "ministry.created": "Ministère créé",
  "ministry.updated": "Ministère modifié",
  "organisation.created": "Organisation créée",
  "organisation.updated": "Organisation modifiée",
  "incubator.created": "Incubateur créé",
  "incubator.updated": "Incubateur modifié",
  "product.updated": "Produit modifié",
  "decision.recorded": "Décision enregistrée",
  "committee_session.planned": "Séance de comité planifiée",
  "indicator_value.revised": "Valeur d'indicateur corrigée",
};

/** The journal's filter: the part of an action's code before the dot. */
export const AUDIT_CATEGORY_LABELS: Record<string, string> = {
  auth: "Connexions",
  user: "Comptes",
  role: "Rôles",
  ministry: "Ministères",
  organisation: "Organisations",
  incubator: "Incubateurs",
  product: "Produits",
  decision: "Décisions",
  committee_session: "Séances de comité",
  indicator_value: "Valeurs d'indicateurs",
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  User: "Personne",
  RoleAssignment: "Rôle",
  Ministry: "Ministère",
  Organisation: "Organisation",
  Incubator: "Incubateur",
  Product: "Produit",
  Decision: "Décision",
  CommitteeSession: "Séance de comité",
  IndicatorValue: "Valeur d'indicateur",
  LoginToken: "Lien de connexion",
};

export const SIGN_IN_METHOD_LABELS: Record<string, string> = {
  oidc: "ProConnect",
  "magic-link": "Lien par courriel",
  demo: "Profil de démonstration",
};
