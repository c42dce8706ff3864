// Recording indicator values, whatever their way in (form, CSV import, API push): one value per
// indicator and period; changing a value keeps the previous one as a revision (who, when, reason);
// sending the same value again changes nothing (imports and pushes are idempotent).
import { isoDay } from "~/domain/days";
import type { Db } from "~/db/seed/factories.server";

export interface ValueInput {
  indicatorId: string;
  periodStart: Date;
  value: number;
  /** Why a recorded value changes; optional for first entries. */
  reason?: string;
}

export type ValueOrigin = "form" | "csv" | "api";

export interface RecordSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/** A value already recorded, as `recordValues` needs it. */
export interface RecordedValue {
  id: string;
  indicatorId: string;
  periodStart: Date;
  value: number;
}

/** An indicator and a period, as a key: an indicator has one value at most per period. */
export const valueKey = (indicatorId: string, periodStart: Date) => `${indicatorId}|${isoDay(periodStart)}`;

/** The values recorded for the inputs' indicators and periods, in one query. */
function readRecorded(tx: Db, inputs: readonly ValueInput[]): Promise<RecordedValue[]> {
  return tx.indicatorValue.findMany({
    where: {
      indicatorId: { in: [...new Set(inputs.map((input) => input.indicatorId))] },
      periodStart: { in: [...new Set(inputs.map((input) => input.periodStart.getTime()))].map((time) => new Date(time)) },
    },
    select: { id: true, indicatorId: true, periodStart: true, value: true },
  });
}

/**
 * Records `inputs` (one per indicator and period) inside the caller's transaction, so that a batch is
 * all or nothing: the new values in one statement, the changed ones and their revisions in another,
 * whatever the size of the batch. A value changed by the team goes back to "declared", since a coach
 * validated the old one. `recorded`: what the caller has already read of these values (none is read
 * again), else they are read here.
 */
export async function recordValues(
  tx: Db,
  inputs: readonly ValueInput[],
  by: { userId: string | null; origin: ValueOrigin },
  recorded?: readonly RecordedValue[],
): Promise<RecordSummary> {
  if (inputs.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const existing = new Map((recorded ?? (await readRecorded(tx, inputs))).map((value) => [valueKey(value.indicatorId, value.periodStart), value]));
  const seen = new Set<string>();
  const created: ValueInput[] = [];
  const changed: { id: string; oldValue: number; newValue: number; reason: string | null }[] = [];
  let unchanged = 0;
  for (const input of inputs) {
    const key = valueKey(input.indicatorId, input.periodStart);
    if (seen.has(key)) throw new Error(`Two values for one indicator and period (${key}): the batch should have been refused.`);
    seen.add(key);
    const before = existing.get(key);
    if (!before) created.push(input);
    else if (before.value === input.value) unchanged += 1;
    else changed.push({ id: before.id, oldValue: before.value, newValue: input.value, reason: input.reason ?? null });
  }
  if (created.length > 0) {
    await tx.indicatorValue.createMany({
      data: created.map((input) => ({
        indicatorId: input.indicatorId,
        periodStart: input.periodStart,
        value: input.value,
        origin: by.origin,
        enteredById: by.userId,
      })),
    });
  }
  if (changed.length > 0) {
    // Prisma sets `updatedAt` itself; raw SQL has to.
    const now = new Date();
    await tx.$executeRaw`
      WITH changes AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(changed)}::json)
          AS c(id uuid, "oldValue" double precision, "newValue" double precision, reason text)
      ), updated AS (
        UPDATE "IndicatorValue" v
        SET value = c."newValue", origin = ${by.origin}, "enteredById" = ${by.userId}::uuid,
          status = 'declared', "validatedById" = NULL, "updatedAt" = ${now}
        FROM changes c WHERE v.id = c.id
        RETURNING v.id
      )
      INSERT INTO "IndicatorValueRevision" (id, "valueId", "oldValue", "newValue", reason, "changedById", "changedAt")
      SELECT gen_random_uuid(), c.id, c."oldValue", c."newValue", c.reason, ${by.userId}::uuid, ${now}
      FROM changes c JOIN updated u ON u.id = c.id`;
  }
  return { created: created.length, updated: changed.length, unchanged };
}
