// Indicator health and cost per use, the rules a committee reads: pure functions, hand-computed numbers.
import { describe, expect, it } from "vitest";
import { costPerUseAt, costPerUseChange, type CostInputs, type FundingTotal } from "~/domain/cost-per-use";
import { day } from "~/domain/days";
import {
  attainment,
  freshness,
  indicatorHealth,
  summarizeHealth,
  trend,
  type HealthInput,
  type Measurement,
} from "~/domain/indicator-health";
import {
  describeCostChange,
  describeCostPerUse,
  describeHealthSummary,
  describeIndicator,
  formatPeriod,
} from "~/indicators/indicator-wording";

/** Intl's French output uses narrow and non-breaking spaces; tests read plain ones. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

const monthly = (entries: Record<string, number>): Measurement[] =>
  Object.entries(entries).map(([month, value]) => ({ periodStart: day(`${month}-01`), value }));

function indicator(fields: Partial<HealthInput> = {}): HealthInput {
  return {
    kind: "impact",
    direction: "higher_is_better",
    frequency: "monthly",
    baselineValue: 0,
    baselineDate: day("2026-01-01"),
    createdAt: new Date("2025-12-15T10:00:00Z"),
    targets: [],
    values: [],
    ...fields,
  };
}

const ASOF = new Date("2026-11-23T10:00:00Z");
// From the baseline (1 January 2026) to the target (31 December 2026): 364 days. The latest value is
// October's, which describes the time up to 1 November: 304 days, so 304 / 364 = 83.5 % of the time.
const EXPECTED = 304 / 364;
const endOfYear = { value: 1200, dueDate: day("2026-12-31") };

describe("attainment of the next target", () => {
  it("is on track when progress from the baseline keeps up with the time elapsed (higher is better)", () => {
    // 1 100 of the way from 0 to 1 200: 91.7 % ≥ 83.5 %.
    const result = attainment(indicator({ targets: [endOfYear], values: monthly({ "2026-09": 1000, "2026-10": 1100 }) }), ASOF);
    expect(result).toMatchObject({ status: "on-track", target: endOfYear });
    if (result.status !== "on-track") throw new Error("unreachable");
    expect(result.progress).toBeCloseTo(1100 / 1200, 6);
    expect(result.expected).toBeCloseTo(EXPECTED, 6);
  });

  it("is off track when it lags, and reached once the latest value meets the target", () => {
    // 1 000 / 1 200 = 83.3 %, just under 83.5 %.
    expect(attainment(indicator({ targets: [endOfYear], values: monthly({ "2026-10": 1000 }) }), ASOF).status).toBe("off-track");
    expect(attainment(indicator({ targets: [endOfYear], values: monthly({ "2026-10": 1250 }) }), ASOF)).toMatchObject({
      status: "reached",
      progress: 1,
    });
  });

  it("inverts the way for a lower-is-better indicator", () => {
    const support = (october: number) =>
      attainment(
        indicator({ direction: "lower_is_better", baselineValue: 9, targets: [{ value: 3, dueDate: day("2026-12-31") }], values: monthly({ "2026-10": october }) }),
        ASOF,
      );
    // From 9 down to 3.9: 5.1 of the 6 points, 85 % ≥ 83.5 %.
    const onTrack = support(3.9);
    expect(onTrack.status).toBe("on-track");
    if (onTrack.status !== "on-track") throw new Error("unreachable");
    expect(onTrack.progress).toBeCloseTo(0.85, 6);
    // 4 of 6 points: 66.7 %.
    expect(support(5).status).toBe("off-track");
    // Going up is going the wrong way.
    expect(support(10)).toMatchObject({ status: "off-track" });
    expect(support(2.8).status).toBe("reached");
  });

  it("takes the first value as the baseline when none is recorded", () => {
    const result = attainment(
      indicator({ baselineValue: null, baselineDate: null, targets: [endOfYear], values: monthly({ "2026-01": 200, "2026-10": 1100 }) }),
      ASOF,
    );
    if (result.status !== "on-track") throw new Error(`expected on-track, got ${result.status}`);
    // (1 100 − 200) / (1 200 − 200) = 90 %, against 304 / 364 of the time.
    expect(result.progress).toBeCloseTo(0.9, 6);
  });

  it("only counts reaching a target that is not better than the baseline", () => {
    const tolerated = (october: number) =>
      attainment(indicator({ baselineValue: 100, targets: [{ value: 80, dueDate: day("2026-12-31") }], values: monthly({ "2026-10": october }) }), ASOF);
    expect(tolerated(90).status).toBe("reached");
    expect(tolerated(70)).toMatchObject({ status: "off-track", progress: null });
  });

  it("counts a target due today as ahead until midnight in Paris", () => {
    const dueToday = { value: 1200, dueDate: day("2026-11-23") };
    // 23:00 UTC on 23 November is midnight on the 24th in Paris.
    expect(attainment(indicator({ targets: [dueToday] }), new Date("2026-11-23T22:59:00Z"))).toMatchObject({ past: false });
    expect(attainment(indicator({ targets: [dueToday] }), new Date("2026-11-23T23:00:00Z"))).toMatchObject({ past: true });
  });

  it("says so without a target, or without a value to judge one by", () => {
    expect(attainment(indicator({ values: monthly({ "2026-10": 5 }) }), ASOF)).toEqual({ status: "no-target" });
    expect(attainment(indicator({ targets: [endOfYear] }), ASOF)).toEqual({ status: "not-measured", target: endOfYear, past: false });
  });

  it("judges a past target at its due date, by the value of the period containing it", () => {
    const june = { value: 500, dueDate: day("2026-06-15") };
    const values = monthly({ "2026-05": 450, "2026-06": 520, "2026-07": 300 });
    // June's 520 meets it, whatever came after.
    expect(attainment(indicator({ targets: [june], values }), ASOF)).toEqual({
      status: "met",
      target: june,
      measured: { periodStart: day("2026-06-01"), value: 520 },
    });
    // Without June, the latest value before: May's 450.
    expect(attainment(indicator({ targets: [june], values: monthly({ "2026-05": 450, "2026-07": 600 }) }), ASOF)).toMatchObject({
      status: "missed",
      measured: { value: 450 },
    });
    expect(attainment(indicator({ direction: "lower_is_better", targets: [june], values }), ASOF).status).toBe("missed");
    expect(attainment(indicator({ targets: [june], values: monthly({ "2026-07": 600 }) }), ASOF)).toEqual({ status: "not-measured", target: june, past: true });
  });

  it("looks at the next target, not the last one, while one is ahead", () => {
    const past = { value: 100, dueDate: day("2026-05-12") };
    const next = { value: 2000, dueDate: day("2026-11-23") };
    const result = attainment(indicator({ targets: [next, past], values: monthly({ "2026-10": 300 }) }), ASOF);
    // Due today still counts as ahead.
    expect(result).toMatchObject({ status: "off-track", target: next });
  });
});

describe("trend over three periods", () => {
  it("compares the latest value with the one three periods earlier, and says whether that is good", () => {
    const values = monthly({ "2026-07": 1000, "2026-08": 1020, "2026-09": 1050, "2026-10": 1080 });
    expect(trend(indicator({ values }), ASOF)).toMatchObject({
      direction: "up",
      periods: 3,
      change: 80,
      relativeChange: 0.08,
      favourable: true,
      from: { value: 1000 },
      to: { value: 1080 },
    });
    expect(trend(indicator({ direction: "lower_is_better", values }), ASOF)).toMatchObject({ direction: "up", favourable: false });
  });

  it("calls a change under 2 % stable", () => {
    expect(trend(indicator({ values: monthly({ "2026-07": 1000, "2026-10": 1015 }) }), ASOF)).toMatchObject({
      direction: "stable",
      favourable: null,
    });
    expect(trend(indicator({ direction: "lower_is_better", values: monthly({ "2026-07": 10, "2026-10": 9 }) }), ASOF)).toMatchObject({
      direction: "down",
      relativeChange: -0.1,
      favourable: true,
    });
  });

  it("bridges missing months with the oldest value inside the window, and needs two values", () => {
    // July is missing: from August (two months before October).
    expect(trend(indicator({ values: monthly({ "2026-06": 1, "2026-08": 1000, "2026-10": 1100 }) }), ASOF)).toMatchObject({
      periods: 2,
      relativeChange: 0.1,
      from: { value: 1000 },
    });
    // June is four months before October: outside the window.
    expect(trend(indicator({ values: monthly({ "2026-06": 1000, "2026-10": 1100 }) }), ASOF)).toBeNull();
    expect(trend(indicator({ values: monthly({ "2026-10": 1100 }) }), ASOF)).toBeNull();
  });

  it("has no percentage from zero", () => {
    expect(trend(indicator({ values: monthly({ "2026-08": 0, "2026-10": 25 }) }), ASOF)).toMatchObject({
      direction: "up",
      change: 25,
      relativeChange: null,
    });
  });
});

describe("freshness", () => {
  it("is overdue when the last closed period has no value; the current one is not required", () => {
    expect(freshness(indicator({ values: monthly({ "2026-09": 1 }) }), ASOF)).toEqual({
      lastClosedPeriod: day("2026-10-01"),
      lastValuePeriod: day("2026-09-01"),
      overdue: true,
    });
    expect(freshness(indicator({ values: monthly({ "2026-10": 1 }) }), ASOF).overdue).toBe(false);
    // November's value (the month is not over) does not stand in for October's.
    expect(freshness(indicator({ values: monthly({ "2026-09": 1, "2026-11": 2 }) }), ASOF)).toMatchObject({
      overdue: true,
      lastValuePeriod: day("2026-11-01"),
    });
  });

  it("asks nothing of an indicator created during the current period", () => {
    expect(freshness(indicator({ createdAt: new Date("2026-11-05T09:00:00Z") }), ASOF).overdue).toBe(false);
    expect(freshness(indicator({ createdAt: new Date("2026-10-31T09:00:00Z") }), ASOF).overdue).toBe(true);
  });

  it("knows weeks and quarters", () => {
    // Monday 23 November 2026: the week of the 16th is the last one over; Q3 is the last quarter over.
    expect(freshness(indicator({ frequency: "weekly", values: [{ periodStart: day("2026-11-16"), value: 1 }] }), ASOF).overdue).toBe(false);
    expect(freshness(indicator({ frequency: "weekly", values: [{ periodStart: day("2026-11-09"), value: 1 }] }), ASOF)).toMatchObject({
      overdue: true,
      lastClosedPeriod: day("2026-11-16"),
    });
    expect(freshness(indicator({ frequency: "quarterly", values: monthly({ "2026-07": 30 }) }), ASOF).overdue).toBe(false);
    expect(freshness(indicator({ frequency: "quarterly", values: monthly({ "2026-04": 30 }) }), ASOF).lastClosedPeriod).toEqual(day("2026-07-01"));
  });
});

describe("a product's summary", () => {
  it("counts on-track, off-track, no target, unmeasured and overdue indicators, and flags missing impact", () => {
    const onTrack = indicator({ targets: [endOfYear], values: monthly({ "2026-10": 1100 }) });
    const offTrack = indicator({ targets: [endOfYear], values: monthly({ "2026-09": 100 }) });
    const noTarget = indicator({ kind: "means", values: monthly({ "2026-10": 5 }) });
    const unmeasured = indicator({ targets: [endOfYear] });
    const items = [onTrack, offTrack, noTarget, unmeasured].map((i) => ({ kind: i.kind, health: indicatorHealth(i, ASOF) }));
    const summary = summarizeHealth(items);
    expect(summary).toEqual({
      indicators: 4,
      onTrack: 1,
      offTrack: 1,
      noTarget: 1,
      notMeasured: 1,
      // The second lacks October, the fourth has nothing.
      overdue: 2,
      hasImpactIndicator: true,
    });
    expect(describeHealthSummary(summary)).toEqual([
      "1 cible en bonne voie ou atteinte",
      "1 cible en retard ou manquée",
      "1 cible sans mesure pour en juger",
      "1 indicateur sans cible",
      "2 indicateurs dont la valeur de la dernière période manque",
    ]);
    expect(summarizeHealth(items.filter((i) => i.kind === "means")).hasImpactIndicator).toBe(false);
    expect(summarizeHealth([])).toMatchObject({ indicators: 0, hasImpactIndicator: false });
  });
});

describe("the summary sentence", () => {
  it("says the latest value, the trend and the target", () => {
    const health = indicatorHealth(
      indicator({
        targets: [{ value: 15000, dueDate: day("2026-12-31") }],
        values: monthly({ "2026-07": 11482, "2026-08": 11800, "2026-09": 12100, "2026-10": 12400 }),
      }),
      ASOF,
    );
    // 12 400 / 15 000 = 82.7 % of the way, against 83.5 % of the time: just behind.
    expect(plain(describeIndicator({ unit: "utilisateurs", frequency: "monthly", health }))).toBe(
      "Dernière valeur : 12 400 utilisateurs (octobre 2026), +8 % sur trois mois (favorable), cible de 15 000 utilisateurs au 31 décembre 2026 : en retard.",
    );
  });

  it("says a past target's result and a missing value", () => {
    const health = indicatorHealth(
      indicator({
        direction: "lower_is_better",
        targets: [{ value: 4, dueDate: day("2026-06-15") }],
        values: monthly({ "2026-06": 3.5, "2026-09": 3.5 }),
      }),
      ASOF,
    );
    expect(plain(describeIndicator({ unit: "%", frequency: "monthly", health }))).toBe(
      "Dernière valeur : 3,5 % (septembre 2026), stable sur trois mois, cible de 4 % au 15 juin 2026 : atteinte (3,5 % en juin 2026). Valeur d'octobre 2026 attendue.",
    );
    expect(describeIndicator({ unit: "", frequency: "quarterly", health: indicatorHealth(indicator({ frequency: "quarterly" }), ASOF) })).toBe(
      "Aucune valeur enregistrée, sans cible. Valeur du 3e trimestre 2026 attendue.",
    );
    expect(formatPeriod(day("2026-11-16"), "weekly")).toBe("semaine du 16 novembre 2026");
  });
});

describe("cost per use", () => {
  const users = monthly({ "2026-04": 8000, "2026-05": 10000, "2026-10": 12500 });
  const budget = monthly({ "2026-05": 900000, "2026-10": 1000000 });
  const funding = (...totals: [number, FundingTotal["kind"], number][]): FundingTotal[] =>
    totals.map(([year, kind, euros]) => ({ year, kind, cents: Math.round(euros * 100) }));

  it("divides the declared annual budget by the monthly active users of the same period", () => {
    const cost = costPerUseAt({ users, annualBudget: budget, funding: [] }, ASOF);
    // 1 000 000 € ÷ 12 500 users.
    expect(cost).toEqual({
      status: "computed",
      euros: 80,
      users: { periodStart: day("2026-10-01"), value: 12500 },
      budget: { euros: 1000000, source: { kind: "indicator", periodStart: day("2026-10-01") } },
    });
    expect(plain(describeCostPerUse(cost))).toBe(
      "80 € par utilisateur actif (budget annuel de 1 000 000 € ÷ 12 500 utilisateurs actifs en octobre 2026).",
    );
  });

  it("uses the granted envelope of the year in progress, the payments of a closed year", () => {
    const lines = funding([2026, "granted", 400000], [2026, "granted", 200000], [2026, "paid", 350000], [2025, "paid", 480000.5], [2025, "paid", 19999.5], [2025, "granted", 550000]);
    // 2026 is in progress: 600 000 € granted ÷ 12 000 users.
    expect(costPerUseAt({ users: monthly({ "2026-10": 12000 }), annualBudget: null, funding: lines }, ASOF)).toMatchObject({
      status: "computed",
      euros: 50,
      budget: { euros: 600000, source: { kind: "funding", year: 2026, fundingKind: "granted" } },
    });
    // The latest users figure is from December 2025 (months missing since): 2025 is closed, 500 000 € paid ÷ 10 000.
    expect(costPerUseAt({ users: monthly({ "2025-12": 10000 }), annualBudget: null, funding: lines }, ASOF)).toMatchObject({
      status: "computed",
      euros: 50,
      budget: { euros: 500000, source: { kind: "funding", year: 2025, fundingKind: "paid" } },
    });
    // A closed year without payments falls back on its envelope; a year without anything on the year before.
    expect(costPerUseAt({ users: monthly({ "2025-12": 10000 }), annualBudget: null, funding: funding([2025, "granted", 300000]) }, ASOF)).toMatchObject({
      euros: 30,
      budget: { source: { fundingKind: "granted", year: 2025 } },
    });
    expect(
      costPerUseAt({ users: monthly({ "2027-01": 4000 }), annualBudget: null, funding: funding([2026, "paid", 520000]) }, new Date("2027-02-10T09:00:00Z")),
    ).toMatchObject({ euros: 130, budget: { source: { kind: "funding", year: 2026, fundingKind: "paid" } } });
  });

  it("cannot be computed without users, without a users figure, or without a budget", () => {
    const zero = costPerUseAt({ users: monthly({ "2026-10": 0 }), annualBudget: budget, funding: [] }, ASOF);
    expect(zero).toMatchObject({ status: "zero-users", budget: { euros: 1000000 } });
    expect(describeCostPerUse(zero)).toBe("Non calculable : aucun utilisateur actif.");
    expect(costPerUseAt({ users: null, annualBudget: budget, funding: [] }, ASOF)).toEqual({ status: "no-users-indicator" });
    expect(costPerUseAt({ users: [], annualBudget: budget, funding: [] }, ASOF)).toEqual({ status: "no-users-value" });
    expect(costPerUseAt({ users, annualBudget: null, funding: funding([2020, "paid", 100]) }, ASOF)).toMatchObject({ status: "no-budget" });
  });

  it("compares the ratio at the last committee with now: lower is better", () => {
    const inputs: CostInputs = { users, annualBudget: budget, funding: [] };
    const change = costPerUseChange(inputs, day("2026-05-12"), ASOF);
    // Then: 900 000 € ÷ 10 000 (May) = 90 €; now: 80 €. −10 €, −11.1 %.
    expect(change?.then).toMatchObject({ status: "computed", euros: 90 });
    expect(change?.now).toMatchObject({ status: "computed", euros: 80 });
    expect(change?.evolution?.direction).toBe("improving");
    expect(change?.evolution?.euros).toBeCloseTo(-10, 9);
    expect(change?.evolution?.relative).toBeCloseTo(-1 / 9, 9);
    expect(plain(describeCostChange(change!))).toBe("En baisse de 11 % depuis le comité du 12 mai 2026 (90 €) : le ratio s'améliore.");

    // In April, 8 000 users and no declared budget yet: the funding of 2026 (720 000 €) gives 90 € too…
    const worse = costPerUseChange({ users, annualBudget: monthly({ "2026-10": 1250000 }), funding: funding([2026, "granted", 720000]) }, day("2026-04-20"), ASOF);
    // …and now 1 250 000 € ÷ 12 500 = 100 €: up 11.1 %.
    expect(worse?.then).toMatchObject({ euros: 90, budget: { source: { kind: "funding" } } });
    expect(worse?.evolution).toMatchObject({ direction: "worsening", euros: 10 });
    expect(plain(describeCostChange(worse!))).toBe("En hausse de 11 % depuis le comité du 20 avril 2026 (90 €) : le ratio se dégrade.");
  });

  it("has no change without a committee, and says why when one side cannot be computed", () => {
    expect(costPerUseChange({ users, annualBudget: budget, funding: [] }, null, ASOF)).toBeNull();
    const before = costPerUseChange({ users, annualBudget: budget, funding: [] }, day("2026-03-10"), ASOF);
    expect(before).toMatchObject({ then: { status: "no-users-value" }, now: { status: "computed" }, evolution: null });
    expect(describeCostChange(before!)).toBe("Évolution depuis le comité du 10 mars 2026 non calculable : le ratio ne l'était pas à cette date.");
  });
});
