// The columns of each CSV export of a dashboard (dashboard-csv.server.ts writes them; the page lists
// them under each figure). Codes, not labels: a spreadsheet formula may rely on them.
import type { DashboardView } from "./dashboard-filters";

/** The columns of each view, in order: the header row of its file. */
export const DASHBOARD_COLUMNS: Record<DashboardView, readonly string[]> = {
  entonnoir: ["phase", "produits"],
  programme: ["annee", "investigations_lancees", "constructions_lancees", "arrets", "transferts", "impact_national"],
  "survie-cohortes": ["cohorte", "produits", "arretes", "taux_survie"],
  "survie-incubateurs": ["incubateur", "nom", "produits", "arretes", "taux_survie"],
  durees: ["phase", "phases_terminees", "premier_quartile_jours", "mediane_jours", "troisieme_quartile_jours", "phases_en_cours"],
  chronologie: ["produit", "nom", "phase", "debut", "fin"],
  "financement-annees": ["annee", "accorde_euros", "depense_euros"],
  "financement-financeurs": ["financeur", "nom", "sigle", "produits", "accorde_euros", "depense_attribuee_euros"],
  "financement-phases": ["phase", "produits", "accorde_euros", "depense_euros"],
  "financement-produits": ["produit", "nom", "phase", "accorde_euros", "depense_euros", "financeurs"],
  "cout-par-usage": ["produit", "nom", "phase", "statut", "utilisateurs", "periode_utilisateurs", "budget_euros", "source_budget", "annee_budget", "cout_par_usage_euros"],
  impact: ["produit", "nom", "indicateurs_avec_cible", "cibles_tenues", "indicateur_impact"],
  comites: ["date", "titre", "incubateur", "produits_du_perimetre"],
  decisions: ["annee", "decision", "nombre"],
  conditions: ["produit", "nom", "condition", "responsable", "echeance", "date_decision"],
};
