// The entry screen of one product and one month: every active indicator's value for the period(s) the
// month covers (see app/domain/entry-periods.ts), the previous period's value beside it, and the
// coaches' validation. Values are written by `recordValues` only, in one transaction per save: a
// single bad field and nothing is written.
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { recordAudit } from "~/audit/audit-log.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { isoDay } from "~/domain/days";
import { entryPeriods, monthKey, previousPeriodStart } from "~/domain/entry-periods";
import { compareIndicators } from "~/domain/impact-matrix";
import type { Db } from "~/db/seed/factories.server";
import { Prisma } from "~/generated/prisma/client";
import { Frequency, type ValueStatus } from "~/generated/prisma/enums";
import { lockProduct, type ProductAccess } from "~/products/product-access.server";
import { entryFieldsSchema, reasonField, valueField } from "./entry-form";
import { issuesByField } from "./indicator-form";
import { recordValues, valueKey, type RecordSummary, type ValueInput } from "./values.server";

interface Slot {
  indicatorId: string;
  periodStart: Date;
}

/** The product's active indicators and the periods the month's screen asks each of them for. */
async function screenSlots(client: Db, productId: string, month: Date) {
  const indicators = await client.indicator.findMany({
    where: { productId, archivedAt: null },
    select: { id: true, name: true, unit: true, level: true, kind: true, matrixCode: true, frequency: true },
  });
  indicators.sort(compareIndicators);
  return { indicators, slots: slotsOf(indicators, month) };
}

/** The periods a screen of `month` shows for each indicator: one to several, by its frequency. */
function slotsOf(indicators: readonly { id: string; frequency: Frequency }[], month: Date): Slot[] {
  return indicators.flatMap((indicator) =>
    entryPeriods(month, indicator.frequency).map((periodStart) => ({ indicatorId: indicator.id, periodStart })),
  );
}

const valueSelect = {
  id: true,
  indicatorId: true,
  periodStart: true,
  value: true,
  status: true,
  updatedAt: true,
  enteredBy: { select: { name: true } },
  validatedBy: { select: { name: true } },
  revisions: {
    select: { id: true, oldValue: true, newValue: true, reason: true, changedAt: true, changedBy: { select: { name: true } } },
    orderBy: { changedAt: "desc" },
  },
} as const;

/** What the entry screen of `month` shows. */
export async function loadEntryPage(access: ProductAccess, month: Date) {
  const { indicators } = await screenSlots(db(), access.product.id, month);
  const screen = indicators.map((indicator) => ({
    indicator,
    periods: entryPeriods(month, indicator.frequency).map((periodStart) => ({
      periodStart,
      previousStart: previousPeriodStart(periodStart, indicator.frequency),
    })),
  }));
  const dates = new Set(screen.flatMap(({ periods }) => periods.flatMap((p) => [p.periodStart.getTime(), p.previousStart.getTime()])));
  const values = await db().indicatorValue.findMany({
    where: { indicatorId: { in: indicators.map((i) => i.id) }, periodStart: { in: [...dates].map((t) => new Date(t)) } },
    select: valueSelect,
  });
  const byKey = new Map(values.map((value) => [valueKey(value.indicatorId, value.periodStart), value]));
  return {
    mayValidate: can(access.viewer, "indicator.validate", access.scope),
    // Validating "every value" then covers only the values this page showed.
    shownAt: new Date(),
    indicators: screen.map(({ indicator, periods }) => ({
      ...indicator,
      periods: periods.map(({ periodStart, previousStart }) => ({
        periodStart,
        valueField: valueField(indicator.id, periodStart),
        reasonField: reasonField(indicator.id, periodStart),
        current: byKey.get(valueKey(indicator.id, periodStart)) ?? null,
        previous: { periodStart: previousStart, value: byKey.get(valueKey(indicator.id, previousStart))?.value ?? null },
      })),
    })),
  };
}

/**
 * What a save checks against, in one query: the screen's slots (as `screenSlots` finds them) and the
 * values recorded in them. Values are read for every period a screen of `month` may show, whatever the
 * frequency, then kept for the slots.
 */
async function recordedSlots(tx: Db, productId: string, month: Date) {
  const starts = [...new Set(Object.values(Frequency).flatMap((frequency) => entryPeriods(month, frequency).map(isoDay)))];
  // One row per indicator and recorded value (one with a null value for an indicator without any).
  const rows = await tx.$queryRaw<
    { indicatorId: string; frequency: Frequency; id: string | null; periodStart: Date | null; value: number | null; status: ValueStatus | null }[]
  >`
    SELECT i.id AS "indicatorId", i.frequency::text AS frequency, v.id, v."periodStart", v.value, v.status::text AS status
    FROM "Indicator" i
    LEFT JOIN "IndicatorValue" v ON v."indicatorId" = i.id AND v."periodStart" IN (${Prisma.join(starts.map((start) => Prisma.sql`${start}::date`))})
    WHERE i."productId" = ${productId}::uuid AND i."archivedAt" IS NULL`;
  const frequencies = new Map(rows.map((row) => [row.indicatorId, row.frequency]));
  const slots = slotsOf([...frequencies].map(([id, frequency]) => ({ id, frequency })), month);
  const onScreen = new Set(slots.map((slot) => valueKey(slot.indicatorId, slot.periodStart)));
  const recorded = rows.flatMap(({ indicatorId, id, periodStart, value, status }) =>
    id !== null && periodStart !== null && value !== null && status !== null && onScreen.has(valueKey(indicatorId, periodStart))
      ? [{ id, indicatorId, periodStart, value, status }]
      : [],
  );
  return { slots, recorded };
}

