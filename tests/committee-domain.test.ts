// The committee's rules without a database: when a product is due for review, how votes tally, which
// outcomes a phase allows, and what a decision or its amendment does to the phase history.
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { describe, expect, it } from "vitest";
import { agendaSchedule } from "~/committees/agenda";
import {
  defaultNextReview,
  dueForSession,
  latestDecision,
  nextReview,
  parisDay,
  reviewStatus,
  type DecisionLike,
} from "~/domain/committee-calendar";
import { day, isoDay } from "~/domain/days";
import { allowedOutcomes, amendmentEffect, checkOutcome, decisionEffect, type HistoryEntryRef } from "~/domain/outcomes";
import type { Phase } from "~/domain/phases";
import { tally, type VoteLike } from "~/domain/tally";
import type { Outcome } from "~/generated/prisma/enums";

const entry = (id: string, phase: Phase, start: string, end?: string): HistoryEntryRef => ({
  id,
  phase,
  startDate: day(start),
  endDate: end ? day(end) : null,
});

const decision = (id: string, outcome: Outcome, decidedOn: string, extra: Partial<DecisionLike> = {}): DecisionLike => ({
  id,
  outcome,
  decidedOn: day(decidedOn),
  nextReviewDate: null,
  correctsId: null,
  createdAt: new Date(`${decidedOn}T12:00:00Z`),
  ...extra,
});

const building = [entry("a", "investigation", "2025-01-06", "2025-03-11"), entry("b", "construction", "2025-03-11")];

describe("the committee calendar", () => {
  it("takes the next review from the latest standing decision, else its day plus the interval", () => {
    const set = decision("d1", "continue", "2025-03-11", { nextReviewDate: day("2025-08-20") });
    expect(nextReview(building, [set], 6)).toEqual({ date: day("2025-08-20"), basis: "decision" });
    const unset = decision("d2", "continue", "2025-09-09");
    expect(nextReview(building, [set, unset], 6)).toEqual({ date: day("2026-03-09"), basis: "interval" });
    // The incubator's own interval.
    expect(nextReview(building, [unset], 4)?.date).toEqual(day("2026-01-09"));
  });

  it("reviews sooner after a provisional extension: one or two months, as the decision says", () => {
    expect(defaultNextReview({ outcome: "extend", decidedOn: day("2025-03-11") }, 6, 1)).toEqual(day("2025-04-11"));
    expect(defaultNextReview({ outcome: "extend", decidedOn: day("2025-03-11") }, 6)).toEqual(day("2025-05-11"));
    expect(nextReview(building, [decision("d", "extend", "2025-03-11")], 6)?.date).toEqual(day("2025-05-11"));
    expect(defaultNextReview({ outcome: "stop", decidedOn: day("2025-03-11") }, 6)).toBeNull();
    // Month ends are clamped.
    expect(defaultNextReview({ outcome: "continue", decidedOn: day("2025-08-31") }, 6)).toEqual(day("2026-02-28"));
  });

  it("lets an amendment replace the decision it corrects", () => {
    const original = decision("d1", "continue", "2025-03-11", { nextReviewDate: day("2025-09-11") });
    const amendment = decision("d2", "extend", "2025-03-11", {
      correctsId: "d1",
      nextReviewDate: day("2025-05-11"),
      createdAt: new Date("2025-03-20T10:00:00Z"),
    });
    expect(latestDecision([amendment, original])?.id).toBe("d2");
    expect(nextReview(building, [original, amendment], 6)?.date).toEqual(day("2025-05-11"));
  });

  it("counts a first review from the history's start, and none for an ended product", () => {
    expect(nextReview([entry("a", "investigation", "2025-01-06")], [], 6)).toEqual({
      date: day("2025-07-06"),
      basis: "first-review",
    });
    expect(nextReview([...building, entry("c", "abandon", "2025-09-09")], [decision("d", "stop", "2025-09-09")], 6)).toBeNull();
    expect(nextReview([], [], 6)).toBeNull();
  });

  it("says overdue, soon (within 45 days) or later, and what a session should review", () => {
    const today = day("2025-06-01");
    expect(reviewStatus(day("2025-05-31"), today)).toEqual({ urgency: "overdue", days: -1 });
    expect(reviewStatus(day("2025-06-01"), today)).toEqual({ urgency: "soon", days: 0 });
    expect(reviewStatus(day("2025-07-16"), today)).toEqual({ urgency: "soon", days: 45 });
    expect(reviewStatus(day("2025-07-17"), today)).toEqual({ urgency: "later", days: 46 });
    expect(dueForSession(day("2025-01-01"), day("2025-06-01"))).toBe(true);
    expect(dueForSession(day("2025-07-16"), day("2025-06-01"))).toBe(true);
    expect(dueForSession(day("2025-07-17"), day("2025-06-01"))).toBe(false);
  });

  it("takes days in Paris time", () => {
    // 23:30 UTC on 31 March is already 1 April in Paris (summer time).
    expect(parisDay(new Date("2025-03-31T23:30:00Z"))).toEqual(day("2025-04-01"));
    expect(parisDay(new Date("2025-12-31T22:59:00Z"))).toEqual(day("2025-12-31"));
    expect(parisDay(new Date("2025-12-31T23:00:00Z"))).toEqual(day("2026-01-01"));
    // Every 37 minutes over four years, across each change of time, as date-fns reads the zone.
    const paris = tz("Europe/Paris");
    const differing: string[] = [];
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 60_000) {
      const instant = new Date(t);
      if (isoDay(parisDay(instant)) !== format(instant, "yyyy-MM-dd", { in: paris })) differing.push(instant.toISOString());
    }
    expect(differing).toEqual([]);
  });

  it("times the agenda 15/15/20 from the session's start", () => {
    const schedule = agendaSchedule(new Date("2025-03-11T08:30:00Z"), [
      { presentationMinutes: 15, questionsMinutes: 15, deliberationMinutes: 20 },
      { presentationMinutes: 10, questionsMinutes: 10, deliberationMinutes: 10 },
      { presentationMinutes: 15, questionsMinutes: 15, deliberationMinutes: 20 },
    ]);
    expect(schedule.items.map((i) => i.startsAt.toISOString())).toEqual([
      "2025-03-11T08:30:00.000Z",
      "2025-03-11T09:20:00.000Z",
      "2025-03-11T09:50:00.000Z",
    ]);
    expect(schedule.endsAt.toISOString()).toBe("2025-03-11T10:40:00.000Z");
    expect(schedule.items[0].minutes).toBe(50);
  });
});

