// What a demo product spends and measures, month by month: spending follows the doctrine (about
// 500 k€ a year in construction, 1 to 2 M€ in acceleration) and the impact matrix indicators follow an
// adoption curve with seasonality and noise. Cost per use is derived, as in the doctrine: annual
// budget ÷ monthly active users.
import { addMonthsUtc } from "~/domain/days";
import { mandatoryIndicator, type IndicatorDefinitionFields, type MatrixCode } from "~/domain/impact-matrix";
import type { Phase } from "~/domain/phases";
import type { ImpactLevel } from "~/generated/prisma/enums";
import type { ProductSeed } from "./demo-catalogue.server";
import { phaseOn, type LifePlan } from "./demo-timeline";
import type { Random } from "./random";

export type MetricCode =
  | "mau"
  | "penetration"
  | "weekly_uses"
  | "ease_of_use"
  | "support_rate"
  | "value_generated"
  | "nps"
  | "impact"
  | "annual_budget"
  | "cost_per_use"
  | "accounts"
  | "features";

export interface IndicatorDefinition extends IndicatorDefinitionFields {
  code: MetricCode;
  /** Code of a mandatory indicator of the impact matrix; null for the others. */
  matrixCode: MatrixCode | null;
}

const formatNumber = (n: number) => new Intl.NumberFormat("fr-FR").format(n);

/** The indicators a product follows: the matrix's mandatory ones, its own, and two "means" ones. */
export function indicatorDefinitions(seed: ProductSeed, reachedAcceleration: boolean): IndicatorDefinition[] {
  // A mandatory indicator as app/domain/impact-matrix.ts defines it, with what this product says of it.
  const mandatory = (code: MatrixCode, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
    code,
    ...mandatoryIndicator(code),
    ...extra,
  });
  const own = (
    code: MetricCode,
    level: ImpactLevel,
    name: string,
    unit: string,
    description: string,
    extra: Partial<IndicatorDefinition> = {},
  ): IndicatorDefinition => ({
    code,
    matrixCode: null,
    name,
    description,
    level,
    kind: "impact",
    unit,
    direction: "higher_is_better",
    frequency: "monthly",
    source: "team",
    ...extra,
  });
  const definitions = [
    mandatory("mau", { source: "matomo" }),
    mandatory("penetration", {
      description: `Part des ${seed.market.label} (environ ${formatNumber(seed.market.size)}) actifs dans le mois.`,
    }),
    own("weekly_uses", "used", "Usages par semaine", "usages", "Recherches, demandes ou dossiers menés à bout dans la semaine.", {
      frequency: "weekly",
      source: "stats_page",
    }),
    mandatory("ease_of_use"),
    own(
      "support_rate",
      "usable",
      "Taux de contact du support",
      "%",
      "Part des utilisateurs actifs ayant écrit au support dans le mois.",
      { direction: "lower_is_better" },
    ),
    mandatory("value_generated", {
      name: seed.useful.name,
      unit: seed.useful.unit,
      description: "La valeur créée pour les usagers, mesurée par l'équipe.",
      direction: seed.useful.direction,
    }),
    own("nps", "useful", "Satisfaction (NPS)", "points", "Net Promoter Score trimestriel, de −100 à +100.", {
      frequency: "quarterly",
    }),
    mandatory("annual_budget"),
    mandatory("cost_per_use"),
    own(
      "accounts",
      "used",
      "Comptes créés (cumul)",
      "comptes",
      "Indicateur de moyens : un total cumulé ne dit rien de l'usage réel.",
      { kind: "means" },
    ),
    own(
      "features",
      "usable",
      "Fonctionnalités mises en production",
      "fonctionnalités",
      "Indicateur de moyens : ce qui a été livré dans le mois.",
      { kind: "means" },
    ),
  ];
  if (seed.impact && reachedAcceleration) {
    definitions.push(
      own(
        "impact",
        "impactful",
        seed.impact.name,
        seed.impact.unit,
        "Effet mesuré ou estimé, cumulé depuis le début de l'accélération.",
      ),
    );
  }
  return definitions;
}

/** The parameters that make a product's curves its own. */
export interface ProductModel {
  seed: ProductSeed;
  plan: LifePlan;
  constructionStart: Date | null;
  accelerationStart: Date | null;
  /** Monthly active users the product reaches at best. */
  potential: number;
  /** Months for acceleration to cover ~63 % of the way to the potential. */
  tau: number;
  costFactor: number;
  accelerationMonthly: number;
  usesPerUser: number;
  accountsPerUser: number;
  ease: { start: number; ceiling: number };
}

