// Calendar days (phase dates, decision dates…) are stored as SQL `date`, which Prisma maps to a Date
// at midnight UTC. These helpers keep that convention in one place.

/** "2024-03-12" → Date at 2024-03-12T00:00:00Z. */
export function day(iso: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`Not a calendar day: ${iso}`);
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`Not a calendar day: ${iso}`);
  }
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
