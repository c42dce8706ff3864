// The life of a demo product: committee calendars, phase histories and the committee reviews that
// decided each step. Everything is dated relative to a fixed reference day, so the demo is the same
// whenever it is loaded; a product's current phase on that day is the last phase of its path.
import { TZDate } from "@date-fns/tz";
import { addMonthsUtc, day } from "~/domain/days";
import { isTerminal, type Phase } from "~/domain/phases";
import type { Random } from "./random";

/** The demo's "today": histories, series and sessions are placed relative to it. */
export const DEMO_ANCHOR = day("2026-11-01");

/** No history starts before this day, so that committee calendars cover every review. */
const EARLIEST_START = day("2020-06-01");
const CALENDAR_START = day("2020-01-01");
/** Sessions of the weeks after the reference day would already look overdue when the demo is shown. */
const QUIET_DAYS_AFTER_ANCHOR = 28;
const DAY_MS = 86_400_000;

/** Incubators meet every other month, in these months (0 = January): never in August. */
const COMMITTEE_MONTHS = [0, 2, 4, 6, 8, 10];

export interface SessionSlot {
  /** Position in the incubator's calendar: the key of the session. */
  index: number;
  /** The calendar day (midnight UTC), used for decisions and phase dates. */
  day: Date;
  /** The instant the session starts (9:30 or 14:00 in Paris). */
  startsAt: Date;
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** A weekday (Tuesday or Thursday) in the chosen half of each committee month, from 2020 to `until`. */
export function committeeCalendar(rng: Random, week: "early" | "late", until: Date): SessionSlot[] {
  const slots: SessionSlot[] = [];
  const quietEnd = addDays(DEMO_ANCHOR, QUIET_DAYS_AFTER_ANCHOR);
  for (let year = CALENDAR_START.getUTCFullYear(); year <= until.getUTCFullYear(); year++) {
    for (const month of COMMITTEE_MONTHS) {
      const [first, last] = week === "early" ? [4, 14] : [15, 26];
      const candidates: number[] = [];
      for (let d = first; d <= last; d++) {
        const weekday = new Date(Date.UTC(year, month, d)).getUTCDay();
        if (weekday === 2 || weekday === 4) candidates.push(d);
      }
      const date = rng.pick(candidates);
      const sessionDay = new Date(Date.UTC(year, month, date));
      if (sessionDay > until || (sessionDay > DEMO_ANCHOR && sessionDay <= quietEnd)) continue;
      const [hour, minute] = rng.chance(0.6) ? [9, 30] : [14, 0];
      const startsAt = new Date(new TZDate(year, month, date, hour, minute, "Europe/Paris").getTime());
      slots.push({ index: slots.length, day: sessionDay, startsAt });
    }
  }
  return slots;
}

function slotOnOrBefore(calendar: readonly SessionSlot[], date: Date): SessionSlot {
  const found = calendar.findLast((s) => s.day <= date);
  if (!found) throw new RangeError(`No committee session before ${date.toISOString()}`);
  return found;
}

function slotOnOrAfter(calendar: readonly SessionSlot[], date: Date): SessionSlot | null {
  return calendar.find((s) => s.day >= date) ?? null;
}

function slotNear(calendar: readonly SessionSlot[], date: Date): SessionSlot {
  const after = slotOnOrAfter(calendar, date);
  const before = calendar.findLast((s) => s.day <= date);
  if (!after || (before && date.getTime() - before.day.getTime() < after.day.getTime() - date.getTime())) {
    return before ?? slotOnOrBefore(calendar, date);
  }
  return after;
}

export type ReviewOutcome = "continue" | "extend" | "pivot" | "next_phase" | "stop";

/** One past committee review of the product and what it decided. */
export interface Review {
  slot: SessionSlot;
  /** The phase the product was in when the committee met. */
  phase: Phase;
  outcome: ReviewOutcome;
  /** The phase entered, for next_phase and stop. */
  targetPhase: Phase | null;
  /** The product's next review, when there is one. */
  next: SessionSlot | null;
}

export interface PhaseSpan {
  phase: Phase;
  start: Date;
  end: Date | null;
}

export interface LifePlan {
  phases: PhaseSpan[];
  reviews: Review[];
  /** The next committee on the calendar after the reference day, for a product still active. */
  upcoming: SessionSlot | null;
  /** Last day of activity: the terminal phase's start, else the reference day. */
  activeUntil: Date;
}

/** Months spent in each phase before the next one, as observed in the network (medians 4.5, 15, 21). */
const PHASE_MONTHS: Partial<Record<Phase, [number, number]>> = {
  investigation: [2, 4.5],
  construction: [7, 17],
  acceleration: [13, 28],
  consolidation: [8, 16],
  opere: [14, 30],
};

/** Months already spent, on the reference day, in the phase a path ends with. */
const ELAPSED_MONTHS: Partial<Record<Phase, [number, number]>> = {
  investigation: [0.2, 1.7],
  construction: [1, 14],
  acceleration: [1, 24],
  consolidation: [1, 12],
  opere: [4, 30],
};
const ELAPSED_TERMINAL: [number, number] = [1, 30];

const REVIEW_EVERY_MONTHS: Partial<Record<Phase, number>> = {
  construction: 6,
  acceleration: 6,
  consolidation: 6,
  opere: 12,
};

function monthsBack(date: Date, months: number): Date {
  const whole = Math.floor(months);
  return addDays(addMonthsUtc(date, -whole), -Math.round((months - whole) * 30));
}

function monthsAhead(date: Date, months: number): Date {
  return addMonthsUtc(date, months);
}

function draw(rng: Random, [min, max]: [number, number]): number {
  return rng.float(min, max);
}

/** Transition sessions, walking back from the reference day; null when the path would start too early. */
function transitionSlots(rng: Random, path: readonly Phase[], calendar: readonly SessionSlot[]): SessionSlot[] | null {
  const final = path[path.length - 1];
  const elapsed = draw(rng, ELAPSED_MONTHS[final] ?? ELAPSED_TERMINAL);
  const slots: SessionSlot[] = [slotOnOrBefore(calendar, monthsBack(DEMO_ANCHOR, elapsed))];
  for (let i = path.length - 2; i >= 1; i--) {
    const next = slots[0];
    let slot = slotNear(calendar, monthsBack(next.day, draw(rng, PHASE_MONTHS[path[i]] ?? [6, 12])));
    if (slot.index >= next.index - 1) slot = calendar[next.index - 2];
    if (!slot || slot.day < EARLIEST_START) return null;
    slots.unshift(slot);
  }
  return slots;
}

function phaseReviews(
  rng: Random,
  calendar: readonly SessionSlot[],
  phase: Phase,
  from: SessionSlot,
  until: SessionSlot | null,
): { reviews: Array<Omit<Review, "next">>; upcoming: SessionSlot | null } {
  const every = REVIEW_EVERY_MONTHS[phase];
  const reviews: Array<Omit<Review, "next">> = [];
  if (!every) return { reviews, upcoming: null };
  let last = from;
  let extended = false;
  for (;;) {
    const candidate = extended ? calendar[last.index + 1] : slotNear(calendar, monthsAhead(last.day, every));
    if (!candidate || candidate.index <= last.index) return { reviews, upcoming: null };
    if (until && candidate.day.getTime() >= monthsBack(until.day, 1.5).getTime()) return { reviews, upcoming: null };
    if (candidate.day > DEMO_ANCHOR) return { reviews, upcoming: candidate };
    const outcome: ReviewOutcome = extended
      ? "continue"
      : rng.chance(0.12)
      ? "extend"
      : phase === "construction" && rng.chance(0.06)
      ? "pivot"
      : "continue";
    reviews.push({ slot: candidate, phase, outcome, targetPhase: null });
    extended = outcome === "extend";
    last = candidate;
  }
}

/** A product's history and reviews for a path of phases; the path must be a valid lifecycle. */
export function planLife(rng: Random, path: readonly Phase[], calendar: readonly SessionSlot[]): LifePlan {
  if (path.length === 1) {
    const start = monthsBack(DEMO_ANCHOR, draw(rng, ELAPSED_MONTHS.investigation ?? [0, 1]));
    return {
      phases: [{ phase: path[0], start, end: null }],
      reviews: [],
      upcoming: slotOnOrAfter(calendar, monthsAhead(start, 2)),
      activeUntil: DEMO_ANCHOR,
    };
  }
  let transitions = transitionSlots(rng, path, calendar);
  for (let attempt = 0; !transitions && attempt < 50; attempt++) transitions = transitionSlots(rng, path, calendar);
  if (!transitions) throw new RangeError(`Cannot place the path ${path.join(" → ")} in the calendar`);

  const start = monthsBack(transitions[0].day, draw(rng, PHASE_MONTHS.investigation ?? [2, 4]));
  const phases: PhaseSpan[] = path.map((phase, i) => ({
    phase,
    start: i === 0 ? start : transitions[i - 1].day,
    end: transitions[i]?.day ?? null,
  }));

  const reviews: Array<Omit<Review, "next">> = [];
  let upcoming: SessionSlot | null = null;
  for (let i = 1; i < path.length; i++) {
    const entered = path[i];
    const outcome = entered === "abandon" || entered === "abandon-investigation" ? "stop" : "next_phase";
    reviews.push({ slot: transitions[i - 1], phase: path[i - 1], outcome, targetPhase: entered });
    if (isTerminal(entered)) continue;
    const within = phaseReviews(rng, calendar, entered, transitions[i - 1], transitions[i] ?? null);
    reviews.push(...within.reviews);
    upcoming = within.upcoming ?? upcoming;
  }
  const final = path[path.length - 1];
  const activeUntil = isTerminal(final) ? transitions[transitions.length - 1].day : DEMO_ANCHOR;
  return {
    phases,
    reviews: reviews.map((review, i) => ({
      ...review,
      next: reviews[i + 1]?.slot ?? (isTerminal(final) ? null : upcoming),
    })),
    upcoming: isTerminal(final) ? null : upcoming,
    activeUntil,
  };
}

/** The phase a plan is in on a day (the last one started by then). */
export function phaseOn(plan: Pick<LifePlan, "phases">, date: Date): Phase {
  return plan.phases.findLast((p) => p.start <= date)?.phase ?? plan.phases[0].phase;
}
