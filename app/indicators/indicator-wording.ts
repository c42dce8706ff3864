// How indicators, their health and cost per use are said in French: labels keyed by code, numbers
// and periods as readers expect them, and the one-sentence summary each chart carries. Pure and
// shared by the product page, the reminders page and the reminder e-mails.
import type { CostPerUse, CostPerUseChange } from "~/domain/cost-per-use";
import type { AttainmentStatus, HealthSummary, IndicatorHealth, Trend } from "~/domain/indicator-health";
import { PHASE_LABELS } from "~/domain/labels";
import { isPhase } from "~/domain/phases";
import type { Frequency } from "~/generated/prisma/enums";
import { formatDay } from "~/ui/dates";
import type { DecisionMarker, PhaseMarker } from "./product-indicators.server";
import { plural } from "~/ui/plural";

// Formatters are built once: building one costs twenty times a formatting, and a product page
// formats every value of every indicator (hundreds) in its tables.
const NUMBER = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", minimumFractionDigits: 0, maximumFractionDigits: 0 });
const EUROS_AND_CENTS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "octobre 2026", in Paris time like every date shown. */
const MONTH = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", month: "long", year: "numeric" });

export const ATTAINMENT_LABELS: Record<AttainmentStatus, string> = {
  "no-target": "sans cible",
  "not-measured": "non mesurée",
  reached: "déjà atteinte",
  "on-track": "en bonne voie",
  "off-track": "en retard",
  met: "atteinte",
  missed: "manquée",
};

export const TREND_LABELS: Record<Trend["direction"], string> = {
  up: "en hausse",
  down: "en baisse",
  stable: "stable",
};

const PERIOD_NAMES: Record<Frequency, { one: string; many: string }> = {
  weekly: { one: "semaine", many: "semaines" },
  monthly: { one: "mois", many: "mois" },
  quarterly: { one: "trimestre", many: "trimestres" },
};

const NUMBER_WORDS = ["zéro", "un", "deux", "trois"];
const FEMININE_NUMBER_WORDS = ["zéro", "une", "deux", "trois"];

/** "trois mois", "deux trimestres", "une semaine", "5 mois". */
export function periodCount(count: number, frequency: Frequency): string {
  const names = PERIOD_NAMES[frequency];
  const words = frequency === "weekly" ? FEMININE_NUMBER_WORDS : NUMBER_WORDS;
  return `${words[count] ?? count} ${count > 1 ? names.many : names.one}`;
}

/** "12 400", "5,6", "41,23": French grouping, at most two decimals. */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** "12 400 utilisateurs", "12,5 %", "5,6/7". */
export function formatMeasure(value: number, unit: string): string {
  const number = formatNumber(value);
  if (unit === "") return number;
  return unit.startsWith("/") ? `${number}${unit}` : `${number} ${unit}`;
}

/** "1 250 000 €", "41,20 €": amounts with cents only when they have some. */
export function formatEuros(value: number): string {
  const cents = Math.abs(value) < 1000 && !Number.isInteger(value);
  return (cents ? EUROS_AND_CENTS : EUROS).format(value);
}

/** "+8 %", "−12 %", "+0,5 %". */
export function formatChange(relative: number): string {
  const percent = relative * 100;
  const rounded = Math.abs(percent) < 1 ? Math.round(percent * 10) / 10 : Math.round(percent);
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "";
  return `${sign}${formatNumber(Math.abs(rounded))} %`;
}

/** "octobre 2026", "4e trimestre 2026", "semaine du 5 octobre 2026". */
export function formatPeriod(start: Date, frequency: Frequency): string {
  if (frequency === "monthly") return MONTH.format(start);
  if (frequency === "quarterly") {
    const quarter = Math.floor(start.getUTCMonth() / 3) + 1;
    return `${quarter === 1 ? "1er" : `${quarter}e`} trimestre ${start.getUTCFullYear()}`;
  }
  return `semaine du ${formatDay(start)}`;
}

/** "d'octobre 2026", "de mars 2026", "du 4e trimestre 2026", "de la semaine du 5 octobre 2026". */
export function ofPeriod(start: Date, frequency: Frequency): string {
  const label = formatPeriod(start, frequency);
  if (frequency === "quarterly") return `du ${label}`;
  if (frequency === "weekly") return `de la ${label}`;
  return /^[aeiouéh]/i.test(label) ? `d'${label}` : `de ${label}`;
}

/** "en octobre 2026", "au 4e trimestre 2026", "la semaine du 5 octobre 2026". */
export function inPeriod(start: Date, frequency: Frequency): string {
  const label = formatPeriod(start, frequency);
  if (frequency === "quarterly") return `au ${label}`;
  if (frequency === "weekly") return `la ${label}`;
  return `en ${label}`;
}

/** What a chart shows, in the terms its summary uses. */
export interface DescribedIndicator {
  unit: string;
  frequency: Frequency;
  health: IndicatorHealth;
}

function describeTrend(trend: Trend, frequency: Frequency, unit: string): string {
  const span = `sur ${periodCount(trend.periods, frequency)}`;
  if (trend.direction === "stable") return `stable ${span}`;
  const change =
    trend.relativeChange === null
      ? `${trend.change > 0 ? "+" : "−"}${formatMeasure(Math.abs(trend.change), unit)}`
      : formatChange(trend.relativeChange);
  return `${change} ${span} (${trend.favourable ? "favorable" : "défavorable"})`;
}

