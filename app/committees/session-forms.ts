// The form of a committee session: when and where, who sits (with their seat), and the agenda with
// each product's timebox. Shared by the page and the server; the server then checks what only the
// database knows (accounts behind the addresses, the incubator's products).
import { z } from "zod";
import { checkbox, emailAddress, optionalId, optionalText, requiredText, type FieldErrors, type FormValues } from "~/admin/form-parsing";
import { CommitteeSeat } from "~/generated/prisma/enums";
import { MAX_TIMEBOX_PART } from "./agenda";
import { dateTimeField, hasErrors, mergeErrors, optional, parseRows, rowField } from "./form-rows";

export const MEMBER_LIST = "members";
export const AGENDA_LIST = "agenda";
/** Empty member rows a form offers beyond the members already seated. */
export const EXTRA_MEMBER_ROWS = 4;
/** The dossier deadline, when none is typed: a week before the session, as the doctrine says. */
export const DOSSIER_DAYS_BEFORE = 7;

export const SESSION_FIELD_LABELS: Record<string, string> = {
  title: "Titre de la séance",
  startsAt: "Date et heure (heure de Paris)",
  location: "Lieu (facultatif)",
  videoUrl: "Lien de visioconférence (facultatif)",
  dossierDeadline: "Date limite de dépôt des dossiers (facultatif)",
  chairId: "Présidence de séance (facultatif)",
  proposeAgenda: "Proposer l'ordre du jour",
  addProductId: "Ajouter un produit à l'ordre du jour (facultatif)",
  members: "Membres",
  agenda: "Ordre du jour",
};

const httpUrl = z
  .string()
  .trim()
  .max(500, "Ce lien est trop long : 500 caractères au plus.")
  .pipe(z.url({ protocol: /^https?$/, error: "Saisissez un lien qui commence par https:// (ou http://)." }));

const SessionDetailsSchema = z
  .object({
    title: requiredText("Indiquez le titre de la séance, par exemple « Comité d'investissement de mars »."),
    startsAt: dateTimeField("Indiquez la date et l'heure de la séance."),
    location: optionalText(200),
    videoUrl: optional(httpUrl),
    dossierDeadline: optional(dateTimeField("Indiquez une date et une heure valides, ou laissez le champ vide.")),
    chairId: optionalId("Choisissez la présidence dans la liste."),
    proposeAgenda: checkbox,
    addProductId: optionalId("Choisissez un produit dans la liste."),
  })
  .superRefine((fields, ctx) => {
    if (fields.dossierDeadline && fields.dossierDeadline > fields.startsAt) {
      ctx.addIssue({
        code: "custom",
        path: ["dossierDeadline"],
        message: "Les dossiers doivent être déposés avant la séance : choisissez une date antérieure.",
      });
    }
  });

const MemberRowSchema = z.object({
  email: emailAddress,
  /** Needed only for an address without an account yet: the account is created with this name. */
  name: optionalText(200),
  seat: z.enum(CommitteeSeat, { error: "Choisissez le siège de cette personne." }),
});

const minutes = (part: string) =>
  z.coerce
    .number({ error: `Indiquez la durée de ${part} en minutes.` })
    .int(`Indiquez la durée de ${part} en minutes entières.`)
    .min(0, `La durée de ${part} ne peut pas être négative.`)
    .max(MAX_TIMEBOX_PART, `La durée de ${part} dépasse ${MAX_TIMEBOX_PART} minutes : vérifiez-la.`);

const AgendaRowSchema = z.object({
  productId: z.uuid({ error: "Ce produit n'existe pas ou plus : rechargez la page." }),
  order: z.coerce
    .number({ error: "Indiquez le rang de passage, par exemple 1." })
    .int("Indiquez un rang entier, par exemple 1.")
    .min(1, "Le rang de passage commence à 1.")
    .max(999, "Ce rang est trop grand."),
  presentationMinutes: minutes("présentation"),
  questionsMinutes: minutes("questions"),
  deliberationMinutes: minutes("délibération"),
  remove: checkbox,
});

export type SessionDetails = z.output<typeof SessionDetailsSchema>;
export type MemberInput = z.output<typeof MemberRowSchema> & { index: number };
export type AgendaInput = Omit<z.output<typeof AgendaRowSchema>, "remove">;

export interface SessionForm {
  details: SessionDetails;
  members: MemberInput[];
  /** Null when the form has no agenda section (the creation form proposes one instead). */
  agenda: AgendaInput[] | null;
  /** Products the form asks to take off the agenda. */
  removed: string[];
}

export type ParsedSessionForm =
  | { success: true; data: SessionForm; values: FormValues }
  | { success: false; errors: FieldErrors; values: FormValues };

/** Reads the whole form: details, member rows (a row without an address is empty) and agenda rows. */
export function parseSessionForm(values: FormValues, withAgenda: boolean): ParsedSessionForm {
  const details = SessionDetailsSchema.safeParse(values);
  const detailErrors = details.success ? {} : (z.flattenError(details.error).fieldErrors as FieldErrors);
  const members = parseRows(values, MEMBER_LIST, MemberRowSchema, (row) => (row.email ?? "").trim() === "");
  const seen = new Map<string, number>();
  const duplicateErrors: FieldErrors = {};
  for (const row of members.rows) {
    if (seen.has(row.data.email)) {
      duplicateErrors[rowField(MEMBER_LIST, row.index, "email")] = ["Cette personne figure déjà plus haut dans la liste."];
    }
    seen.set(row.data.email, row.index);
  }
  const agenda = withAgenda ? parseRows(values, AGENDA_LIST, AgendaRowSchema) : { rows: [], errors: {} };
  const errors = mergeErrors(detailErrors, members.errors, duplicateErrors, agenda.errors);
  if (!details.success || hasErrors(errors)) return { success: false, errors, values };
  return {
    success: true,
    values,
    data: {
      details: details.data,
      members: members.rows.map((row) => ({ ...row.data, index: row.index })),
      agenda: withAgenda ? agenda.rows.filter((row) => !row.data.remove).map(({ data: { remove: _remove, ...item } }) => item) : null,
      removed: agenda.rows.filter((row) => row.data.remove).map((row) => row.data.productId),
    },
  };
}

export const ATTENDANCE_PREFIX = "attended.";
export const ATTENDANCE_OPTIONS = [
  { value: "present", label: "Présent·e" },
  { value: "absent", label: "Absent·e" },
];

/** `attended.<member id>` fields: "present", "absent", or empty for not recorded; other names are ignored. */
export function parseAttendance(values: FormValues): Map<string, boolean | null> {
  const attended = new Map<string, boolean | null>();
  for (const [name, value] of Object.entries(values)) {
    if (!name.startsWith(ATTENDANCE_PREFIX)) continue;
    const id = z.uuid().safeParse(name.slice(ATTENDANCE_PREFIX.length));
    if (id.success) attended.set(id.data, value === "present" ? true : value === "absent" ? false : null);
  }
  return attended;
}
