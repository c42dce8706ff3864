// The lifecycle of a startup d'État: phases are a dated history, never a status field. Everything
// "current" is derived here, from the history, the same way for pages, exports and the seed.
import { addMonths, differenceInCalendarDays } from "date-fns";
import { parisDay } from "./days";

/** The network's own phase ids, as used in its public data and in Jalon's exports and APIs. */
export const PHASES = [
  "investigation",
  "construction",
  "acceleration",
  "consolidation",
  "opere",
  "transfere",
  "abandon",
  "abandon-investigation",
] as const;
export type Phase = (typeof PHASES)[number];

export const ACTIVE_PHASES: readonly Phase[] = [
  "investigation",
  "construction",
  "acceleration",
  "consolidation",
  "opere",
];
export const TERMINAL_PHASES: readonly Phase[] = ["transfere", "abandon", "abandon-investigation"];

/**
 * Order used to break ties between phases starting the same day (frequent in real data: a committee
 * closes one phase and opens the next on one date). A later phase in this order is the current one.
 */
export const LIFECYCLE_ORDER: readonly Phase[] = [
  "investigation",
  "abandon-investigation",
  "construction",
  "acceleration",
  "consolidation",
  "opere",
  "transfere",
  "abandon",
];

/** Phases a committee may move a product to from each phase. */
const NEXT_PHASES: Record<Phase, readonly Phase[]> = {
  investigation: ["construction", "abandon-investigation"],
  construction: ["acceleration", "transfere", "abandon"],
  acceleration: ["consolidation", "opere", "transfere", "abandon"],
  consolidation: ["opere", "transfere", "abandon"],
  opere: ["transfere", "abandon"],
  transfere: [],
  abandon: [],
  "abandon-investigation": [],
};

/** Names used by older exports of the network, mapped to today's ids. */
const LEGACY_PHASES: Record<string, Phase> = {
  transfer: "transfere",
  success: "transfere",
  alumni: "transfere",
  perennisation: "consolidation",
};

/** Typical duration of a phase in the doctrine, in months (undefined: open-ended). */
export const TYPICAL_DURATION_MONTHS: Partial<Record<Phase, { min: number; max: number }>> = {
  investigation: { min: 1, max: 2 },
  construction: { min: 6, max: 12 },
  acceleration: { min: 12, max: 36 },
};

export function isPhase(value: string): value is Phase {
  return (PHASES as readonly string[]).includes(value);
}

/** Today's id for a phase name found in data, including older names; null when unknown. */
export function normalizePhase(value: string): Phase | null {
  const name = value.trim().toLowerCase();
  return isPhase(name) ? name : (LEGACY_PHASES[name] ?? null);
}

export function isTerminal(phase: Phase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

export function nextPhases(phase: Phase): readonly Phase[] {
  return NEXT_PHASES[phase];
}

export function canTransition(from: Phase | null, to: Phase): boolean {
  return from === null ? to === "investigation" : NEXT_PHASES[from].includes(to);
}

export interface PhaseEntryLike {
  phase: Phase;
  startDate: Date;
  endDate: Date | null;
}

function compareEntries(a: PhaseEntryLike, b: PhaseEntryLike): number {
  return (
    a.startDate.getTime() - b.startDate.getTime() ||
    LIFECYCLE_ORDER.indexOf(a.phase) - LIFECYCLE_ORDER.indexOf(b.phase)
  );
}

/** The history in lifecycle order: by start date, same-day ties by lifecycle order. */
export function orderHistory<T extends PhaseEntryLike>(history: readonly T[]): T[] {
  return [...history].sort(compareEntries);
}

/**
 * The phase the product is in on `asOf` (default: now): the last one started by that day in Paris,
 * where days turn for French agents (a phase a decision starts today is under way from midnight).
 */
export function currentEntry<T extends PhaseEntryLike>(
  history: readonly T[],
  asOf: Date = new Date(),
): T | null {
  const day = parisDay(asOf).getTime();
  const started = orderHistory(history).filter((e) => e.startDate.getTime() <= day);
  return started.at(-1) ?? null;
}

export function currentPhase(history: readonly PhaseEntryLike[], asOf?: Date): Phase | null {
  return currentEntry(history, asOf)?.phase ?? null;
}

export function isActive(history: readonly PhaseEntryLike[], asOf?: Date): boolean {
  const phase = currentPhase(history, asOf);
  return phase !== null && !isTerminal(phase);
}

export interface PhaseSegment {
  phase: Phase;
  start: Date;
  /** The recorded end, else the next phase's start; null while the phase goes on. */
  end: Date | null;
  current: boolean;
}

/** The history as contiguous segments, as a timeline shows it and the open data API exports it. */
export function phaseSegments(history: readonly PhaseEntryLike[], asOf: Date = new Date()): PhaseSegment[] {
  const ordered = orderHistory(history);
  const current = currentEntry(ordered, asOf);
  return ordered.map((entry, i) => {
    const next = ordered[i + 1];
    const terminal = isTerminal(entry.phase);
    return {
      phase: entry.phase,
      start: entry.startDate,
      end: entry.endDate ?? next?.startDate ?? (terminal ? entry.startDate : null),
      current: entry === current,
    };
  });
}

export type DurationStatus = "short" | "typical" | "long" | "open-ended";

export interface TimeInPhase {
  days: number;
  status: DurationStatus;
}

/** Days spent in a segment (until `asOf` while it goes on) against the doctrine's typical duration. */
export function timeInPhase(segment: Pick<PhaseSegment, "phase" | "start" | "end">, asOf: Date = new Date()): TimeInPhase {
  const end = segment.end ?? asOf;
  const days = Math.max(0, differenceInCalendarDays(end, segment.start));
  const typical = TYPICAL_DURATION_MONTHS[segment.phase];
  if (!typical) return { days, status: "open-ended" };
  if (end.getTime() > addMonths(segment.start, typical.max).getTime()) return { days, status: "long" };
  if (segment.end && segment.end.getTime() < addMonths(segment.start, typical.min).getTime()) {
    return { days, status: "short" };
  }
  return { days, status: "typical" };
}

export type HistoryProblem =
  | { kind: "empty" }
  | { kind: "end-before-start"; index: number }
  | { kind: "repeated-phase"; phase: Phase }
  | { kind: "after-terminal"; phase: Phase }
  | { kind: "disallowed-transition"; from: Phase | null; to: Phase };

/** What is wrong with a history, if anything. Real imported data may break these; the seed may not. */
export function historyProblems(history: readonly PhaseEntryLike[]): HistoryProblem[] {
  if (history.length === 0) return [{ kind: "empty" }];
  const problems: HistoryProblem[] = [];
  history.forEach((e, index) => {
    if (e.endDate && e.endDate.getTime() < e.startDate.getTime()) problems.push({ kind: "end-before-start", index });
  });
  const ordered = orderHistory(history);
  const seen = new Set<Phase>();
  ordered.forEach((e, i) => {
    if (seen.has(e.phase)) problems.push({ kind: "repeated-phase", phase: e.phase });
    seen.add(e.phase);
    const previous = ordered[i - 1]?.phase ?? null;
    if (previous && isTerminal(previous)) problems.push({ kind: "after-terminal", phase: e.phase });
    else if (!canTransition(previous, e.phase)) problems.push({ kind: "disallowed-transition", from: previous, to: e.phase });
  });
  return problems;
}
