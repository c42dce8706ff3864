// Recording indicator values, whatever their way in (form, CSV import, API push): one value per
// indicator and period; changing a value keeps the previous one as a revision (who, when, reason);
// sending the same value again changes nothing (imports and pushes are idempotent).
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

/**
 * Records `inputs` inside the caller's transaction (so a batch is all or nothing). A value changed by
 * the team goes back to "declared", since a coach validated the old one.
 */
export async function recordValues(
  tx: Db,
  inputs: readonly ValueInput[],
  by: { userId: string | null; origin: ValueOrigin },
): Promise<RecordSummary> {
  const summary: RecordSummary = { created: 0, updated: 0, unchanged: 0 };
  for (const input of inputs) {
    const existing = await tx.indicatorValue.findUnique({
      where: { indicatorId_periodStart: { indicatorId: input.indicatorId, periodStart: input.periodStart } },
      select: { id: true, value: true },
    });
    if (!existing) {
      await tx.indicatorValue.create({
        data: {
          indicatorId: input.indicatorId,
          periodStart: input.periodStart,
          value: input.value,
          origin: by.origin,
          enteredById: by.userId,
        },
      });
      summary.created += 1;
    } else if (existing.value === input.value) {
      summary.unchanged += 1;
    } else {
      await tx.indicatorValue.update({
        where: { id: existing.id },
        data: {
          value: input.value,
          origin: by.origin,
          enteredById: by.userId,
          status: "declared",
          validatedById: null,
          revisions: {
            create: { oldValue: existing.value, newValue: input.value, reason: input.reason ?? null, changedById: by.userId },
          },
        },
      });
      summary.updated += 1;
    }
  }
  return summary;
}
