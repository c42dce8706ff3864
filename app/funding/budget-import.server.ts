// Importing budget statements from a CSV file, in two steps as for indicator values (decision 010):
// the preview says what is wrong row by row, or which statements will get a new revision; the commit
// reads the same file again, never the preview, and writes every statement in one transaction or
// none. A file whose statements are already current writes nothing, so importing it twice is safe.
import { createHash } from "node:crypto";
import { sameCells, totalOf, type Amounts } from "~/domain/budget-statements";
import type { BudgetNature } from "~/generated/prisma/enums";
import type { Db } from "~/db/seed/factories.server";
import { db } from "~/db.server";
import { checkBudgetRows, groupStatements, readBudgetFile, type CheckedBudgetRow } from "./budget-csv";
import { currentStatementIn, inBudgetTransaction, recordBudgetStatement } from "./budget-statements.server";

export interface StatementPlan extends Amounts {
  year: number;
  nature: BudgetNature;
  cells: number;
  /** The revision it would replace; null for a first statement. */
  currentRevision: number | null;
  kind: "create" | "revise" | "unchanged";
}

export interface BudgetPreview {
  rows: CheckedBudgetRow[];
  statements: StatementPlan[];
  counts: { rows: number; errors: number; skipped: number };
  /** What the file would do, hashed: the commit proceeds only if it still finds the same. */
  fingerprint: string;
}

type Analysis = { ok: true; preview: BudgetPreview; groups: ReturnType<typeof groupStatements> } | { ok: false; error: string };

async function analyse(tx: Db, productId: string, text: string): Promise<Analysis> {
  const file = readBudgetFile(text);
  if (!file.ok) return file;
  const rows = checkBudgetRows(file.rows);
  const groups = groupStatements(rows);
  // One after the other: inside a transaction, one connection runs one query at a time.
  const statements: StatementPlan[] = [];
  for (const group of groups) {
    const current = await currentStatementIn(tx, productId, group.year, group.nature);
    const kind = !current ? "create" : sameCells(current.cells, group.cells) ? "unchanged" : "revise";
    statements.push({ year: group.year, nature: group.nature, cells: group.cells.length, currentRevision: current?.revision ?? null, kind, ...totalOf(group.cells) });
  }
  const counts = {
    rows: rows.length,
    errors: rows.filter((row) => row.errors.length > 0).length,
    skipped: rows.filter((row) => row.skipped).length,
  };
  const fingerprint = createHash("sha256").update(JSON.stringify([groups, statements])).digest("hex");
  return { ok: true, preview: { rows, statements, counts, fingerprint }, groups };
}

/** What importing `text` would do; writes nothing. */
export async function previewBudgetImport(productId: string, text: string): Promise<{ ok: true; preview: BudgetPreview } | { ok: false; error: string }> {
  const analysis = await analyse(db(), productId, text);
  return analysis.ok ? { ok: true, preview: analysis.preview } : analysis;
}

export type BudgetCommit =
  | { status: "committed"; recorded: StatementPlan[]; unchanged: number }
  | { status: "refused"; preview: BudgetPreview; reason: "errors" | "changed" }
  | { status: "unreadable"; error: string }
  | { status: "conflict"; error: string };

/** Imports `text` if its preview is still `fingerprint` and has no error: all its statements or none. */
export async function commitBudgetImport(
  actor: { userId: string },
  productId: string,
  text: string,
  fingerprint: string,
  fileName: string,
): Promise<BudgetCommit> {
  const result = await inBudgetTransaction(async (tx): Promise<BudgetCommit> => {
    const analysis = await analyse(tx, productId, text);
    if (!analysis.ok) return { status: "unreadable", error: analysis.error };
    const { preview, groups } = analysis;
    if (preview.counts.errors > 0) return { status: "refused", preview, reason: "errors" };
    if (preview.fingerprint !== fingerprint) return { status: "refused", preview, reason: "changed" };
    const recorded: StatementPlan[] = [];
    for (const [i, group] of groups.entries()) {
      const plan = preview.statements[i];
      if (plan.kind === "unchanged") continue;
      await recordBudgetStatement(tx, {
        ...group,
        productId,
        origin: "csv",
        userId: actor.userId,
        comment: `Import du fichier « ${fileName} »`,
        basedOnRevision: plan.currentRevision,
      });
      recorded.push(plan);
    }
    return { status: "committed", recorded, unchanged: groups.length - recorded.length };
  });
  return result.ok ? result.value : { status: "conflict", error: result.error };
}
