// What a committee may decide for a product, given the phase it is in, and what a decision does to
// the product's phase history. Pure: the server loads the history, asks here, then writes the edit
// in the same transaction as the decision.
//
// - An ended product (transferred, stopped, investigation without result) takes no more decisions.
// - "Next phase" goes only to a phase `nextPhases` allows, other than a stop; a stop goes to
//   `abandon`, or `abandon-investigation` from investigation.
// - Continue, provisional extension and pivot keep the phase.
// - A phase change closes the current entry and opens the target phase on the decision's day.
// - An amendment is judged as if it had been the decision: the phase the amended decision opened is
//   removed and the phase it closed reopened, then the amendment applies. An entry the amendment
//   opens again as it was (same phase, same day) is kept as it is.
import type { Outcome } from "~/generated/prisma/enums";
import { OUTCOME_LABELS } from "./committee-labels";
import { PHASE_LABELS } from "./labels";
import { isTerminal, nextPhases, orderHistory, type Phase, type PhaseEntryLike } from "./phases";

const STOP_PHASES: readonly Phase[] = ["abandon", "abandon-investigation"];
const PHASE_CHANGES: readonly Outcome[] = ["next_phase", "stop"];

/** The phase a stop leads to from `phase`. */
export function stopTarget(phase: Phase): Phase {
  return phase === "investigation" ? "abandon-investigation" : "abandon";
}

/** The phases "next phase" may lead to from `phase` (stops excluded: they are the stop outcome). */
export function forwardPhases(phase: Phase): Phase[] {
  return nextPhases(phase).filter((p) => !STOP_PHASES.includes(p));
}

export interface AllowedOutcome {
  outcome: Outcome;
  /** The phases it leads to: several for "next phase", one for a stop, none when the phase stays. */
  targets: readonly Phase[];
}

/** The outcomes open to a product in `current` (none for an ended product or an empty history). */
export function allowedOutcomes(current: Phase | null): AllowedOutcome[] {
  if (current === null || isTerminal(current)) return [];
  const forward = forwardPhases(current);
  return [
    { outcome: "continue", targets: [] },
    { outcome: "extend", targets: [] },
    ...(forward.length > 0 ? [{ outcome: "next_phase" as const, targets: forward }] : []),
    { outcome: "pivot", targets: [] },
    { outcome: "stop", targets: [stopTarget(current)] },
  ];
}

export type OutcomeCheck = { ok: true; targetPhase: Phase | null } | { ok: false; message: string };

const quoted = (phase: Phase) => `« ${PHASE_LABELS[phase]} »`;

/**
 * Whether `outcome` may be decided for a product in `current`, and the phase it leads to. `targetPhase`
 * is what the form named: required for "next phase", checked for a stop, ignored otherwise.
 */
export function checkOutcome(current: Phase | null, outcome: Outcome, targetPhase: Phase | null = null): OutcomeCheck {
  if (current === null) {
    return { ok: false, message: "Ce produit n'a aucune phase dans son historique : complétez-le avant d'enregistrer une décision." };
  }
  if (isTerminal(current)) {
    return {
      ok: false,
      message: `Le produit est dans la phase ${quoted(current)}, qui est terminale : aucune décision ne peut plus le faire changer.`,
    };
  }
  const allowed = allowedOutcomes(current).find((a) => a.outcome === outcome);
  if (!allowed) {
    return {
      ok: false,
      message: `« ${OUTCOME_LABELS[outcome]} » n'est pas possible depuis la phase ${quoted(current)} : aucune phase suivante n'y est prévue.`,
    };
  }
  if (outcome === "stop") {
    const target = stopTarget(current);
    if (targetPhase !== null && targetPhase !== target) {
      return { ok: false, message: `Depuis la phase ${quoted(current)}, un arrêt mène à la phase ${quoted(target)}.` };
    }
    return { ok: true, targetPhase: target };
  }
  if (outcome !== "next_phase") return { ok: true, targetPhase: null };
  if (targetPhase === null) return { ok: false, message: "Indiquez la phase dans laquelle le produit entre." };
  if (!allowed.targets.includes(targetPhase)) {
    return {
      ok: false,
      message: `La phase ${quoted(targetPhase)} ne peut pas suivre la phase ${quoted(current)} : après celle-ci viennent ${allowed.targets.map(quoted).join(", ")}.`,
    };
  }
  return { ok: true, targetPhase };
}

export interface HistoryEntryRef extends PhaseEntryLike {
  id: string;
}

/** What to write to a phase history: entries to delete, ends to change, phases to open. */
export interface HistoryEdit {
  remove: string[];
  setEnd: Array<{ entryId: string; endDate: Date | null }>;
  open: Array<{ phase: Phase; startDate: Date }>;
}

export const NO_EDIT: HistoryEdit = { remove: [], setEnd: [], open: [] };

export function isEmptyEdit(edit: HistoryEdit): boolean {
  return edit.remove.length === 0 && edit.setEnd.length === 0 && edit.open.length === 0;
}