const MONTH_MS = 30.4375 * 86_400_000;
const monthsBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / MONTH_MS;

export function productModel(rng: Random, seed: ProductSeed, plan: LifePlan): ProductModel {
  const startOf = (phase: Phase) => plan.phases.find((p) => p.phase === phase)?.start ?? null;
  const final = seed.path[seed.path.length - 1];
  const reachedAcceleration = seed.path.includes("acceleration");
  const success =
    final === "abandon"
      ? seed.stopReason === "budget"
        ? rng.float(0.5, 0.7)
        : rng.float(0.15, 0.3)
      : reachedAcceleration
      ? rng.float(0.75, 1.1)
      : rng.float(0.45, 0.8);
  return {
    seed,
    plan,
    constructionStart: startOf("construction"),
    accelerationStart: startOf("acceleration"),
    potential: Math.max(300, seed.market.size * seed.market.reach * success),
    tau: rng.float(7, 14),
    costFactor: rng.float(0.8, 1.25),
    accelerationMonthly: rng.float(85_000, 150_000),
    usesPerUser: rng.float(1.3, 3.2),
    accountsPerUser: rng.float(0.15, 0.35),
    ease: {
      start: rng.float(3.7, 4.7),
      ceiling: final === "abandon" ? rng.float(4.6, 5.2) : rng.float(5.4, 6.3),
    },
  };
}

/** Monthly spending by phase, in euros, before noise. */
export function monthlyRate(model: ProductModel, phase: Phase): number {
  switch (phase) {
    case "investigation":
      return 22_000 * model.costFactor;
    case "construction":
      return 42_000 * model.costFactor;
    case "acceleration":
      return model.accelerationMonthly;
    case "consolidation":
      return 65_000 * model.costFactor;
    case "opere":
      return 32_000 * model.costFactor;
    default:
      return 0;
  }
}

export interface MonthlySpend {
  month: Date;
  euros: number;
}

const firstOfMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));

/** Every month of the product's activity, from its first month to the one before it stopped (or today). */
export function activeMonths(from: Date, until: Date): Date[] {
  const months: Date[] = [];
  for (let m = firstOfMonth(from); m < firstOfMonth(until); m = addMonthsUtc(m, 1)) months.push(m);
  return months;
}

export function monthlySpend(rng: Random, model: ProductModel): MonthlySpend[] {
  return activeMonths(model.plan.phases[0].start, model.plan.activeUntil).map((month) => {
    const phase = phaseOn(model.plan, new Date(month.getTime() + 14 * 86_400_000));
    return { month, euros: Math.round((monthlyRate(model, phase) * rng.float(0.9, 1.1)) / 100) * 100 };
  });
}

/** Expected monthly active users on a date, before seasonality and noise. */
export function expectedActiveUsers(model: ProductModel, date: Date): number {
  if (!model.constructionStart) return 0;
  const t = monthsBetween(model.constructionStart, date);
  if (t < 1) return 0;
  let level: number;
  if (model.accelerationStart && date >= model.accelerationStart) {
    const u = monthsBetween(model.accelerationStart, date);
    level = model.potential * (0.08 + 0.92 * (1 - Math.exp(-u / model.tau)));
  } else {
    const ramp = model.accelerationStart ? monthsBetween(model.constructionStart, model.accelerationStart) : 12;
    level = model.potential * Math.min(0.12, 0.08 * Math.pow((t - 1) / Math.max(ramp - 1, 1), 1.6));
  }
  const final = model.seed.path[model.seed.path.length - 1];
  if (final === "abandon") {
    const monthsLeft = monthsBetween(date, model.plan.activeUntil);
    if (monthsLeft < 4) level *= 1 - 0.12 * (4 - monthsLeft);
  }
  return level;
}

/** The value generated, expected on a date, between the product's first and hoped-for levels. */
export function expectedValueGenerated(model: ProductModel, date: Date): number | null {
  if (!model.constructionStart) return null;
  const t = monthsBetween(model.constructionStart, date);
  if (t < 3) return null;
  const { from, to } = model.seed.useful;
  const ceiling = model.seed.path.includes("acceleration") ? 1 : 0.6;
  return from + (to - from) * ceiling * (1 - Math.exp(-(t - 3) / 14));
}