const vote = (choice: Outcome | null, extra: Partial<VoteLike> = {}): VoteLike => ({
  choice,
  targetPhase: null,
  withConditions: false,
  ...extra,
});

describe("the tally", () => {
  it("counts per option, conditions and abstentions, and finds the majority", () => {
    const result = tally(
      [vote("continue"), vote("continue", { withConditions: true }), vote("extend"), vote(null)],
      5,
    );
    expect(result.options.map((o) => [o.key, o.count, o.withConditions])).toEqual([
      ["continue", 2, 1],
      ["extend", 1, 0],
    ]);
    expect(result).toMatchObject({ cast: 3, abstentions: 1, members: 5, missing: 1, quorum: true, unanimous: false });
    expect(result.majority?.key).toBe("continue");
  });

  it("keeps phases apart: moving to acceleration and handing over are different proposals", () => {
    const result = tally(
      [
        vote("next_phase", { targetPhase: "acceleration" }),
        vote("next_phase", { targetPhase: "transfere" }),
      ],
      2,
    );
    expect(result.options.map((o) => o.key).sort()).toEqual(["next_phase:acceleration", "next_phase:transfere"]);
    expect(result.majority).toBeNull();
  });

  it("says unanimity, and no quorum when fewer than half of the members expressed a choice", () => {
    expect(tally([vote("stop"), vote("stop")], 4)).toMatchObject({ unanimous: true, quorum: true });
    // Two of five voted, one of them abstaining: one choice expressed out of five.
    expect(tally([vote("stop"), vote(null)], 5)).toMatchObject({ quorum: false, cast: 1, missing: 3 });
    expect(tally([], 3)).toMatchObject({ quorum: false, unanimous: false, majority: null });
    // A tie is no majority.
    expect(tally([vote("stop"), vote("continue")], 2).majority).toBeNull();
  });
});

