// The envelope form, shared by the page that creates an envelope and the one that edits it: one zod
// schema, French messages by field. Amounts are read exactly (app/domain/money.ts `parseEuros`).
import { z } from "zod";
import { asFormValues, dayField, optionalText } from "~/admin/form-parsing";
import { isoDay } from "~/domain/days";
import { centsToDecimal, parseEuros, toCents } from "~/domain/money";
import { ENVELOPE_STATUS_LABELS, FUNDING_ORIGIN_LABELS } from "~/domain/labels";
import { EnvelopeStatus, FundingOrigin } from "~/generated/prisma/enums";

export const ENVELOPE_FIELD_LABELS = {
  financeur: "Financeur",
  montant: "Montant, en euros",
  debut: "Début de la période financée",
  fin: "Fin de la période financée",
  origine: "Origine des fonds",
  statut: "Statut",
  commentaire: "Commentaire (facultatif)",
} as const;

const AMOUNT = "Indiquez un montant en euros, positif, avec deux décimales au plus, par exemple 250 000 ou 12 500,50.";

/** Budgets are voted a few years ahead at most. */
const YEARS_AHEAD = 3;

export const EnvelopeSchema = z
  .object({
    financeur: z.uuid({ error: "Choisissez le financeur dans la liste." }),
    montant: z.string({ error: AMOUNT }).transform((text, ctx) => {
      const cents = parseEuros(text);
      if (cents === null) ctx.addIssue({ code: "custom", message: AMOUNT });
      return cents ?? z.NEVER;
    }),
    debut: dayField("Indiquez la date de début, par exemple 2026-01-01.", { yearsAhead: YEARS_AHEAD }),
    fin: dayField("Indiquez la date de fin, par exemple 2026-06-30.", { yearsAhead: YEARS_AHEAD }),
    origine: z.enum(FundingOrigin, { error: "Choisissez l'origine des fonds dans la liste." }),
    statut: z.enum(EnvelopeStatus, { error: "Choisissez le statut dans la liste." }),
    commentaire: optionalText(500),
  })
  .superRefine((f, ctx) => {
    if (f.fin < f.debut) ctx.addIssue({ code: "custom", path: ["fin"], message: "La fin de la période doit suivre son début." });
  })
  .transform((f) => ({
    funderId: f.financeur,
    cents: f.montant,
    startDate: f.debut,
    endDate: f.fin,
    origin: f.origine,
    status: f.statut,
    comment: f.commentaire ?? null,
  }));

const VERSION = "Version illisible : rechargez la page.";

/** An edit also names the version of the envelope it was loaded at. */
export const EnvelopeEditSchema = z
  .object({ version: z.string({ error: VERSION }).regex(/^\d{1,9}$/, VERSION).transform(Number) })
  .and(EnvelopeSchema);

export const ORIGIN_OPTIONS = Object.entries(FUNDING_ORIGIN_LABELS).map(([value, label]) => ({ value, label }));
export const STATUS_OPTIONS = Object.entries(ENVELOPE_STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** A stored envelope as the edit form's values. */
export function envelopeFormValues(envelope: {
  funderId: string;
  amount: { toString(): string };
  startDate: Date;
  endDate: Date;
  origin: string;
  status: string;
  comment: string | null;
  version: number;
}) {
  return asFormValues({
    financeur: envelope.funderId,
    // "250000.00" reads back as 250 000,00 €: the decimal point is accepted by `parseEuros`.
    montant: centsToDecimal(toCents(envelope.amount)),
    debut: isoDay(envelope.startDate),
    fin: isoDay(envelope.endDate),
    origine: envelope.origin,
    statut: envelope.status,
    commentaire: envelope.comment,
    version: envelope.version,
  });
}
