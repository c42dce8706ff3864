// The impact matrix of the doctrine: five levels (usable, used, useful, impactful, efficient), and the
// indicators every product must follow at some of them. Cost per use is the doctrine's own
// definition: annual budget ÷ monthly active users.
import type { Direction, Frequency, ImpactLevel, IndicatorKind, IndicatorSource } from "~/generated/prisma/enums";

/** The levels in the matrix's order, from "can people use it" to "is it worth its cost". */
export const IMPACT_LEVELS = ["usable", "used", "useful", "impactful", "efficient"] as const satisfies readonly ImpactLevel[];

export type MatrixCode = "ease_of_use" | "mau" | "penetration" | "value_generated" | "annual_budget" | "cost_per_use";

/** What defines an indicator, whoever writes it (the matrix, a team, the demo seed). */
export interface IndicatorDefinitionFields {
  name: string;
  description: string;
  level: ImpactLevel;
  kind: IndicatorKind;
  unit: string;
  direction: Direction;
  frequency: Frequency;
  source: IndicatorSource;
}

export interface MandatoryIndicator extends IndicatorDefinitionFields {
  matrixCode: MatrixCode;
}

const monthlyImpact = { kind: "impact", direction: "higher_is_better", frequency: "monthly", source: "team" } as const;

/** The mandatory indicators, in the matrix's order. Teams rename or refine them; the code stays. */
export const MANDATORY_INDICATORS: readonly MandatoryIndicator[] = [
  {
    ...monthlyImpact,
    matrixCode: "ease_of_use",
    level: "usable",
    name: "Score de facilité d'utilisation",
    unit: "/7",
    description: "Réponse moyenne à « Ce service est-il facile à utiliser ? » (de 1 à 7).",
  },
  {
    ...monthlyImpact,
    matrixCode: "mau",
    level: "used",
    name: "Utilisateurs actifs mensuels",
    unit: "utilisateurs",
    description: "Personnes ayant utilisé le service au moins une fois dans le mois.",
  },
  {
    ...monthlyImpact,
    matrixCode: "penetration",
    level: "used",
    name: "Taux de pénétration du marché prioritaire",
    unit: "%",
    description: "Part du public prioritaire du service (les usagers visés) active dans le mois.",
  },
  {
    ...monthlyImpact,
    matrixCode: "value_generated",
    level: "useful",
    name: "Valeur générée",
    unit: "",
    description:
      "La valeur créée pour les usagers (temps gagné, part des problèmes résolus…), mesurée par l'équipe : précisez-en l'unité.",
  },
  {
    ...monthlyImpact,
    matrixCode: "annual_budget",
    level: "efficient",
    // Money spent is a means, not an outcome: it counts for efficiency, never as impact.
    kind: "means",
    direction: "lower_is_better",
    name: "Budget annuel",
    unit: "€",
    description: "Dépenses des douze derniers mois, tous financeurs confondus.",
  },
  {
    ...monthlyImpact,
    matrixCode: "cost_per_use",
    level: "efficient",
    direction: "lower_is_better",
    name: "Coût par usage",
    unit: "€ par utilisateur actif",
    description: "Budget annuel ÷ utilisateurs actifs mensuels.",
  },
];

export function mandatoryIndicator(code: MatrixCode): MandatoryIndicator {
  const found = MANDATORY_INDICATORS.find((indicator) => indicator.matrixCode === code);
  if (!found) throw new RangeError(`Not a mandatory indicator: ${code}`);
  return found;
}

const matrixRank = (code: string | null) => {
  const rank = MANDATORY_INDICATORS.findIndex((indicator) => indicator.matrixCode === code);
  return rank < 0 ? MANDATORY_INDICATORS.length : rank;
};

type Listed = { level: ImpactLevel; matrixCode: string | null; name: string };

/** The order of lists: by level, mandatory indicators first in the matrix's order, then by name. */
export function compareIndicators(a: Listed, b: Listed): number {
  return (
    IMPACT_LEVELS.indexOf(a.level) - IMPACT_LEVELS.indexOf(b.level) ||
    matrixRank(a.matrixCode) - matrixRank(b.matrixCode) ||
    a.name.localeCompare(b.name, "fr")
  );
}

/** The mandatory indicators a product lacks, given the matrix codes of the indicators it has. */
export function missingMandatoryIndicators(presentCodes: Iterable<string | null>): MandatoryIndicator[] {
  const present = new Set(presentCodes);
  return MANDATORY_INDICATORS.filter((indicator) => !present.has(indicator.matrixCode));
}

/**
 * Whether a product measures any outcome for its users: at least one impact indicator still followed.
 * Means indicators (money spent, features shipped, accounts created) do not count.
 */
export function measuresImpact(indicators: readonly { kind: IndicatorKind; archivedAt: Date | null }[]): boolean {
  return indicators.some((indicator) => indicator.kind === "impact" && indicator.archivedAt === null);
}
