// Correcting a product's phase history outside a committee decision: what a correction does to the
// history, and whether the result may be written. Pure: phase-corrections.server.ts loads the
// history, asks here, then writes.
//
// The rule for histories that are already wrong (imported data often is): a correction is refused
// only for the problems it brings. Every problem of the resulting history must already have been in
// the history before it — same kind, same phases, no more times — so a correction may fix problems or
// leave them alone, never add one. Fixing a wrong date on a history with an unrelated repeated phase
// works; moving a date so that two phases change order does not.
import { day, isoDay } from "~/domain/days";
import { PHASE_LABELS } from "~/domain/labels";
import {
  historyProblems,
  nextPhases,
  type HistoryProblem,
  type Phase,
  type PhaseEntryLike,
} from "~/domain/phases";
import { formatDay } from "~/ui/dates";

export interface HistoryEntry extends PhaseEntryLike {
  id: string;
  comment: string | null;
}

/** The fields a correction sets on an entry; the phase itself never changes (delete, then add). */
export interface EntryFields {
  startDate: Date;
  endDate: Date | null;
  comment: string | null;
}

export type PhaseCorrection =
  | ({ kind: "edit"; entryId: string } & EntryFields)
  | ({ kind: "add"; phase: Phase } & EntryFields)
  | { kind: "delete"; entryId: string };

/** The id an added entry carries until the database gives it one. */
export const NEW_ENTRY_ID = "nouvelle-phase";

/** The history once the correction is applied, or null when it names an entry that is not there. */
export function applyCorrection(history: readonly HistoryEntry[], correction: PhaseCorrection): HistoryEntry[] | null {
  if (correction.kind === "add") {
    const { kind: _kind, ...entry } = correction;
    return [...history, { id: NEW_ENTRY_ID, ...entry }];
  }
  if (!history.some((e) => e.id === correction.entryId)) return null;
  if (correction.kind === "delete") return history.filter((e) => e.id !== correction.entryId);
  const { kind: _kind, entryId, ...fields } = correction;
  return history.map((e) => (e.id === entryId ? { ...e, ...fields } : e));
}

/** Problems that are "the same" in two versions of a history: same kind and phases (or entry). */
function problemKey(problem: HistoryProblem, history: readonly HistoryEntry[]): string {
  switch (problem.kind) {
    case "empty":
      return "empty";
    case "end-before-start":
      return `end-before-start:${history[problem.index]?.id}`;
    case "repeated-phase":
    case "after-terminal":
      return `${problem.kind}:${problem.phase}`;
    case "disallowed-transition":
      return `disallowed-transition:${problem.from ?? ""}>${problem.to}`;
  }
}

/** The problems of `after` that `before` did not have (counted: a phase repeated once more is new). */
export function introducedProblems(before: readonly HistoryEntry[], after: readonly HistoryEntry[]): HistoryProblem[] {
  const remaining = new Map<string, number>();
  for (const problem of historyProblems(before)) {
    const key = problemKey(problem, before);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return historyProblems(after).filter((problem) => {
    const key = problemKey(problem, after);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    return left === 0;
  });
}

const label = (phase: Phase) => `« ${PHASE_LABELS[phase]} »`;

function followers(phase: Phase): string {
  const next = nextPhases(phase);
  return next.length === 0 ? "aucune autre phase" : next.map(label).join(", ");
}

/** A problem in French, for the person correcting the history. */
export function problemMessage(problem: HistoryProblem, history: readonly HistoryEntry[]): string {
  switch (problem.kind) {
    case "empty":
      return "Un produit garde au moins une phase : ajoutez la bonne phase avant de supprimer celle-ci.";
    case "end-before-start": {
      const entry = history[problem.index];
      return `La phase ${entry ? label(entry.phase) : ""} finirait avant d'avoir commencé : la date de fin doit suivre la date de début.`;
    }
    case "repeated-phase":
      return `La phase ${label(problem.phase)} figurerait deux fois dans l'historique : un produit ne revient jamais dans une phase.`;
    case "after-terminal":
      return `La phase ${label(problem.phase)} viendrait après une phase terminale (transféré, arrêté, investigation non concluante) : rien ne suit une phase terminale.`;
    case "disallowed-transition":
      return problem.from === null
        ? `Un parcours commence par l'investigation : la phase ${label(problem.to)} ne peut pas être la première.`
        : `La phase ${label(problem.to)} ne peut pas suivre la phase ${label(problem.from)} : après celle-ci viennent ${followers(problem.from)}.`;
  }
}

/** What is already wrong with a history, in French (shown above the table to those who may correct it). */
export function historyWarnings(history: readonly HistoryEntry[]): string[] {
  if (history.length === 0) return [];
  return historyProblems(history).map((problem) => problemMessage(problem, history));
}

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * The history the correction leads to, with why it may not be written (French messages; none when
 * it may), or null when the correction names an entry the history does not have. `history` is the
 * product's history as it is now; the correction's dates were checked by the form.
 */
export function checkCorrection(
  history: readonly HistoryEntry[],
  correction: PhaseCorrection,
): { after: HistoryEntry[]; problems: string[] } | null {
  const after = applyCorrection(history, correction);
  if (!after) return null;
  if (correction.kind === "edit") {
    const entry = history.find((e) => e.id === correction.entryId);
    const unchanged =
      entry &&
      sameDay(entry.startDate, correction.startDate) &&
      sameDay(entry.endDate, correction.endDate) &&
      entry.comment === correction.comment;
    if (unchanged) return { after, problems: ["Cette correction ne change rien : modifiez une date ou le commentaire."] };
  }
  return { after, problems: introducedProblems(history, after).map((problem) => problemMessage(problem, after)) };
}

/** An entry as the audit log keeps it (a type, not an interface: it must fit a JSON column). */
export type EntrySnapshot = {
  phase: Phase;
  startDate: string;
  endDate: string | null;
  comment: string | null;
};

export function entrySnapshot(entry: HistoryEntry): EntrySnapshot {
  return {
    phase: entry.phase,
    startDate: isoDay(entry.startDate),
    endDate: entry.endDate ? isoDay(entry.endDate) : null,
    comment: entry.comment,
  };
}

/** The `data` of a `phase.corrected` audit row. */
export type CorrectionRecord = {
  kind: PhaseCorrection["kind"];
  entryId: string;
  before: EntrySnapshot | null;
  after: EntrySnapshot | null;
};

const period = (s: EntrySnapshot) =>
  s.endDate ? `du ${formatDay(day(s.startDate))} au ${formatDay(day(s.endDate))}` : `depuis le ${formatDay(day(s.startDate))}`;

/** A correction of the log in one French sentence. */
export function describeCorrection(record: CorrectionRecord): string {
  const { before, after } = record;
  if (record.kind === "add" && after) return `Ajout de la phase ${label(after.phase)}, ${period(after)}.`;
  if (record.kind === "delete" && before) return `Suppression de la phase ${label(before.phase)}, ${period(before)}.`;
  if (!before || !after) return "Correction de l'historique.";
  const changes: string[] = [];
  if (before.startDate !== after.startDate || before.endDate !== after.endDate) {
    changes.push(`${period(before)} devient ${period(after)}`);
  }
  if (before.comment !== after.comment) changes.push("commentaire modifié");
  return `Modification de la phase ${label(after.phase)} : ${changes.length > 0 ? changes.join(", ") : "aucun changement"}.`;
}
