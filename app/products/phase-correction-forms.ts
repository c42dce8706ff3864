// The forms of the phase history page: edit an entry, add a missing phase, delete a wrong entry.
// Each carries its reason, kept in the audit log; the resulting history is checked on the server
// (phase-corrections.ts), the dates already here.
import { z } from "zod";
import { datesInOrder, dayField, optionalDayField, optionalText } from "~/admin/form-parsing";
import { PHASES } from "~/domain/phases";
import type { PhaseCorrection } from "./phase-corrections";

export const REASON_MIN_LENGTH = 10;

const REASON = `Indiquez le motif de la correction, en ${REASON_MIN_LENGTH} caractères au moins : il est conservé dans le journal.`;

export const CORRECTION_FIELD_LABELS: Record<string, string> = {
  phase: "Phase",
  startDate: "Date de début",
  endDate: "Date de fin (facultative)",
  comment: "Commentaire (facultatif)",
  reason: "Motif de la correction",
};

const reason = z
  .string({ error: REASON })
  .trim()
  .min(REASON_MIN_LENGTH, REASON)
  .max(1000, "Ce texte est trop long : 1000 caractères au plus.");

const entryId = z.uuid({ error: "Cette phase n'existe pas ou plus : rechargez la page." });

const entryFields = {
  startDate: dayField("Indiquez la date de début de la phase."),
  endDate: optionalDayField("Indiquez une date de fin valide, ou laissez le champ vide si la phase est en cours."),
  comment: optionalText(1000),
};

const endAfterStart = datesInOrder("La date de fin doit suivre la date de début.");

export const PhaseCorrectionSchema = z
  .discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("edit"), entryId, ...entryFields, reason }).superRefine(endAfterStart),
      z
        .object({
          intent: z.literal("add"),
          phase: z.enum(PHASES, { error: "Choisissez une phase dans la liste." }),
          ...entryFields,
          reason,
        })
        .superRefine(endAfterStart),
      z.object({ intent: z.literal("delete"), entryId, reason }),
    ],
    { error: "Cette action n'existe pas : rechargez la page et réessayez." },
  )
  .transform((form): { correction: PhaseCorrection; reason: string } => {
    switch (form.intent) {
      case "delete":
        return { correction: { kind: "delete", entryId: form.entryId }, reason: form.reason };
      case "edit":
      case "add": {
        const fields = { startDate: form.startDate, endDate: form.endDate ?? null, comment: form.comment ?? null };
        const correction: PhaseCorrection =
          form.intent === "edit"
            ? { kind: "edit", entryId: form.entryId, ...fields }
            : { kind: "add", phase: form.phase, ...fields };
        return { correction, reason: form.reason };
      }
    }
  });
