// The health of an impact indicator, as a committee reads it: how far it is on the way to its next
// target, where it went over the last three periods, and whether the team keeps it up. Pure: the
// server loads rows, these functions judge them, the same way for the product page, lists, dossiers
// and reminders.
import type { Direction, Frequency, IndicatorKind } from "~/generated/prisma/enums";
import { addMonthsUtc, parisDay } from "./days";
import { periodStart } from "./periods";

/** The value of one period, identified by its first day. */
export interface Measurement {
  periodStart: Date;
  value: number;
}

export interface Target {
  value: number;
  dueDate: Date;
}

/** What the rules need to know about an indicator (values and targets in any order). */
export interface HealthInput {
  kind: IndicatorKind;
  direction: Direction;
  frequency: Frequency;
  baselineValue: number | null;
  baselineDate: Date | null;
  /** An indicator created during the current period owes no value for the previous one. */
  createdAt: Date;
  targets: readonly Target[];
  values: readonly Measurement[];
}

/** The first day of the period `count` periods after (or before, when negative) `start`. */
export function shiftPeriod(start: Date, frequency: Frequency, count: number): Date {
  if (frequency === "monthly") return addMonthsUtc(start, count);
  if (frequency === "quarterly") return addMonthsUtc(start, 3 * count);
  return new Date(start.getTime() + count * 7 * 86_400_000);
}

/** How many periods lie between two period starts (positive when `to` is later). */
export function periodsBetween(from: Date, to: Date, frequency: Frequency): number {
  if (frequency === "weekly") return Math.round((to.getTime() - from.getTime()) / (7 * 86_400_000));
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  return frequency === "quarterly" ? Math.round(months / 3) : months;
}

function byPeriod(values: readonly Measurement[]): Measurement[] {
  return [...values].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
}

/** The latest value of a period that had started by `date`: what was known (or knowable) then. */
export function latestAtOrBefore(values: readonly Measurement[], date: Date): Measurement | null {
  let found: Measurement | null = null;
  for (const v of values) {
    if (v.periodStart.getTime() <= date.getTime() && (!found || v.periodStart > found.periodStart)) found = v;
  }
  return found;
}

/** Whether `value` is at least as good as `target`, given the direction. */
export function reaches(value: number, target: number, direction: Direction): boolean {
  return direction === "higher_is_better" ? value >= target : value <= target;
}

// ---------- Attainment ----------

export type AttainmentStatus = "no-target" | "not-measured" | "reached" | "on-track" | "off-track" | "met" | "missed";

export type Attainment =
  | { status: "no-target" }
  /** A target, but no value to judge it by. */
  | { status: "not-measured"; target: Target; past: boolean }
  /**
   * The next target, still ahead. `progress` is the share of the way from the baseline to the target
   * covered by the latest value; `expected` the share of the time elapsed from the baseline to the due
   * date. On track when progress keeps up with time; reached when the latest value already meets it.
   */
  | {
      status: "reached" | "on-track" | "off-track";
      target: Target;
      latest: Measurement;
      progress: number | null;
      expected: number | null;
    }
  /** Every target is past: the last one, judged by the value of the period containing its due date. */
  | { status: "met" | "missed"; target: Target; measured: Measurement };

/**
 * The next target (due today or later) and how far the indicator is on its way; when every target is
 * past, whether the last one was met at its due date. The way is measured from the baseline (else the
 * first value) and its date (else the first value's period); a target that is not better than the
 * baseline cannot be progressed towards, so only reaching it counts.
 */
export function attainment(input: HealthInput, asOf: Date): Attainment {
  const targets = [...input.targets].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime());
  if (targets.length === 0) return { status: "no-target" };
  // The day in Paris, as the dashboards' SQL counts a target due today as still ahead.
  const today = parisDay(asOf);
  const next = targets.find((t) => t.dueDate.getTime() >= today.getTime());

  if (!next) {
    const target = targets[targets.length - 1];
    const measured = latestAtOrBefore(input.values, target.dueDate);
    if (!measured) return { status: "not-measured", target, past: true };
    return { status: reaches(measured.value, target.value, input.direction) ? "met" : "missed", target, measured };
  }

  const latest = latestAtOrBefore(input.values, asOf);
  if (!latest) return { status: "not-measured", target: next, past: false };
  if (reaches(latest.value, next.value, input.direction)) {
    return { status: "reached", target: next, latest, progress: 1, expected: null };
  }
  const first = byPeriod(input.values)[0];
  const baseline = input.baselineValue ?? first.value;
  const start = input.baselineDate ?? first.periodStart;
  const improves = next.value !== baseline && reaches(next.value, baseline, input.direction);
  if (!improves) return { status: "off-track", target: next, latest, progress: null, expected: null };

  const progress = (latest.value - baseline) / (next.value - baseline);
  // A period's value describes the period once it is over: time is counted to its end.
  const measuredUntil = Math.min(shiftPeriod(latest.periodStart, input.frequency, 1).getTime(), asOf.getTime());
  const span = next.dueDate.getTime() - start.getTime();
  const expected = span <= 0 ? 1 : Math.min(1, Math.max(0, (measuredUntil - start.getTime()) / span));
  return { status: progress >= expected ? "on-track" : "off-track", target: next, latest, progress, expected };
}

