// Importing a CSV file of indicator values in two steps. The preview says, row by row, what is wrong
// or what will happen (created, changed from X to Y, unchanged). The commit reads the same file again,
// never the preview the browser shows, and writes everything in one transaction, or nothing: if a
// row has an error, or if what the rows would do differs from the preview (someone recorded a value
// in between), the commit is refused and a fresh preview shown.
import { createHash } from "node:crypto";
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import type { Db } from "~/db/seed/factories.server";
import { periodKey } from "~/domain/periods";
import { Prisma } from "~/generated/prisma/client";
import type { Frequency } from "~/generated/prisma/enums";
import { lockProduct } from "~/products/product-access.server";
import { importTemplate, lastEndedPeriod, readImportText, type ImportCounts, type ImportPreview, type PreviewRow } from "./csv-import";
import { checkValueRows, isValidRow, type CheckedRow, type ValidRow } from "./value-batch";
import { BATCH_TRANSACTION, indicatorRefs, planRows, toValueInputs } from "./value-batch.server";
import { recordValues } from "./values.server";

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; error: string };

export type CommitResult =
  | { status: "committed"; counts: ImportCounts }
  | { status: "refused"; preview: ImportPreview; reason: "errors" | "changed" }
  | { status: "unreadable"; error: string }
  | { status: "conflict" };

const describeLine = (line: number) => `la ligne ${line}`;

type Analysis = { ok: true; preview: ImportPreview; checked: CheckedRow[] } | { ok: false; error: string };

async function analyse(tx: Db, productId: string, text: string): Promise<Analysis> {
  const file = readImportText(text);
  if (!file.ok) return file;
  const checked = checkValueRows(file.rows, await indicatorRefs(tx, productId), { describe: describeLine });
  const plans = await planRows(tx, checked);
  const counts: ImportCounts = { rows: checked.length, errors: 0, skipped: 0, created: 0, updated: 0, unchanged: 0 };
  const rows = checked.map((row, i): PreviewRow => {
    const plan = plans[i];
    if (plan.kind === "error") counts.errors += 1;
    else if (plan.kind === "skipped") counts.skipped += 1;
    else if (plan.kind === "create") counts.created += 1;
    else if (plan.kind === "update") counts.updated += 1;
    else counts.unchanged += 1;
    return {
      line: row.position,
      indicator: row.indicator?.name ?? row.raw.indicator.trim(),
      period: row.periodLabel ?? row.raw.period.trim(),
      value: String(row.raw.value).trim(),
      reason: row.reason ?? "",
      plan,
    };
  });
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(checked.map((row, i) => [row.indicator?.id, row.periodStart, row.value, row.reason, rows[i].plan])))
    .digest("hex");
  return { ok: true, preview: { rows, counts, fingerprint }, checked };
}

/** What importing `text` into the product would do; writes nothing. */
export async function previewImport(productId: string, text: string): Promise<PreviewResult> {
  const analysis = await analyse(db(), productId, text);
  return analysis.ok ? { ok: true, preview: analysis.preview } : analysis;
}

/**
 * Imports `text` if its preview is still `fingerprint` and has no error; audited with the counts.
 * Importing the same file again creates and changes nothing.
 */
export async function commitImport(
  actor: { userId: string },
  product: { id: string },
  text: string,
  fingerprint: string,
  fileName: string,
): Promise<CommitResult> {
  try {
    return await db().$transaction(async (tx): Promise<CommitResult> => {
      // Two imports or pushes of the same product run one after the other.
      await lockProduct(tx, product.id);
      const analysis = await analyse(tx, product.id, text);
      if (!analysis.ok) return { status: "unreadable", error: analysis.error };
      const { preview, checked } = analysis;
      if (preview.counts.errors > 0) return { status: "refused", preview, reason: "errors" };
      if (preview.fingerprint !== fingerprint) return { status: "refused", preview, reason: "changed" };
      // Rows the preview found unchanged are not sent again: on a re-import, that is every row.
      const changing = checked.filter((row, i): row is ValidRow => isValidRow(row) && preview.rows[i].plan.kind !== "unchanged");
      const summary = await recordValues(tx, toValueInputs(changing), { userId: actor.userId, origin: "csv" });
      const counts = { ...preview.counts, ...summary, unchanged: preview.counts.unchanged + summary.unchanged };
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "indicator.csv_imported",
        entityType: "Product",
        entityId: product.id,
        data: { fileName, ...counts },
      });
      return { status: "committed", counts };
    }, BATCH_TRANSACTION);
  } catch (error) {
    // Another import or push created one of these values at the same moment: nothing was written.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { status: "conflict" };
    throw error;
  }
}

/** The indicators a file may name: those still in use. */
export async function importableIndicators(productId: string): Promise<Array<{ name: string; frequency: Frequency }>> {
  return (await indicatorRefs(db(), productId)).filter((i) => !i.archived).map((i) => ({ name: i.name, frequency: i.frequency }));
}

/** The template of the product's import file: its indicators still in use, with the last ended period. */
export async function productImportTemplate(productId: string, now: Date = new Date()): Promise<string> {
  const indicators = await importableIndicators(productId);
  return importTemplate(indicators.map((i) => ({ name: i.name, period: periodKey(lastEndedPeriod(i.frequency, now), i.frequency) })));
}
