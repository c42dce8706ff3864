// When a product is next due before the investment committee. The doctrine: a committee at least
// every six months per product (the incubator's `reviewIntervalMonths`), sooner after a provisional
// extension (one or two months, then a new committee). Review dates are calendar days (midnight UTC,
// see days.ts); "today" and the day of a session are taken in Paris, where committees sit.
import type { Outcome } from "~/generated/prisma/enums";
import { addMonthsUtc, parisDay } from "./days";
import { currentPhase, isTerminal, orderHistory, type PhaseEntryLike } from "./phases";

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 6;
/** A product never reviewed is due this long after its history starts (as the portfolio list counts). */
export const FIRST_REVIEW_MONTHS = 6;
/** A provisional extension lasts one or two months; without a word, the longer. */
export const EXTENSION_MONTHS = [1, 2] as const;
export type ExtensionMonths = (typeof EXTENSION_MONTHS)[number];
export const DEFAULT_EXTENSION_MONTHS: ExtensionMonths = 2;
/** "À revoir bientôt": due within this many days (the doctrine's 30–45 days before the budget ends). */
export const REVIEW_SOON_DAYS = 45;

const DAY_MS = 86_400_000;

export { parisDay };

export function addDaysUtc(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to`, both calendar days. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

export interface DecisionLike {
  id: string;
  outcome: Outcome;
  decidedOn: Date;
  nextReviewDate: Date | null;
  /** The decision this one amends. */
  correctsId: string | null;
  createdAt: Date;
}

/** Decisions that still stand: an amended decision gives way to its amendment. */
export function standingDecisions<T extends DecisionLike>(decisions: readonly T[]): T[] {
  const corrected = new Set(decisions.map((d) => d.correctsId).filter((id): id is string => id !== null));
  return decisions.filter((d) => !corrected.has(d.id));
}

/** The latest decision still standing: by decision day, then by recording time. */
export function latestDecision<T extends DecisionLike>(decisions: readonly T[]): T | null {
  const standing = standingDecisions(decisions);
  standing.sort((a, b) => a.decidedOn.getTime() - b.decidedOn.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
  return standing.at(-1) ?? null;
}

/**
 * The review a decision implies when it names none: the incubator's interval, one or two months after
 * a provisional extension, none after a stop (the product leaves the portfolio).
 */
export function defaultNextReview(
  decision: { outcome: Outcome; decidedOn: Date },
  intervalMonths: number = DEFAULT_REVIEW_INTERVAL_MONTHS,
  extensionMonths: ExtensionMonths = DEFAULT_EXTENSION_MONTHS,
): Date | null {
  switch (decision.outcome) {
    case "stop":
      return null;
    case "extend":
      return addMonthsUtc(decision.decidedOn, extensionMonths);
    default:
      return addMonthsUtc(decision.decidedOn, intervalMonths);
  }
}

export type ReviewBasis =
  /** The latest decision set the date. */
  | "decision"
  /** The latest decision set none: its day plus the interval (or the extension). */
  | "interval"
  /** Never reviewed: the history's start plus FIRST_REVIEW_MONTHS. */
  | "first-review";

export interface NextReview {
  date: Date;
  basis: ReviewBasis;
}

/**
 * When the product is next due before the committee, or null when it is not (no history, or an ended
 * product). `decisions` are all of the product's decisions, amended ones included.
 */
export function nextReview(
  history: readonly PhaseEntryLike[],
  decisions: readonly DecisionLike[],
  intervalMonths: number = DEFAULT_REVIEW_INTERVAL_MONTHS,
  asOf?: Date,
): NextReview | null {
  const phase = currentPhase(history, asOf);
  if (phase === null || isTerminal(phase)) return null;
  const latest = latestDecision(decisions);
  if (latest?.nextReviewDate) return { date: latest.nextReviewDate, basis: "decision" };
  if (latest) {
    const date = defaultNextReview(latest, intervalMonths);
    return date ? { date, basis: "interval" } : null;
  }
  const start = orderHistory(history)[0].startDate;
  return { date: addMonthsUtc(start, FIRST_REVIEW_MONTHS), basis: "first-review" };
}

export type ReviewUrgency = "overdue" | "soon" | "later";

export interface ReviewStatus {
  urgency: ReviewUrgency;
  /** Days from `today` to the review: negative when overdue. */
  days: number;
}

/** Overdue once the review day has passed; "soon" within REVIEW_SOON_DAYS days of `today`. */
export function reviewStatus(reviewDate: Date, today: Date): ReviewStatus {
  const days = daysBetween(today, reviewDate);
  return { urgency: days < 0 ? "overdue" : days <= REVIEW_SOON_DAYS ? "soon" : "later", days };
}

/** A session reviews the products overdue on its day or due within REVIEW_SOON_DAYS days after it. */
export function dueForSession(reviewDate: Date, sessionDay: Date): boolean {
  return daysBetween(sessionDay, reviewDate) <= REVIEW_SOON_DAYS;
}
