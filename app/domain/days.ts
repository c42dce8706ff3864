// Calendar days (phase dates, decision dates…) are stored as SQL `date`, which Prisma maps to a Date
// at midnight UTC. These helpers keep that convention in one place.

/** "2024-03-12" → Date at 2024-03-12T00:00:00Z; null for anything else ("2024-02-30" included). */
export function parseDay(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : date;
}

/** "2024-03-12" → Date at 2024-03-12T00:00:00Z. */
export function day(iso: string): Date {
  const date = parseDay(iso);
  if (!date) throw new RangeError(`Not a calendar day: ${iso}`);
  return date;
}

/** Date at midnight UTC → "2024-03-12". */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar day `months` months after `date` (clamped to the month's end), at midnight UTC. */
export function addMonthsUtc(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

// Built once: pages take the Paris day of dozens of instants, and date-fns in a zone (what this did
// before) took four times longer on each; a test checks both agree across the changes of time.
const PARIS_DATE = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", year: "numeric", month: "numeric", day: "numeric" });

/** The calendar day, in Paris, of an instant (at midnight UTC, like every stored day). */
export function parisDay(instant: Date): Date {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of PARIS_DATE.formatToParts(instant)) parts[part.type] = Number(part.value);
  return new Date(Date.UTC(parts.year!, parts.month! - 1, parts.day!));
}

/** Today's calendar day in Paris: days turn at Paris midnight for French agents, not at UTC's. */
export function today(now: Date = new Date()): Date {
  return parisDay(now);
}

/** The earliest day Jalon records (a phase, a membership, a value): the network began long after. */
export const EARLIEST_DAY = day("2000-01-01");

/**
 * The latest day a typed date may be: `years` ahead of `todayDate` leaves room for a planned start
 * or end (one year) or a budget's horizon (more), not for a typo in the year.
 */
export function latestPlannedDay(todayDate: Date = today(), years = 1): Date {
  return addMonthsUtc(todayDate, 12 * years);
}