describe("the outcomes a phase allows", () => {
  const outcomes = (phase: Phase | null) => allowedOutcomes(phase).map((a) => `${a.outcome}${a.targets.length ? `→${a.targets.join("|")}` : ""}`);

  it("moves forward only to the next phases, stops to the right terminal phase", () => {
    expect(outcomes("investigation")).toEqual(["continue", "extend", "next_phase→construction", "pivot", "stop→abandon-investigation"]);
    expect(outcomes("construction")).toEqual(["continue", "extend", "next_phase→acceleration|transfere", "pivot", "stop→abandon"]);
    expect(outcomes("acceleration")).toContain("next_phase→consolidation|opere|transfere");
    expect(outcomes("opere")).toEqual(["continue", "extend", "next_phase→transfere", "pivot", "stop→abandon"]);
  });

  it("moves an ended product nowhere", () => {
    for (const phase of ["transfere", "abandon", "abandon-investigation"] as const) expect(outcomes(phase)).toEqual([]);
    expect(outcomes(null)).toEqual([]);
    expect(checkOutcome("abandon", "continue")).toEqual({
      ok: false,
      message: "Le produit est dans la phase « Arrêté », qui est terminale : aucune décision ne peut plus le faire changer.",
    });
  });

  it("refuses a phase the lifecycle does not allow, in French", () => {
    expect(checkOutcome("construction", "next_phase", "consolidation")).toEqual({
      ok: false,
      message:
        "La phase « Consolidation » ne peut pas suivre la phase « Construction » : après celle-ci viennent « Accélération », « Transféré ».",
    });
    expect(checkOutcome("construction", "next_phase")).toMatchObject({ ok: false });
    expect(checkOutcome("construction", "stop", "abandon-investigation")).toMatchObject({ ok: false });
    expect(checkOutcome("investigation", "stop")).toEqual({ ok: true, targetPhase: "abandon-investigation" });
    expect(checkOutcome("construction", "continue", "acceleration")).toEqual({ ok: true, targetPhase: null });
  });
});

describe("what a decision does to the phase history", () => {
  it("closes the current phase and opens the target on the decision's day", () => {
    const result = decisionEffect(building, { outcome: "next_phase", targetPhase: "acceleration", decidedOn: day("2025-12-02") });
    expect(result).toEqual({
      ok: true,
      targetPhase: "acceleration",
      edit: {
        remove: [],
        setEnd: [{ entryId: "b", endDate: day("2025-12-02") }],
        open: [{ phase: "acceleration", startDate: day("2025-12-02") }],
      },
    });
    const stop = decisionEffect(building, { outcome: "stop", targetPhase: null, decidedOn: day("2025-12-02") });
    expect(stop.ok && stop.edit.open).toEqual([{ phase: "abandon", startDate: day("2025-12-02") }]);
  });

  it("leaves the history alone when the phase stays", () => {
    for (const outcome of ["continue", "extend", "pivot"] as const) {
      expect(decisionEffect(building, { outcome, targetPhase: null, decidedOn: day("2025-12-02") })).toEqual({
        ok: true,
        targetPhase: null,
        edit: { remove: [], setEnd: [], open: [] },
      });
    }
  });

  it("refuses a decision dated before the current phase began", () => {
    expect(decisionEffect(building, { outcome: "stop", targetPhase: null, decidedOn: day("2025-02-01") })).toMatchObject({ ok: false });
  });

  const moved = [
    entry("a", "investigation", "2025-01-06", "2025-03-11"),
    entry("b", "construction", "2025-03-11", "2025-12-02"),
    entry("c", "acceleration", "2025-12-02"),
  ];
  const original = { outcome: "next_phase" as const, targetPhase: "acceleration" as const, decidedOn: day("2025-12-02") };

  it("reconciles the history with an amendment: the amended phase change is undone, the new one applied", () => {
    expect(amendmentEffect(moved, original, { outcome: "continue", targetPhase: null })).toEqual({
      ok: true,
      targetPhase: null,
      edit: { remove: ["c"], setEnd: [{ entryId: "b", endDate: null }], open: [] },
    });
    expect(amendmentEffect(moved, original, { outcome: "next_phase", targetPhase: "transfere" })).toEqual({
      ok: true,
      targetPhase: "transfere",
      edit: { remove: ["c"], setEnd: [], open: [{ phase: "transfere", startDate: day("2025-12-02") }] },
    });
    // The same phase change again: nothing to write.
    expect(amendmentEffect(moved, original, original)).toEqual({
      ok: true,
      targetPhase: "acceleration",
      edit: { remove: [], setEnd: [], open: [] },
    });
    // A continue amended into a phase change.
    const kept = amendmentEffect(building, { outcome: "continue", targetPhase: null, decidedOn: day("2025-12-02") }, original);
    expect(kept.ok && kept.edit).toEqual({
      remove: [],
      setEnd: [{ entryId: "b", endDate: day("2025-12-02") }],
      open: [{ phase: "acceleration", startDate: day("2025-12-02") }],
    });
  });

  it("judges the amendment against the phase before the amended decision", () => {
    // From construction, consolidation is not next.
    expect(amendmentEffect(moved, original, { outcome: "next_phase", targetPhase: "consolidation" })).toMatchObject({ ok: false });
    // The history moved on since: corrected on its own page first.
    const later = [...moved.slice(0, 2), { ...moved[2], endDate: day("2026-06-02") }, entry("d", "consolidation", "2026-06-02")];
    expect(amendmentEffect(later, original, { outcome: "continue", targetPhase: null })).toMatchObject({ ok: false });
  });
});
