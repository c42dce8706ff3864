// One source of French wording, keyed by the codes stored in the database and used in exports.
import type { AccountState } from "~/admin/account-state";
import type {
  AccessibilityStatus,
  Direction,
  EnvelopeStatus,
  Frequency,
  FundingOrigin,
  ImpactLevel,
  IndicatorKind,
  IndicatorSource,
  OrganisationType,
  Role,
  ValueStatus,
} from "~/generated/prisma/enums";
import type { EventKind } from "./product-events";
import type { FieldType } from "~/open-data/table-schema";
import type { LifecycleFilter, Milestone, PortfolioSort, SortDirection } from "~/products/portfolio-filters";
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

/** A milestone of the list's `entree` filter: "Produits ayant franchi l'étape : construction commencée". */
export const MILESTONE_LABELS: Record<Milestone, string> = {
  investigation: "investigation commencée",
  construction: "construction commencée",
  acceleration: "accélération commencée",
  consolidation: "consolidation commencée",
  opere: "passage en opéré",
  transfere: "transfert",
  abandon: "arrêt",
  "abandon-investigation": "investigation non concluante",
  "impact-national": "impact national reconnu",
};

export const PORTFOLIO_SORT_LABELS: Record<PortfolioSort, string> = {
  nom: "Nom",
  phase: "Phase actuelle",
  "mise-a-jour": "Dernière mise à jour",
  revue: "Prochaine revue",
};

export const SORT_DIRECTION_LABELS: Record<SortDirection, string> = {
  croissant: "Croissant",
  decroissant: "Décroissant",
};

/** The levels of the impact matrix. */
export const IMPACT_LEVEL_LABELS: Record<ImpactLevel, string> = {
  usable: "Utilisable",
  used: "Utilisé",
  useful: "Utile",
  impactful: "Impactant",
  efficient: "Efficient",
};

export const IMPACT_LEVEL_DESCRIPTIONS: Record<ImpactLevel, string> = {
  usable: "Les usagers peuvent-ils se servir du service sans aide ?",
  used: "Le service est-il utilisé par le public qu'il vise ?",
  useful: "Le service apporte-t-il de la valeur à ses usagers ?",
  impactful: "Le service a-t-il un effet mesurable sur le problème public visé ?",
  efficient: "Ce que coûte le service est-il à la mesure de ce qu'il apporte ?",
};

export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  impact: "Impact",
  means: "Moyens",
};

export const INDICATOR_KIND_DESCRIPTIONS: Record<IndicatorKind, string> = {
  impact: "Mesure un effet pour les usagers (utilisateurs actifs, temps gagné…).",
  means: "Mesure un effort ou une dépense (budget, fonctionnalités livrées, comptes créés) : ce n'est pas de l'impact.",
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  higher_is_better: "À la hausse (plus c'est élevé, mieux c'est)",
  lower_is_better: "À la baisse (plus c'est bas, mieux c'est)",
};

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  weekly: "Hebdomadaire",
  monthly: "Mensuelle",
  quarterly: "Trimestrielle",
};

export const INDICATOR_SOURCE_LABELS: Record<IndicatorSource, string> = {
  team: "Saisie par l'équipe",
  stats_page: "Page de statistiques publique",
  matomo: "Matomo",
  api: "Envoi automatique (API)",
  other: "Autre",
};

export const VALUE_STATUS_LABELS: Record<ValueStatus, string> = {
  declared: "Déclarée par l'équipe",
  validated: "Validée",
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
  "product.created": "Produit créé",
  "product.updated": "Produit modifié",
  "product.renamed": "Produit renommé (nouvelle adresse)",
  "decision.recorded": "Décision enregistrée",
  "committee_session.planned": "Séance de comité planifiée",
  "indicator_value.revised": "Valeur d'indicateur corrigée",
  "indicator.created": "Indicateur créé",
  "indicator.updated": "Indicateur modifié",
  "indicator.archived": "Indicateur archivé",
  "indicator.restored": "Indicateur rétabli",
  "indicator.deleted": "Indicateur supprimé",
  "indicator.mandatory_added": "Indicateurs obligatoires de la matrice d'impact ajoutés",
  "indicator.values_entered": "Valeurs d'indicateurs saisies",
  "indicator.values_validated": "Valeurs d'indicateurs validées",
  "indicator.csv_imported": "Valeurs d'indicateurs importées (CSV)",
  "indicator.api_pushed": "Valeurs d'indicateurs reçues par l'API",
  "indicator.reminder_sent": "Relance envoyée à l'équipe",
  "api_token.created": "Jeton d'API créé",
  "api_token.revoked": "Jeton d'API révoqué",
  "phase.corrected": "Historique des phases corrigé",
  "team.member_added": "Membre ajouté à l'équipe",
  "team.member_updated": "Membre de l'équipe modifié",
  "team.member_ended": "Fin de participation à l'équipe",
  "dossier.submitted": "Dossier de comité déposé",
  "committee_session.updated": "Séance de comité modifiée",
  "committee_session.convened": "Convocation envoyée",
  "committee_session.deliberation_opened": "Délibération ouverte",
  "committee_session.attendance_recorded": "Présences enregistrées",
  "committee_session.closed": "Séance close",
  "committee_session.minutes_published": "Procès-verbal publié",
  "decision.amended": "Décision amendée",
  "decision.published": "Décision publiée",
  "decision_condition.updated": "Condition mise à jour",
  "vote.cast": "Vote exprimé",
  "import.betagouv": "Import depuis beta.gouv.fr",
  "budget.recorded": "Budget saisi (nouvelle révision)",
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
  indicator: "Indicateurs",
  indicator_value: "Valeurs d'indicateurs",
  api_token: "Jetons d'API",
  phase: "Phases",
  team: "Équipes",
  dossier: "Dossiers de comité",
  vote: "Votes",
  decision_condition: "Conditions",
  import: "Imports",
  budget: "Budgets",
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
  Indicator: "Indicateur",
  IndicatorValue: "Valeur d'indicateur",
  LoginToken: "Lien de connexion",
  ApiToken: "Jeton d'API",
  Dossier: "Dossier de comité",
  Vote: "Vote",
  DecisionCondition: "Condition",
  Import: "Import",
};

export const SIGN_IN_METHOD_LABELS: Record<string, string> = {
  oidc: "ProConnect",
  "magic-link": "Lien par courriel",
  demo: "Profil de démonstration",
};

export const FUNDING_ORIGIN_LABELS: Record<FundingOrigin, string> = {
  sponsor_budget: "Budget du sponsor",
  fast: "Cofinancement FAST",
  other: "Autre fonds",
};

export const ENVELOPE_STATUS_LABELS: Record<EnvelopeStatus, string> = {
  requested: "Demandée",
  granted: "Accordée",
  cancelled: "Annulée",
};

/** A product's milestones (ProductEvent kinds, the network's event ids). */
export const PRODUCT_EVENT_LABELS: Record<EventKind, string> = {
  product_launch: "Lancement du produit",
  national_impact: "Impact national reconnu",
  committee: "Passage en comité d'investissement",
  fast: "Financement FAST",
  end: "Fin du produit",
  other: "Autre jalon",
};

/** Column types of the open data files (Table Schema types). */
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  string: "texte",
  integer: "nombre entier",
  number: "nombre",
  date: "date (AAAA-MM-JJ)",
  datetime: "date et heure (ISO 8601)",
  boolean: "booléen (true ou false)",
};