export function expectedEase(model: ProductModel, date: Date): number | null {
  if (!model.constructionStart) return null;
  const t = monthsBetween(model.constructionStart, date);
  if (t < 2) return null;
  return model.ease.start + (model.ease.ceiling - model.ease.start) * (1 - Math.exp(-(t - 2) / 10));
}

const SEASONALITY = [1, 1, 1.02, 1, 1, 0.98, 0.92, 0.8, 1.03, 1.04, 1.02, 0.9];

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export interface Point {
  periodStart: Date;
  value: number;
}

function mondaysOf(month: Date): Date[] {
  const mondays: Date[] = [];
  const next = addMonthsUtc(month, 1);
  for (let d = new Date(month); d < next; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() === 1) mondays.push(d);
  }
  return mondays;
}

/** Measured values of every indicator, from the first month of construction to the last month of activity. */
export function indicatorSeries(
  rng: Random,
  model: ProductModel,
  spend: readonly MonthlySpend[],
  codes: ReadonlySet<MetricCode>,
): Map<MetricCode, Point[]> {
  const series = new Map<MetricCode, Point[]>([...codes].map((code) => [code, []]));
  const push = (code: MetricCode, periodStart: Date, value: number) => series.get(code)?.push({ periodStart, value });
  if (!model.constructionStart) return series;
  const spendByMonth = new Map(spend.map((s) => [s.month.getTime(), s.euros]));
  const months = activeMonths(model.constructionStart, model.plan.activeUntil);
  const { seed } = model;
  const decimals = seed.useful.decimals;
  let accounts = 0;
  let impact = 0;
  months.forEach((month, i) => {
    const mid = new Date(month.getTime() + 14 * 86_400_000);
    const phase = phaseOn(model.plan, mid);
    const mau = Math.max(
      0,
      Math.round(expectedActiveUsers(model, mid) * SEASONALITY[month.getUTCMonth()] * (1 + 0.05 * rng.gaussian())),
    );
    push("mau", month, mau);
    push("penetration", month, round((100 * mau) / seed.market.size, 2));
    for (const monday of mondaysOf(month)) {
      if (mau > 0)
        push(
          "weekly_uses",
          monday,
          Math.max(0, Math.round(((mau * model.usesPerUser) / 4.35) * (1 + 0.08 * rng.gaussian()))),
        );
    }
    const ease = expectedEase(model, mid);
    if (ease !== null) push("ease_of_use", month, round(Math.min(7, Math.max(1, ease + 0.12 * rng.gaussian())), 1));
    if (i >= 1 && mau > 0) {
      const t = monthsBetween(model.constructionStart as Date, mid);
      push("support_rate", month, round(Math.max(0.3, 2 + 7 * Math.exp(-t / 9) + 0.4 * rng.gaussian()), 1));
    }
    const value = expectedValueGenerated(model, mid);
    if (value !== null) {
      const spread = Math.abs(seed.useful.to - seed.useful.from) * 0.03;
      push("value_generated", month, round(Math.max(0, value + spread * rng.gaussian()), decimals));
    }
    if (i >= 3 && month.getUTCMonth() % 3 === 0) {
      push("nps", month, Math.round(-5 + 45 * (1 - Math.exp(-i / 12)) + 4 * rng.gaussian()));
    }
    const yearSpend = activeMonths(addMonthsUtc(month, -11), addMonthsUtc(month, 1)).reduce(
      (sum, m) => sum + (spendByMonth.get(m.getTime()) ?? 0),
      0,
    );
    const annualBudget = Math.round(yearSpend / 100) * 100;
    push("annual_budget", month, annualBudget);
    if (mau > 0) push("cost_per_use", month, round(annualBudget / mau, 2));
    accounts += Math.round(mau * model.accountsPerUser * rng.float(0.8, 1.2));
    push("accounts", month, accounts);
    const shipped = phase === "construction" || phase === "acceleration" ? rng.int(3, 9) : rng.int(1, 4);
    push("features", month, shipped);
    if (seed.impact && model.accelerationStart && month >= firstOfMonth(model.accelerationStart)) {
      impact += mau * seed.impact.perActiveUser;
      push("impact", month, round(impact, impact < 100 ? 1 : 0));
    }
  });
  return series;
}
