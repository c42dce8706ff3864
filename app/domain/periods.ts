// Indicator periods: a value belongs to the period containing its date, identified by the period's
// first day (UTC midnight): the 1st of the month, the 1st of the quarter, or the Monday of the week.
import type { Frequency } from "~/generated/prisma/enums";
import { addMonthsUtc, day, isoDay } from "./days";

export function periodStart(date: Date, frequency: Frequency): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  if (frequency === "monthly") return new Date(Date.UTC(y, m, 1));
  if (frequency === "quarterly") return new Date(Date.UTC(y, m - (m % 3), 1));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(y, m, date.getUTCDate() - weekday));
}

export function nextPeriodStart(start: Date, frequency: Frequency): Date {
  if (frequency === "monthly") return addMonthsUtc(start, 1);
  if (frequency === "quarterly") return addMonthsUtc(start, 3);
  return new Date(start.getTime() + 7 * 24 * 60 * 60 * 1000);
}

/**
 * A period as written in forms, files and API bodies: "2026-10" (a month), "2026-T4" or "2026-Q4"
 * (a quarter), or any day "2026-10-15" (the period containing it). Null when unreadable.
 */
export function parsePeriod(text: string, frequency: Frequency): Date | null {
  const s = text.trim();
  let date: Date;
  try {
    if (/^\d{4}-\d{2}$/.test(s)) date = day(`${s}-01`);
    else if (/^\d{4}-[TQ][1-4]$/i.test(s)) date = day(`${s.slice(0, 4)}-${String((Number(s.at(-1)) - 1) * 3 + 1).padStart(2, "0")}-01`);
    else if (/^\d{2}\/\d{2}\/\d{4}$/.test(s)) date = day(`${s.slice(6)}-${s.slice(3, 5)}-${s.slice(0, 2)}`);
    else date = day(s);
  } catch {
    return null;
  }
  return periodStart(date, frequency);
}

/** "2026-10" for a month, "2026-T4" for a quarter, "2026-10-05" (its Monday) for a week. */
export function periodKey(start: Date, frequency: Frequency): string {
  if (frequency === "monthly") return isoDay(start).slice(0, 7);
  if (frequency === "quarterly") return `${start.getUTCFullYear()}-T${Math.floor(start.getUTCMonth() / 3) + 1}`;
  return isoDay(start);
}
