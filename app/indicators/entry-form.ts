// The entry screen's form: one number field per indicator and period, named after both, and beside an
// existing value the reason of its change. The fields depend on the product's indicators, so the
// schema is built for the fields the screen shows.
import { z } from "zod";
import { optionalText } from "~/admin/form-parsing";
import { isoDay } from "~/domain/days";
import { optionalNumber } from "./indicator-form";

export const REASON_MAX_LENGTH = 500;

/** "valeur-<indicator id>-2026-10-01". */
export const valueField = (indicatorId: string, periodStart: Date) => `valeur-${indicatorId}-${isoDay(periodStart)}`;

/** "raison-<indicator id>-2026-10-01". */
export const reasonField = (indicatorId: string, periodStart: Date) => `raison-${indicatorId}-${isoDay(periodStart)}`;

const periode = z.string({ error: "La période manque : rechargez la page." });

export const EntryActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enter"), periode }),
  z.object({
    intent: z.literal("validate"),
    periode,
    /** A value's id, or "all" for every declared value of the screen. */
    valider: z.union([z.literal("all"), z.uuid()], { error: "Choisissez la valeur à valider." }),
    /** When the page was shown: only values seen then are validated. */
    shownAt: z.iso.datetime({ error: "Rechargez la page avant de valider." }).transform((text) => new Date(text)),
  }),
], { error: "Cette action n'existe pas : rechargez la page." });

// Built once and shared by every field: a zod schema costs more to build than to run.
const optionalReason = optionalText(REASON_MAX_LENGTH);

/** The schema of a screen's fields: an optional number and an optional reason per indicator and period. */
export function entryFieldsSchema(slots: readonly { indicatorId: string; periodStart: Date }[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const slot of slots) {
    shape[valueField(slot.indicatorId, slot.periodStart)] = optionalNumber;
    shape[reasonField(slot.indicatorId, slot.periodStart)] = optionalReason;
  }
  return z.object(shape);
}

const count = (n: number, singular: string, plural: string) => `${n} ${n > 1 ? plural : singular}`;

/** "12 valeurs enregistrées, 2 modifiées", after a save. */
export function entrySummaryMessage(summary: { created: number; updated: number }): string {
  const { created, updated } = summary;
  if (created === 0 && updated === 0) return "Aucune valeur n'a changé.";
  if (created === 0) return `${count(updated, "valeur modifiée", "valeurs modifiées")}.`;
  const recorded = count(created, "valeur enregistrée", "valeurs enregistrées");
  return updated === 0 ? `${recorded}.` : `${recorded}, ${count(updated, "modifiée", "modifiées")}.`;
}
