// What both ways in of a batch (CSV import, API push) read and write around `checkValueRows`.
import type { Db } from "~/db/seed/factories.server";
import { isValidRow, planRow, type CheckedRow, type IndicatorRef, type RecordedValue, type RowPlan, type ValidRow } from "./value-batch";
import type { ValueInput } from "./values.server";

/**
 * A batch is written in one transaction: up to ten thousand rows, two statements each, may take longer
 * than Prisma's default five seconds.
 */
export const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 180_000 };

/** The product's indicators, as a batch may name them. */
export async function indicatorRefs(tx: Db, productId: string): Promise<IndicatorRef[]> {
  const indicators = await tx.indicator.findMany({
    where: { productId },
    select: { id: true, name: true, frequency: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  return indicators.map((i) => ({ id: i.id, name: i.name, frequency: i.frequency, archived: i.archivedAt !== null }));
}

export function toValueInputs(rows: readonly ValidRow[]): ValueInput[] {
  return rows.map((row) => ({ indicatorId: row.indicator.id, periodStart: row.periodStart, value: row.value, reason: row.reason }));
}

const valueKey = (indicatorId: string, periodStart: Date) => `${indicatorId}|${periodStart.toISOString()}`;

/** The values already recorded for the rows' indicators and periods. */
async function recordedValues(tx: Db, rows: readonly ValidRow[]): Promise<Map<string, RecordedValue>> {
  if (rows.length === 0) return new Map();
  const times = rows.map((r) => r.periodStart.getTime());
  const recorded = await tx.indicatorValue.findMany({
    where: {
      indicatorId: { in: [...new Set(rows.map((r) => r.indicator.id))] },
      periodStart: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) },
    },
    select: { indicatorId: true, periodStart: true, value: true, status: true },
  });
  return new Map(recorded.map((v) => [valueKey(v.indicatorId, v.periodStart), { value: v.value, validated: v.status === "validated" }]));
}

/** What each row will do, against what is recorded now (one query for the whole batch). */
export async function planRows(tx: Db, rows: readonly CheckedRow[]): Promise<RowPlan[]> {
  const recorded = await recordedValues(tx, rows.filter(isValidRow));
  return rows.map((row) => planRow(row, isValidRow(row) ? recorded.get(valueKey(row.indicator.id, row.periodStart)) : undefined));
}
