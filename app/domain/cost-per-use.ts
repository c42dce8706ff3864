// Cost per use, the doctrine's efficiency ratio: annual budget ÷ monthly active users. It must
// improve (go down) from one committee to the next. Where the two figures come from is decided in
// docs/decisions/006-indicator-health-and-cost-per-use.md:
// - users: the latest value of the "mau" indicator for a period started by the date;
// - budget: the "annual_budget" indicator (spending of the last twelve months, declared by the team)
//   for that period or the latest before it; without one, the funding of that period's year: the
//   payments (CP) of the year's actual budget statement for a closed year, the granted envelopes
//   overlapping the year (prorated by days) for the year in progress, each falling back on the other;
//   a year without any falls back on the year before.
import { latestAtOrBefore, type Measurement } from "./indicator-health";

/**
 * A product's funding of one year: `paid` is the CP of its current actual budget statement, `granted`
 * the part of its granted envelopes falling in the year (app/domain/funding.ts `centsInYear`).
 */
export interface FundingTotal {
  year: number;
  kind: "paid" | "granted";
  cents: number;
}

export interface CostInputs {
  /** The "mau" indicator's values; null when the product has none (or the viewer may not see it). */
  users: readonly Measurement[] | null;
  /** The "annual_budget" indicator's values; null when there is none. */
  annualBudget: readonly Measurement[] | null;
  funding: readonly FundingTotal[];
}

export type BudgetSource =
  | { kind: "indicator"; periodStart: Date }
  | { kind: "funding"; year: number; fundingKind: "paid" | "granted" };

export interface Budget {
  euros: number;
  source: BudgetSource;
}

export type CostPerUse =
  | { status: "computed"; euros: number; budget: Budget; users: Measurement }
  | { status: "no-users-indicator" }
  | { status: "no-users-value" }
  | { status: "zero-users"; users: Measurement; budget: Budget | null }
  | { status: "no-budget"; users: Measurement };

function fundingOfYear(funding: readonly FundingTotal[], year: number, closed: boolean): Budget | null {
  const order: ("paid" | "granted")[] = closed ? ["paid", "granted"] : ["granted", "paid"];
  for (const fundingKind of order) {
    const cents = funding
      .filter((f) => f.year === year && f.kind === fundingKind)
      .reduce((sum, f) => sum + f.cents, 0);
    if (cents > 0) return { euros: cents / 100, source: { kind: "funding", year, fundingKind } };
  }
  return null;
}

/** The annual budget that goes with the users of `period`, judged on `asOf`. */
export function annualBudgetFor(inputs: CostInputs, period: Date, asOf: Date): Budget | null {
  const declared = inputs.annualBudget && latestAtOrBefore(inputs.annualBudget, period);
  if (declared) return { euros: declared.value, source: { kind: "indicator", periodStart: declared.periodStart } };
  const year = period.getUTCFullYear();
  const currentYear = asOf.getUTCFullYear();
  return fundingOfYear(inputs.funding, year, year < currentYear) ?? fundingOfYear(inputs.funding, year - 1, true);
}

/** Cost per use on `asOf`, from the latest users figure of a period started by then. */
export function costPerUseAt(inputs: CostInputs, asOf: Date): CostPerUse {
  if (!inputs.users) return { status: "no-users-indicator" };
  const users = latestAtOrBefore(inputs.users, asOf);
  if (!users) return { status: "no-users-value" };
  const budget = annualBudgetFor(inputs, users.periodStart, asOf);
  if (users.value <= 0) return { status: "zero-users", users, budget };
  if (!budget) return { status: "no-budget", users };
  return { status: "computed", euros: budget.euros / users.value, budget, users };
}

export interface CostPerUseChange {
  /** The product's latest committee decision. */
  committeeDate: Date;
  then: CostPerUse;
  now: CostPerUse;
  /** Null unless both ratios could be computed. */
  evolution: {
    euros: number;
    /** Null when the earlier ratio is zero. */
    relative: number | null;
    /** Lower is better: improving when the ratio went down. */
    direction: "improving" | "worsening" | "unchanged";
  } | null;
}

/** How cost per use moved since the last committee; null when the product never had one. */
export function costPerUseChange(inputs: CostInputs, lastCommittee: Date | null, asOf: Date): CostPerUseChange | null {
  if (!lastCommittee) return null;
  const then = costPerUseAt(inputs, lastCommittee);
  const now = costPerUseAt(inputs, asOf);
  if (then.status !== "computed" || now.status !== "computed") return { committeeDate: lastCommittee, then, now, evolution: null };
  const euros = now.euros - then.euros;
  // Under a cent per user, the ratio has not moved.
  const direction = Math.abs(euros) < 0.005 ? "unchanged" : euros < 0 ? "improving" : "worsening";
  return {
    committeeDate: lastCommittee,
    then,
    now,
    evolution: { euros, relative: then.euros === 0 ? null : euros / then.euros, direction },
  };
}