export interface DecisionEffectInput {
  outcome: Outcome;
  targetPhase: Phase | null;
  decidedOn: Date;
}

export type EffectResult = { ok: true; targetPhase: Phase | null; edit: HistoryEdit } | { ok: false; message: string };

/** An entry of a history being worked on: `id` null until written. */
type Working = PhaseEntryLike & { id: string | null };

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The edit that turns `before` into `after`; a new entry identical to a removed one keeps the old row. */
function diff(before: readonly HistoryEntryRef[], after: readonly Working[]): HistoryEdit {
  const kept = new Map(after.filter((e) => e.id !== null).map((e) => [e.id as string, e]));
  const removed = before.filter((e) => !kept.has(e.id));
  const edit: HistoryEdit = { remove: [], setEnd: [], open: [] };
  for (const entry of after.filter((e) => e.id === null)) {
    const twin = removed.findIndex((r) => r.phase === entry.phase && sameDay(r.startDate, entry.startDate));
    if (twin >= 0) {
      kept.set(removed[twin].id, { ...entry, id: removed[twin].id });
      removed.splice(twin, 1);
    } else {
      edit.open.push({ phase: entry.phase, startDate: entry.startDate });
    }
  }
  edit.remove = removed.map((e) => e.id);
  for (const entry of before) {
    const now = kept.get(entry.id);
    if (now && !sameDay(now.endDate, entry.endDate)) edit.setEnd.push({ entryId: entry.id, endDate: now.endDate });
  }
  return edit;
}

/** The decision applied to a history being worked on (closing and opening phases), or why it cannot be. */
function apply(
  history: readonly Working[],
  decision: DecisionEffectInput,
): { ok: true; targetPhase: Phase | null; after: Working[] } | { ok: false; message: string } {
  const ordered = orderHistory(history);
  const current = ordered.at(-1) ?? null;
  const check = checkOutcome(current?.phase ?? null, decision.outcome, decision.targetPhase);
  if (!check.ok) return check;
  if (!current || !PHASE_CHANGES.includes(decision.outcome)) return { ok: true, targetPhase: check.targetPhase, after: ordered };
  if (current.startDate > decision.decidedOn) {
    return {
      ok: false,
      message: `La phase ${quoted(current.phase)} commence après la date de la décision : vérifiez l'historique des phases.`,
    };
  }
  const target = check.targetPhase as Phase;
  const after = ordered.map((e) => (e === current ? { ...e, endDate: decision.decidedOn } : e));
  after.push({ id: null, phase: target, startDate: decision.decidedOn, endDate: null });
  return { ok: true, targetPhase: target, after };
}

/** What recording `decision` does to `history`: nothing, or close the current phase and open the target. */
export function decisionEffect(history: readonly HistoryEntryRef[], decision: DecisionEffectInput): EffectResult {
  const applied = apply(history, decision);
  return applied.ok ? { ok: true, targetPhase: applied.targetPhase, edit: diff(history, applied.after) } : applied;
}

/**
 * What amending `original` by `amendment` does to `history`: the original's phase change undone, the
 * amendment's applied, on the original's day. Refused when the history has moved on since the
 * original (its phase is no longer the last one): that history is corrected on its own page first.
 */
export function amendmentEffect(
  history: readonly HistoryEntryRef[],
  original: DecisionEffectInput,
  amendment: Omit<DecisionEffectInput, "decidedOn">,
): EffectResult {
  let working: Working[] = orderHistory(history);
  if (PHASE_CHANGES.includes(original.outcome) && original.targetPhase) {
    const opened = working.findLast((e) => e.phase === original.targetPhase && sameDay(e.startDate, original.decidedOn));
    if (!opened || opened !== working.at(-1)) {
      return {
        ok: false,
        message:
          "L'historique des phases ne se termine plus par la phase ouverte par cette décision : corrigez d'abord l'historique des phases, puis enregistrez l'amendement.",
      };
    }
    working = working.filter((e) => e !== opened);
    const closed = working.findLast((e) => sameDay(e.endDate, original.decidedOn));
    if (closed) working = working.map((e) => (e === closed ? { ...e, endDate: null } : e));
  }
  const applied = apply(working, { ...amendment, decidedOn: original.decidedOn });
  return applied.ok ? { ok: true, targetPhase: applied.targetPhase, edit: diff(history, applied.after) } : applied;
}

/**
 * The phase a decision was taken from: the one its phase change closed, or the current one when it
 * changed nothing. What an amendment of that decision is judged against.
 */
export function phaseDecidedFrom(history: readonly PhaseEntryLike[], decision: DecisionEffectInput): Phase | null {
  const ordered = orderHistory(history);
  const last = ordered.at(-1);
  const opened =
    last &&
    PHASE_CHANGES.includes(decision.outcome) &&
    last.phase === decision.targetPhase &&
    sameDay(last.startDate, decision.decidedOn);
  return (opened ? ordered.at(-2)?.phase : last?.phase) ?? null;
}
