// Which periods the entry screen of a month asks for. The screen is a month ("periode=2026-10"):
// a monthly indicator gets that month, a quarterly one the quarter containing it, and a weekly one
// each week whose Monday falls in the month (so that every week belongs to exactly one month's
// screen). See docs/decisions/005-indicator-entry.md.
import type { Frequency } from "~/generated/prisma/enums";
import { addMonthsUtc, EARLIEST_DAY, isoDay } from "./days";
import { periodStart } from "./periods";

const DAY_MS = 86_400_000;

/** Months turn at Paris midnight: entry periods count from today's Paris day. */
export { today as parisToday } from "./days";

/** The first day of the month containing `date`. */
export function monthOf(date: Date): Date {
  return periodStart(date, "monthly");
}

/** "2026-10". */
export function monthKey(month: Date): string {
  return isoDay(month).slice(0, 7);
}

/** "2026-10" → 2026-10-01; null for anything else. */
export function parseMonthKey(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return new Date(Date.UTC(Number(match[1]), month - 1, 1));
}

/** The screen opened by default: the month before `today`'s, the last one that has ended. */
export function defaultEntryMonth(today: Date): Date {
  return addMonthsUtc(monthOf(today), -1);
}

/** Why a month cannot be entered, or null: values are measured, so never for a month not yet begun. */
export function entryMonthProblem(month: Date, today: Date): string | null {
  if (month < EARLIEST_DAY) return "Cette période est antérieure à l'an 2000 : vérifiez l'année.";
  if (month > monthOf(today)) return "Cette période n'a pas encore commencé : ses valeurs ne peuvent pas encore être saisies.";
  return null;
}

/** The screen asked for by `?periode=` (absent: the default one), or why it cannot be shown. */
export function readEntryMonth(text: string | null, today: Date): { ok: true; month: Date } | { ok: false; problem: string } {
  const month = text === null ? defaultEntryMonth(today) : parseMonthKey(text);
  if (!month) return { ok: false, problem: "Cette période n'est pas lisible : indiquez un mois, par exemple 2026-10." };
  const problem = entryMonthProblem(month, today);
  return problem ? { ok: false, problem } : { ok: true, month };
}

/** The month before `month`, or null before 2000. */
export function previousEntryMonth(month: Date): Date | null {
  const previous = addMonthsUtc(month, -1);
  return previous < EARLIEST_DAY ? null : previous;
}

/** The month after `month`, or null when it has not begun on `today`. */
export function nextEntryMonth(month: Date, today: Date): Date | null {
  const next = addMonthsUtc(month, 1);
  return next > monthOf(today) ? null : next;
}

/** The periods (their first days) an indicator of this frequency is entered for on the month's screen. */
export function entryPeriods(month: Date, frequency: Frequency): Date[] {
  if (frequency !== "weekly") return [periodStart(month, frequency)];
  const end = addMonthsUtc(month, 1);
  const mondays: Date[] = [];
  for (let monday = periodStart(month, "weekly"); monday < end; monday = new Date(monday.getTime() + 7 * DAY_MS)) {
    if (monday >= month) mondays.push(monday);
  }
  return mondays;
}

/** The period before the one starting on `start`: shown beside each input, for comparison. */
export function previousPeriodStart(start: Date, frequency: Frequency): Date {
  if (frequency === "monthly") return addMonthsUtc(start, -1);
  if (frequency === "quarterly") return addMonthsUtc(start, -3);
  return new Date(start.getTime() - 7 * DAY_MS);
}
