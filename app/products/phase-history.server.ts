// Phase histories as loaded from the database, turned into the domain's typed entries.
import { isPhase, type PhaseEntryLike } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";

/** The columns the phase rules need: select these, not whole rows. */
export const phaseHistorySelect = { phase: true, startDate: true, endDate: true } satisfies Prisma.PhaseEntrySelect;

type PhaseRow = Prisma.PhaseEntryGetPayload<{ select: typeof phaseHistorySelect }>;

export function toPhaseHistory(rows: readonly PhaseRow[]): PhaseEntryLike[] {
  return rows.map(({ phase, startDate, endDate }) => {
    // The CHECK constraint on "PhaseEntry"."phase" makes this unreachable unless schema and code drift.
    if (!isPhase(phase)) throw new Error(`Unknown phase in the database: ${phase}`);
    return { phase, startDate, endDate };
  });
}