function describeTarget(indicator: DescribedIndicator): string {
  const { attainment } = indicator.health;
  if (attainment.status === "no-target") return "sans cible";
  const target = `cible de ${formatMeasure(attainment.target.value, indicator.unit)} au ${formatDay(attainment.target.dueDate)}`;
  const label = ATTAINMENT_LABELS[attainment.status];
  if (attainment.status === "met" || attainment.status === "missed") {
    const measured = `${formatMeasure(attainment.measured.value, indicator.unit)} ${inPeriod(attainment.measured.periodStart, indicator.frequency)}`;
    return `${target} : ${label} (${measured})`;
  }
  return `${target} : ${label}`;
}

/**
 * "Dernière valeur : 12 400 utilisateurs (octobre 2026), +8 % sur trois mois (favorable), cible de
 * 15 000 utilisateurs au 31 décembre 2026 : en bonne voie."
 */
export function describeIndicator(indicator: DescribedIndicator): string {
  const { latest, trend, freshness } = indicator.health;
  const parts: string[] = [];
  parts.push(
    latest
      ? `Dernière valeur : ${formatMeasure(latest.value, indicator.unit)} (${formatPeriod(latest.periodStart, indicator.frequency)})`
      : "Aucune valeur enregistrée",
  );
  if (trend) parts.push(describeTrend(trend, indicator.frequency, indicator.unit));
  parts.push(describeTarget(indicator));
  let sentence = `${parts.join(", ")}.`;
  if (freshness.overdue) sentence += ` Valeur ${ofPeriod(freshness.lastClosedPeriod, indicator.frequency)} attendue.`;
  return sentence;
}

/** Why cost per use could not be computed, or its value with what it was computed from. */
export function describeCostPerUse(cost: CostPerUse): string {
  switch (cost.status) {
    case "no-users-indicator":
      return "Non calculable : aucun indicateur d'utilisateurs actifs mensuels n'est suivi.";
    case "no-users-value":
      return "Non calculable : aucune valeur d'utilisateurs actifs mensuels n'est enregistrée.";
    case "zero-users":
      return "Non calculable : aucun utilisateur actif.";
    case "no-budget":
      return "Non calculable : aucun budget annuel n'est connu.";
    case "computed":
      return `${formatEuros(cost.euros)} par utilisateur actif (budget annuel de ${formatEuros(cost.budget.euros)} ÷ ${formatNumber(cost.users.value)} utilisateurs actifs ${inPeriod(cost.users.periodStart, "monthly")}).`;
  }
}

/** Where the budget of a computed cost per use comes from. */
export function describeBudgetSource(cost: Extract<CostPerUse, { status: "computed" }>): string {
  const { source } = cost.budget;
  if (source.kind === "indicator") {
    return `Budget : indicateur « Budget annuel » ${ofPeriod(source.periodStart, "monthly")}, dépenses des douze derniers mois.`;
  }
  return source.fundingKind === "paid"
    ? `Budget : crédits de paiement versés en ${source.year}, tous financeurs confondus.`
    : `Budget : enveloppes accordées pour ${source.year}, tous financeurs confondus.`;
}

/** "En baisse de 12 % depuis le comité du 12 mai 2026 (48,10 €) : le ratio s'améliore." */
export function describeCostChange(change: CostPerUseChange): string {
  const since = `depuis le comité du ${formatDay(change.committeeDate)}`;
  if (!change.evolution) {
    return change.then.status === "computed"
      ? `Évolution ${since} non calculable : le ratio actuel ne l'est pas.`
      : `Évolution ${since} non calculable : le ratio ne l'était pas à cette date.`;
  }
  const then = change.then.status === "computed" ? ` (${formatEuros(change.then.euros)})` : "";
  const { direction, relative, euros } = change.evolution;
  if (direction === "unchanged") return `Inchangé ${since}${then}.`;
  const amount = relative === null ? formatEuros(Math.abs(euros)) : formatChange(Math.abs(relative)).replace(/^\+/, "");
  return direction === "improving"
    ? `En baisse de ${amount} ${since}${then} : le ratio s'améliore.`
    : `En hausse de ${amount} ${since}${then} : le ratio se dégrade.`;
}

/** "Comité", "Comité → Accélération": how a decision is marked on a chart. */
export function decisionMarkerLabel(marker: DecisionMarker): string {
  return marker.targetPhase && isPhase(marker.targetPhase) ? `Comité → ${PHASE_LABELS[marker.targetPhase]}` : "Comité";
}

/** "→ Construction": how a phase change is marked on a chart. */
export function phaseMarkerLabel(marker: PhaseMarker): string {
  return `→ ${PHASE_LABELS[marker.phase]}`;
}

/** The health summary as short lines ("4 en bonne voie ou atteintes"…), empty counts left out. */
export function describeHealthSummary(summary: HealthSummary): string[] {
  const lines = [
    summary.onTrack > 0 && `${plural(summary.onTrack, "cible en bonne voie ou atteinte", "cibles en bonne voie ou atteintes")}`,
    summary.offTrack > 0 && `${plural(summary.offTrack, "cible en retard ou manquée", "cibles en retard ou manquées")}`,
    summary.notMeasured > 0 && `${plural(summary.notMeasured, "cible sans mesure pour en juger", "cibles sans mesure pour en juger")}`,
    summary.noTarget > 0 && `${plural(summary.noTarget, "indicateur sans cible", "indicateurs sans cible")}`,
    summary.overdue > 0 &&
      `${plural(summary.overdue, "indicateur dont la valeur de la dernière période manque", "indicateurs dont la valeur de la dernière période manque")}`,
  ];
  return lines.filter((line): line is string => typeof line === "string");
}
