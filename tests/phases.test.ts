import { describe, expect, it } from "vitest";
import { day } from "~/domain/days";
import {
  canTransition,
  currentPhase,
  historyProblems,
  isActive,
  nextPhases,
  normalizePhase,
  orderHistory,
  phaseSegments,
  timeInPhase,
  type Phase,
  type PhaseEntryLike,
} from "~/domain/phases";

const entry = (phase: Phase, start: string, end?: string): PhaseEntryLike => ({
  phase,
  startDate: day(start),
  endDate: end ? day(end) : null,
});

describe("transitions", () => {
  it("follows the lifecycle: investigation first, then construction or an inconclusive end", () => {
    expect(canTransition(null, "investigation")).toBe(true);
    expect(canTransition(null, "construction")).toBe(false);
    expect(canTransition("investigation", "construction")).toBe(true);
    expect(canTransition("investigation", "abandon-investigation")).toBe(true);
    expect(canTransition("investigation", "acceleration")).toBe(false);
    expect(canTransition("construction", "acceleration")).toBe(true);
    expect(canTransition("acceleration", "consolidation")).toBe(true);
    expect(canTransition("consolidation", "investigation")).toBe(false);
  });

  it("never leaves a terminal phase", () => {
    for (const terminal of ["transfere", "abandon", "abandon-investigation"] as const) {
      expect(nextPhases(terminal)).toEqual([]);
    }
  });

  it("maps older names of the network's exports", () => {
    expect(normalizePhase("perennisation")).toBe("consolidation");
    expect(normalizePhase("transfer")).toBe("transfere");
    expect(normalizePhase(" Acceleration ")).toBe("acceleration");
    expect(normalizePhase("growth")).toBeNull();
  });
});

describe("current phase", () => {
  it("is the last phase started, whatever the order rows come in", () => {
    const history = [entry("acceleration", "2024-06-01"), entry("investigation", "2023-01-10", "2023-04-01"), entry("construction", "2023-04-01", "2024-06-01")];
    expect(currentPhase(history, day("2025-01-01"))).toBe("acceleration");
    expect(currentPhase(history, day("2023-05-01"))).toBe("construction");
    expect(currentPhase(history, day("2022-01-01"))).toBeNull();
  });

  it("breaks same-day ties by lifecycle order", () => {
    const history = [entry("construction", "2024-02-01"), entry("investigation", "2024-02-01")];
    expect(currentPhase(history, day("2024-03-01"))).toBe("construction");
    expect(orderHistory(history).map((e) => e.phase)).toEqual(["investigation", "construction"]);
    const stopped = [entry("abandon", "2024-05-01"), entry("acceleration", "2024-05-01")];
    expect(currentPhase(stopped, day("2024-06-01"))).toBe("abandon");
  });

  it("tells active from terminal", () => {
    expect(isActive([entry("investigation", "2024-01-01")], day("2024-02-01"))).toBe(true);
    expect(isActive([entry("investigation", "2024-01-01"), entry("abandon-investigation", "2024-03-01")], day("2024-04-01"))).toBe(false);
    expect(isActive([], day("2024-04-01"))).toBe(false);
  });
});

describe("segments and time in phase", () => {
  const history = [
    entry("investigation", "2023-01-02"),
    entry("construction", "2023-03-01", "2024-06-30"),
    entry("acceleration", "2024-07-01"),
  ];

  it("closes each segment at its end, else at the next start", () => {
    const segments = phaseSegments(history, day("2025-01-01"));
    expect(segments.map((s) => [s.phase, s.end && s.end.toISOString().slice(0, 10), s.current])).toEqual([
      ["investigation", "2023-03-01", false],
      ["construction", "2024-06-30", false],
      ["acceleration", null, true],
    ]);
  });

  it("compares durations with the doctrine", () => {
    const [investigation, construction, acceleration] = phaseSegments(history, day("2025-01-01"));
    expect(timeInPhase(investigation, day("2025-01-01"))).toEqual({ days: 58, status: "typical" });
    expect(timeInPhase(construction, day("2025-01-01"))).toEqual({ days: 487, status: "long" });
    expect(timeInPhase(acceleration, day("2025-01-01"))).toEqual({ days: 184, status: "typical" });
    const shortConstruction = { phase: "construction" as const, start: day("2024-01-01"), end: day("2024-03-01") };
    expect(timeInPhase(shortConstruction).status).toBe("short");
    expect(timeInPhase({ phase: "opere", start: day("2020-01-01"), end: null }, day("2025-01-01")).status).toBe("open-ended");
  });
});

describe("history problems", () => {
  it("accepts a valid history, same-day transitions included", () => {
    expect(historyProblems([entry("investigation", "2023-01-01", "2023-03-01"), entry("construction", "2023-03-01")])).toEqual([]);
  });

  it("reports what is wrong", () => {
    expect(historyProblems([])).toEqual([{ kind: "empty" }]);
    expect(historyProblems([entry("investigation", "2023-03-01", "2023-01-01")])).toContainEqual({ kind: "end-before-start", index: 0 });
    expect(historyProblems([entry("construction", "2023-01-01")])).toEqual([{ kind: "disallowed-transition", from: null, to: "construction" }]);
    expect(historyProblems([entry("investigation", "2023-01-01"), entry("abandon-investigation", "2023-02-01"), entry("construction", "2023-03-01")])).toContainEqual({ kind: "after-terminal", phase: "construction" });
    expect(historyProblems([entry("investigation", "2023-01-01"), entry("investigation", "2023-02-01")])).toContainEqual({ kind: "repeated-phase", phase: "investigation" });
  });
});
