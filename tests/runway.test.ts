// The runway: until when the granted money lasts at the spending pace, and the 45-day flag.
import { describe, expect, it } from "vitest";
import { day } from "~/domain/days";
import { needsCommittee, runway, type RunwayEnvelope, type SpendingPeriod } from "~/domain/runway";

const envelope = (start: string, end: string, euros: number): RunwayEnvelope => ({
  startDate: day(start),
  endDate: day(end),
  cents: euros * 100,
});
const spent = (from: string, to: string, euros: number): SpendingPeriod => ({ from: day(from), to: day(to), cents: euros * 100 });

describe("the runway", () => {
  it("ends with the envelopes when nothing is spent yet", () => {
    const current = runway([envelope("2026-07-01", "2026-12-31", 250_000)], [], day("2026-11-23"));
    expect(current).toEqual({
      status: "funded",
      fundedFrom: day("2026-07-01"),
      envelopeEnd: day("2026-12-31"),
      cents: 25_000_000,
      centsPerMonth: null,
      moneyLastsUntil: null,
      runsOutOn: day("2026-12-31"),
      cause: "envelope-end",
      daysLeft: 38,
    });
  });

  it("runs out before the envelope ends when the pace is faster than the money", () => {
    // 365 000 € paid over 2026 (365 days): 1 000 € a day. 120 000 € from 1 July last 120 days.
    const current = runway([envelope("2026-07-01", "2026-12-31", 120_000)], [spent("2026-01-01", "2026-12-31", 365_000)], day("2026-09-15"));
    expect(current).toMatchObject({
      status: "funded",
      moneyLastsUntil: day("2026-10-28"),
      runsOutOn: day("2026-10-28"),
      cause: "money",
      daysLeft: 43,
      centsPerMonth: 3_043_750,
    });
  });

  it("averages irregular spending over the days it covers", () => {
    // 10 000 € in January (31 days), then 80 000 € over February and March (59 days): 90 000 € over
    // 90 days, 1 000 € a day on average, not the 2 580 €/day of the last two months nor the 323 € of January.
    const spending = [spent("2026-01-01", "2026-01-31", 10_000), spent("2026-02-01", "2026-03-31", 80_000)];
    const current = runway([envelope("2026-01-01", "2026-12-31", 200_000)], spending, day("2026-04-10"));
    expect(current).toMatchObject({ moneyLastsUntil: day("2026-07-19"), runsOutOn: day("2026-07-19"), cause: "money", daysLeft: 100 });
    // A slower pace (333,33 € a day: 600 days of money) leaves the envelope's end as the limit.
    const slow = runway([envelope("2026-01-01", "2026-12-31", 200_000)], [spent("2026-01-01", "2026-03-31", 30_000)], day("2026-04-10"));
    expect(slow).toMatchObject({ runsOutOn: day("2026-12-31"), cause: "envelope-end", moneyLastsUntil: day("2027-08-23") });
  });

  it("counts envelopes that follow each other without a gap, and several funders at once", () => {
    const envelopes = [
      envelope("2026-01-01", "2026-06-30", 100_000),
      // Co-funding over the same period.
      envelope("2026-03-01", "2026-06-30", 50_000),
      // Granted by the last committee, starting the day after.
      envelope("2026-07-01", "2026-12-31", 150_000),
      // After a gap: not current money.
      envelope("2027-03-01", "2027-08-31", 150_000),
    ];
    // From 1 March, the latest start: 122 of the first envelope's 181 days are still to come.
    expect(runway(envelopes, [], day("2026-05-01"))).toMatchObject({
      fundedFrom: day("2026-03-01"),
      envelopeEnd: day("2026-12-31"),
      cents: 6_740_331 + 5_000_000 + 15_000_000,
      runsOutOn: day("2026-12-31"),
    });
    // Envelopes already over are not counted.
    expect(runway(envelopes, [], day("2026-08-01"))).toMatchObject({ fundedFrom: day("2026-07-01"), cents: 15_000_000 });
    // A year of FAST beside a six-month grant: spent at the year's pace from the grant's start.
    const fast = [envelope("2026-01-01", "2026-12-31", 365_000), envelope("2026-07-01", "2026-12-31", 184_000)];
    expect(runway(fast, [spent("2026-01-01", "2026-12-31", 730_000)], day("2026-08-01"))).toMatchObject({
      fundedFrom: day("2026-07-01"),
      cents: 36_800_000,
      runsOutOn: day("2026-12-31"),
      cause: "envelope-end",
    });
  });

  it("says so when no granted money covers today", () => {
    expect(runway([], [spent("2026-01-01", "2026-12-31", 100_000)], day("2026-05-01"))).toEqual({ status: "unfunded" });
    expect(runway([envelope("2026-06-01", "2026-12-31", 1)], [], day("2026-05-01"))).toEqual({ status: "unfunded" });
    expect(runway([envelope("2026-01-01", "2026-04-30", 1)], [], day("2026-05-01"))).toEqual({ status: "unfunded" });
  });

  it("says the money ran out already with a negative number of days", () => {
    const current = runway([envelope("2026-01-01", "2026-12-31", 50_000)], [spent("2026-01-01", "2026-12-31", 365_000)], day("2026-03-01"));
    expect(current).toMatchObject({ runsOutOn: day("2026-02-19"), daysLeft: -10, cause: "money" });
  });
});

describe("the 45-day flag", () => {
  const today = day("2026-11-23");
  /** Funded until `days` days from today. */
  const endingIn = (days: number) =>
    runway([{ startDate: day("2026-06-01"), endDate: new Date(today.getTime() + days * 86_400_000), cents: 100_000 }], [], today);

  it("flags money running out within 45 days with no committee planned before", () => {
    const soon = endingIn(45);
    const later = endingIn(46);
    expect(soon).toMatchObject({ daysLeft: 45 });
    expect(needsCommittee(soon, today, [])).toBe(true);
    expect(needsCommittee(later, today, [])).toBe(false);
  });

  it("is cleared by a session planned on or before the day the money runs out, not after it or in the past", () => {
    const soon = endingIn(30);
    expect(needsCommittee(soon, today, [day("2026-12-23")])).toBe(false);
    expect(needsCommittee(soon, today, [day("2026-12-24")])).toBe(true);
    expect(needsCommittee(soon, today, [day("2026-11-20")])).toBe(true);
    expect(needsCommittee(soon, today, [today])).toBe(false);
  });

  it("never flags a product without current funding", () => {
    expect(needsCommittee({ status: "unfunded" }, today, [])).toBe(false);
  });
});