// ---------- Trend ----------

/** Below this relative change (2 %), a series is stable. */
export const STABLE_THRESHOLD = 0.02;
/** The trend looks this many periods back from the latest value. */
export const TREND_PERIODS = 3;

export interface Trend {
  direction: "up" | "down" | "stable";
  from: Measurement;
  to: Measurement;
  /** Periods between `from` and `to`: 3, or fewer when the value three periods back is missing. */
  periods: number;
  change: number;
  /** Null when the earlier value is zero. */
  relativeChange: number | null;
  /** Whether the move is good news given the direction; null when stable. */
  favourable: boolean | null;
}

/**
 * The latest value against the one three periods earlier; when that period has no value, against
 * the oldest value inside the three periods. Null without two values in that window.
 */
export function trend(input: Pick<HealthInput, "direction" | "frequency" | "values">, asOf: Date): Trend | null {
  const latest = latestAtOrBefore(input.values, asOf);
  if (!latest) return null;
  const windowStart = shiftPeriod(latest.periodStart, input.frequency, -TREND_PERIODS).getTime();
  const from = byPeriod(input.values).find(
    (v) => v.periodStart.getTime() >= windowStart && v.periodStart.getTime() < latest.periodStart.getTime(),
  );
  if (!from) return null;
  const change = latest.value - from.value;
  const relativeChange = from.value === 0 ? null : change / Math.abs(from.value);
  const stable = relativeChange === null ? change === 0 : Math.abs(relativeChange) < STABLE_THRESHOLD;
  const direction = stable ? "stable" : change > 0 ? "up" : "down";
  return {
    direction,
    from,
    to: latest,
    periods: periodsBetween(from.periodStart, latest.periodStart, input.frequency),
    change,
    relativeChange,
    favourable: direction === "stable" ? null : (direction === "up") === (input.direction === "higher_is_better"),
  };
}

// ---------- Freshness ----------

export interface Freshness {
  /** The last period over by `asOf`: its value is due. The current period's is not required yet. */
  lastClosedPeriod: Date;
  lastValuePeriod: Date | null;
  overdue: boolean;
}

export function freshness(input: Pick<HealthInput, "frequency" | "createdAt" | "values">, asOf: Date): Freshness {
  const current = periodStart(asOf, input.frequency);
  const lastClosedPeriod = shiftPeriod(current, input.frequency, -1);
  const required = input.createdAt.getTime() < current.getTime();
  const has = input.values.some((v) => v.periodStart.getTime() === lastClosedPeriod.getTime());
  return {
    lastClosedPeriod,
    lastValuePeriod: latestAtOrBefore(input.values, asOf)?.periodStart ?? null,
    overdue: required && !has,
  };
}

// ---------- One indicator, one product ----------

export interface IndicatorHealth {
  latest: Measurement | null;
  attainment: Attainment;
  trend: Trend | null;
  freshness: Freshness;
}

export function indicatorHealth(input: HealthInput, asOf: Date): IndicatorHealth {
  return {
    latest: latestAtOrBefore(input.values, asOf),
    attainment: attainment(input, asOf),
    trend: trend(input, asOf),
    freshness: freshness(input, asOf),
  };
}

/** Attainments that count as good news in a summary, and those that count as bad news. */
const ON_TRACK: readonly AttainmentStatus[] = ["reached", "on-track", "met"];
const OFF_TRACK: readonly AttainmentStatus[] = ["off-track", "missed"];

export interface HealthSummary {
  indicators: number;
  onTrack: number;
  offTrack: number;
  noTarget: number;
  /** A target but no value to judge it by. */
  notMeasured: number;
  /** Indicators whose last closed period has no value. */
  overdue: number;
  /** False when the product follows only means indicators (or none): it measures no outcome. */
  hasImpactIndicator: boolean;
}

/** The counts lists and dossiers show for a product, over its live indicators. */
export function summarizeHealth(items: readonly { kind: IndicatorKind; health: IndicatorHealth }[]): HealthSummary {
  const count = (test: (h: IndicatorHealth) => boolean) => items.filter((i) => test(i.health)).length;
  return {
    indicators: items.length,
    onTrack: count((h) => ON_TRACK.includes(h.attainment.status)),
    offTrack: count((h) => OFF_TRACK.includes(h.attainment.status)),
    noTarget: count((h) => h.attainment.status === "no-target"),
    notMeasured: count((h) => h.attainment.status === "not-measured"),
    overdue: count((h) => h.freshness.overdue),
    hasImpactIndicator: items.some((i) => i.kind === "impact"),
  };
}