export type EntryResult = { ok: true; summary: RecordSummary } | { ok: false; errors: FieldErrors };

const CLEARED = "Une valeur enregistrée ne peut pas être effacée : corrigez-la, ou remettez la valeur précédente.";
const REASON_REQUIRED = "Cette valeur avait été validée : indiquez la raison de sa modification.";

/**
 * Records the screen's values for `month`. An empty field means "no value"; a field the form did not
 * send (an indicator added since the page was shown) is ignored. Changing a value keeps the old one as a
 * revision, with the reason typed beside it: required when the old value had been validated, optional
 * otherwise. All or nothing: any error and nothing is written.
 */
export async function saveEntries(actorId: string, productId: string, month: Date, fields: FormValues): Promise<EntryResult> {
  return db().$transaction(async (tx): Promise<EntryResult> => {
    await lockProduct(tx, productId);
    const { slots, recorded: existing } = await recordedSlots(tx, productId, month);
    const parsed = entryFieldsSchema(slots).safeParse(fields);
    if (!parsed.success) return { ok: false, errors: issuesByField(parsed.error) };
    const typed = parsed.data as Record<string, number | string | undefined>;
    const existingByKey = new Map(existing.map((value) => [valueKey(value.indicatorId, value.periodStart), value]));

    const errors: FieldErrors = {};
    const inputs: ValueInput[] = [];
    for (const slot of slots) {
      const name = valueField(slot.indicatorId, slot.periodStart);
      if (!(name in fields)) continue;
      const value = typed[name] as number | undefined;
      const reason = typed[reasonField(slot.indicatorId, slot.periodStart)] as string | undefined;
      const before = existingByKey.get(valueKey(slot.indicatorId, slot.periodStart));
      if (value === undefined) {
        if (before) errors[name] = [CLEARED];
        continue;
      }
      if (before && before.value !== value && before.status === "validated" && !reason) {
        errors[reasonField(slot.indicatorId, slot.periodStart)] = [REASON_REQUIRED];
        continue;
      }
      inputs.push({ indicatorId: slot.indicatorId, periodStart: slot.periodStart, value, reason });
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const summary = await recordValues(tx, inputs, { userId: actorId, origin: "form" }, existing);
    if (summary.created + summary.updated > 0) {
      await recordAudit(tx, {
        actorId,
        action: "indicator.values_entered",
        entityType: "Product",
        entityId: productId,
        data: { period: monthKey(month), ...summary },
      });
    }
    return { ok: true, summary };
  });
}

export type ValidationResult = { ok: true; count: number } | { ok: false; message: string };

/**
 * Validates one declared value of the product (`which` its id), or every declared value of the month's
 * screen ("all"), as it stood when the page was shown (`shownAt`): a value changed since then is
 * left for the coach to look at again.
 */
export async function validateValues(
  actorId: string,
  productId: string,
  month: Date,
  which: "all" | string,
  shownAt: Date,
): Promise<ValidationResult> {
  return db().$transaction(async (tx): Promise<ValidationResult> => {
    await lockProduct(tx, productId);
    let ids: string[];
    if (which === "all") {
      const { slots } = await screenSlots(tx, productId, month);
      const onScreen = new Set(slots.map((slot) => valueKey(slot.indicatorId, slot.periodStart)));
      const declared = await tx.indicatorValue.findMany({
        where: {
          indicatorId: { in: slots.map((s) => s.indicatorId) },
          periodStart: { in: slots.map((s) => s.periodStart) },
          status: "declared",
          updatedAt: { lte: shownAt },
        },
        select: { id: true, indicatorId: true, periodStart: true },
      });
      ids = declared.filter((value) => onScreen.has(valueKey(value.indicatorId, value.periodStart))).map((value) => value.id);
    } else {
      const value = await tx.indicatorValue.findFirst({
        where: { id: which, indicator: { productId } },
        select: { id: true, status: true, updatedAt: true },
      });
      if (!value) return { ok: false, message: "Cette valeur n'existe plus : rechargez la page." };
      if (value.updatedAt > shownAt) {
        return { ok: false, message: "Cette valeur a été modifiée depuis l'affichage de la page : vérifiez-la avant de la valider." };
      }
      ids = value.status === "declared" ? [value.id] : [];
    }
    if (ids.length === 0) return { ok: true, count: 0 };
    await tx.indicatorValue.updateMany({ where: { id: { in: ids } }, data: { status: "validated", validatedById: actorId } });
    await recordAudit(tx, {
      actorId,
      action: "indicator.values_validated",
      entityType: "Product",
      entityId: productId,
      data: { period: monthKey(month), valueIds: ids },
    });
    return { ok: true, count: ids.length };
  });
}
