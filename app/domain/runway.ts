// When a product's money runs out, and whether a committee will meet before it does. The doctrine
// wants the committee 30 to 45 days before the budget ends (buying services takes about a month
// after a decision). Pure, in integer cents and whole days; the portfolio computes the same flag in
// SQL (app/funding/runway-sql.server.ts), tested against this. Decided in
// docs/decisions/020-funding-envelopes-and-runway.md.

/** A granted envelope: its period (both days included) and amount. */
export interface RunwayEnvelope {
  startDate: Date;
  endDate: Date;
  cents: number;
}

/** Money paid (CP) over a period (both days included). */
export interface SpendingPeriod {
  from: Date;
  to: Date;
  cents: number;
}

export type Runway =
  | { status: "unfunded" }
  | {
      status: "funded";
      /**
       * The latest start among the granted envelopes covering today: the money is counted, and spent,
       * from then on (envelopes that follow each other without a gap count as one).
       */
      fundedFrom: Date;
      /** The last day the envelopes cover. */
      envelopeEnd: Date;
      cents: number;
      /** Average CP paid per month (a month being 1/12 of a year); null without spending to go by. */
      centsPerMonth: number | null;
      /** The last day the money lasts at that pace, counted from `fundedFrom`; null without a pace. */
      moneyLastsUntil: Date | null;
      /** The earlier of the two. */
      runsOutOn: Date;
      cause: "envelope-end" | "money";
      /** From today to `runsOutOn` (negative when the money ran out already). */
      daysLeft: number;
    };

const DAY_MS = 86_400_000;
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
/** Days from `from` to `to`, both included. */
const daysIn = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;

/**
 * The envelopes still running or to come that follow each other from today without a gap (the next
 * starting at the latest the day after the previous ends): the money "current" today. It counts
 * from the latest start among those covering today; an envelope begun earlier (a year of FAST
 * co-funding beside six-month grants) counts for its days from then on, prorated.
 */
function coveringSpan(envelopes: readonly RunwayEnvelope[], today: Date) {
  const ahead = envelopes.filter((e) => e.endDate >= today).sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
  if (ahead.length === 0 || ahead[0].startDate > today) return null;
  const island: RunwayEnvelope[] = [];
  let to = ahead[0].endDate;
  for (const envelope of ahead) {
    if (envelope.startDate > addDays(to, 1)) break;
    island.push(envelope);
    if (envelope.endDate > to) to = envelope.endDate;
  }
  const from = island.reduce((latest, e) => (e.startDate <= today && e.startDate > latest ? e.startDate : latest), island[0].startDate);
  const cents = island.reduce(
    (sum, e) =>
      sum + (e.startDate >= from ? e.cents : Math.round((e.cents * daysIn(from, e.endDate)) / daysIn(e.startDate, e.endDate))),
    0,
  );
  return { from, to, cents };
}

/**
 * The runway on `today`: the granted money covering today, spent from its first day at the pace of
 * `spending` (total CP ÷ days covered, so irregular months average out); without spending, the money
 * lasts until the envelopes end.
 */
export function runway(envelopes: readonly RunwayEnvelope[], spending: readonly SpendingPeriod[], today: Date): Runway {
  const span = coveringSpan(envelopes, today);
  if (!span) return { status: "unfunded" };
  const spentCents = spending.reduce((sum, s) => sum + s.cents, 0);
  const spentDays = spending.reduce((sum, s) => sum + daysIn(s.from, s.to), 0);
  let moneyLastsUntil: Date | null = null;
  let centsPerMonth: number | null = null;
  if (spentCents > 0 && spentDays > 0) {
    // Whole days the money pays for: cents × days ÷ cents, in integers (exact up to 9 × 10^15).
    const days = Math.floor((span.cents * spentDays) / spentCents);
    moneyLastsUntil = addDays(span.from, days - 1);
    centsPerMonth = Math.round((spentCents * 365.25) / 12 / spentDays);
  }
  const byMoney = moneyLastsUntil !== null && moneyLastsUntil < span.to;
  const runsOutOn = byMoney && moneyLastsUntil ? moneyLastsUntil : span.to;
  return {
    status: "funded",
    fundedFrom: span.from,
    envelopeEnd: span.to,
    cents: span.cents,
    centsPerMonth,
    moneyLastsUntil,
    runsOutOn,
    cause: byMoney ? "money" : "envelope-end",
    daysLeft: daysIn(today, runsOutOn) - 1,
  };
}

/** How long before the money runs out a committee must be scheduled. */
export const RUNWAY_ALERT_DAYS = 45;

/**
 * The 45-day flag: the money runs out within 45 days (or ran out) and no committee session planned
 * for the product falls between today and that day (today only, when it ran out already).
 */
export function needsCommittee(current: Runway, today: Date, plannedSessions: readonly Date[]): boolean {
  if (current.status !== "funded" || current.daysLeft > RUNWAY_ALERT_DAYS) return false;
  const until = current.runsOutOn > today ? current.runsOutOn : today;
  return !plannedSessions.some((session) => session >= today && session <= until);
}
