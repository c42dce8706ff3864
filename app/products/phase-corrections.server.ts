// A product's phase history as its correction page shows it, and the writing of a correction: one
// transaction that reads the history, checks the result (phase-corrections.ts), writes the entry
// and the audit row — or writes nothing.
import { z } from "zod";
import type { FieldErrors } from "~/admin/form-parsing";
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import { PHASES, isPhase, isTerminal, orderHistory, phaseSegments } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";
import {
  checkCorrection,
  describeCorrection,
  entrySnapshot,
  historyWarnings,
  NEW_ENTRY_ID,
  type CorrectionRecord,
  type HistoryEntry,
  type PhaseCorrection,
} from "./phase-corrections";
import { lockProduct } from "./product-access.server";

export const PHASE_CORRECTED = "phase.corrected";

const historyEntrySelect = {
  id: true,
  phase: true,
  startDate: true,
  endDate: true,
  comment: true,
} satisfies Prisma.PhaseEntrySelect;

type HistoryRow = Prisma.PhaseEntryGetPayload<{ select: typeof historyEntrySelect }>;

function toHistoryEntry({ phase, ...row }: HistoryRow): HistoryEntry {
  // The CHECK constraint on "PhaseEntry"."phase" makes this unreachable unless schema and code drift.
  if (!isPhase(phase)) throw new Error(`Unknown phase in the database: ${phase}`);
  return { phase, ...row };
}

const snapshotSchema = z.object({
  phase: z.enum(PHASES),
  startDate: z.iso.date(),
  endDate: z.iso.date().nullable(),
  comment: z.string().nullable(),
});

/** Audit rows are JSON: read back, not trusted to have the shape this version writes. */
const CorrectionRecordSchema = z.object({
  kind: z.enum(["edit", "add", "delete"]),
  entryId: z.string(),
  before: snapshotSchema.nullable(),
  after: snapshotSchema.nullable(),
}) satisfies z.ZodType<CorrectionRecord>;

/** The history in lifecycle order with its timeline, what is wrong with it, and its corrections. */
export async function loadPhaseHistoryPage(productId: string, asOf: Date = new Date()) {
  const [rows, log] = await Promise.all([
    db().phaseEntry.findMany({ where: { productId }, select: historyEntrySelect }),
    db().auditLog.findMany({
      where: { entityType: "Product", entityId: productId, action: PHASE_CORRECTED },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, at: true, reason: true, data: true, actor: { select: { name: true } } },
    }),
  ]);
  const history = orderHistory(rows.map(toHistoryEntry));
  // phaseSegments keeps the order it is given: segment i is entry i.
  const segments = phaseSegments(history, asOf);
  return {
    entries: history.map((entry, i) => ({
      ...entry,
      current: segments[i].current,
      terminal: isTerminal(entry.phase),
      /** Where the phase's time is measured to: its end, the next phase's start, or `asOf`. */
      until: segments[i].end ?? asOf,
    })),
    warnings: historyWarnings(history),
    corrections: log.map((row) => {
      const record = CorrectionRecordSchema.safeParse(row.data);
      return {
        id: row.id,
        at: row.at,
        actorName: row.actor?.name ?? null,
        reason: row.reason,
        description: record.success ? describeCorrection(record.data) : "Correction de l'historique.",
      };
    }),
  };
}

export type CorrectionResult = { ok: true } | { ok: false; errors: FieldErrors };

/** Writes the correction if the resulting history may be written; audited as `phase.corrected`. */
export function correctPhaseHistory(
  actorId: string,
  productId: string,
  { correction, reason }: { correction: PhaseCorrection; reason: string },
): Promise<CorrectionResult> {
  return db().$transaction(async (tx): Promise<CorrectionResult> => {
    await lockProduct(tx, productId);
    const history = (await tx.phaseEntry.findMany({ where: { productId }, select: historyEntrySelect })).map(
      toHistoryEntry,
    );
    const checked = checkCorrection(history, correction);
    if (!checked) return { ok: false, errors: { form: ["Cette phase n'existe plus : rechargez la page."] } };
    if (checked.problems.length > 0) return { ok: false, errors: { form: checked.problems } };

    const before = correction.kind === "add" ? undefined : history.find((e) => e.id === correction.entryId);
    let entryId: string;
    switch (correction.kind) {
      case "add": {
        const { kind: _kind, ...fields } = correction;
        entryId = (await tx.phaseEntry.create({ data: { productId, ...fields, createdById: actorId } })).id;
        break;
      }
      case "edit": {
        const { kind: _kind, entryId: id, ...fields } = correction;
        entryId = (await tx.phaseEntry.update({ where: { id }, data: fields })).id;
        break;
      }
      case "delete":
        entryId = (await tx.phaseEntry.delete({ where: { id: correction.entryId } })).id;
        break;
    }
    const after = checked.after.find((e) => e.id === (correction.kind === "add" ? NEW_ENTRY_ID : entryId));
    const record: CorrectionRecord = {
      kind: correction.kind,
      entryId,
      before: before ? entrySnapshot(before) : null,
      after: after ? entrySnapshot(after) : null,
    };
    await recordAudit(tx, {
      actorId,
      action: PHASE_CORRECTED,
      entityType: "Product",
      entityId: productId,
      reason,
      data: record,
    });
    return { ok: true };
  });
}
