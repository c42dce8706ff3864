// The network's budget taxonomy: every euro a product spends is one activity × one resource. The
// codes are stored in BudgetLine (a CHECK constraint keeps them to these lists) and used in exports.

export const BUDGET_ACTIVITIES = [
  "data",
  "hosting",
  "ops",
  "network",
  "administration",
  "security",
  "deployment",
  "support",
  "development",
  "management",
  "design",
  "other",
] as const;
export type BudgetActivity = (typeof BUDGET_ACTIVITIES)[number];

export const BUDGET_RESOURCES = ["staff", "external_services", "hardware", "software", "overheads", "other"] as const;
export type BudgetResource = (typeof BUDGET_RESOURCES)[number];

export const BUDGET_ACTIVITY_LABELS: Record<BudgetActivity, string> = {
  data: "Données",
  hosting: "Hébergement",
  ops: "Exploitation (ops)",
  network: "Réseau",
  administration: "Administration",
  security: "Sécurité",
  deployment: "Déploiement et communication",
  support: "Support",
  development: "Développement",
  management: "Pilotage, produit et coaching",
  design: "Design",
  other: "Autre",
};

export const BUDGET_RESOURCE_LABELS: Record<BudgetResource, string> = {
  staff: "Personnel",
  external_services: "Prestations externes",
  hardware: "Matériel",
  software: "Logiciels et SaaS",
  overheads: "Frais de structure",
  other: "Autre",
};

export const isBudgetActivity = (code: string): code is BudgetActivity =>
  (BUDGET_ACTIVITIES as readonly string[]).includes(code);
export const isBudgetResource = (code: string): code is BudgetResource =>
  (BUDGET_RESOURCES as readonly string[]).includes(code);
