// The product forms (creation, and edition by the incubator's staff or by the team), shared by the
// pages that show them and the actions that save them. Who may change what is in
// app/auth/permissions.ts: the team keeps the profile current (pitch, description, links, quality);
// the incubator's staff own everything else (name, address, sponsors, co-incubation, visibility).
import { z } from "zod";
import { checkbox, dayField, optionalText, requiredText, type FormValues } from "~/admin/form-parsing";
import { AccessibilityStatus } from "~/generated/prisma/enums";
import { proposeSlug, SLUG_MAX_LENGTH, SLUG_PATTERN } from "./slugs";

export const PITCH_MAX_LENGTH = 280;
export const DESCRIPTION_MAX_LENGTH = 20_000;

/** Each field's name, for the error summary, the conflict table and the audit journal. */
export const PRODUCT_FIELD_NAMES = {
  name: "Nom",
  slug: "Identifiant",
  pitch: "Pitch",
  description: "Description",
  websiteUrl: "Site du service",
  repositoryUrl: "Code source",
  statsUrl: "Page de statistiques",
  budgetUrl: "Page de budget",
  accessibilityStatus: "Accessibilité",
  securityApproach: "Démarche de sécurité",
  openSource: "Code source ouvert",
  usesDsfr: "Utilise le DSFR",
  sponsorIds: "Sponsors",
  coIncubatorIds: "Co-incubateurs",
  isPublic: "Visible du public",
  phaseStartDate: "Début de l'investigation",
} as const;

/** The fields a product's state is compared on (the conflict table, the audit's list of changes). */
export type ProductField = Exclude<keyof typeof PRODUCT_FIELD_NAMES, "phaseStartDate">;

/** One row of the table shown when an edit is refused because someone saved in the meantime. */
export interface ConflictRow {
  field: ProductField;
  label: string;
  /** The value when the form was loaded, the value now, and the form's (null: not in this form). */
  started: string;
  current: string;
  yours: string | null;
}

/** What the team may change. */
export const PROFILE_FIELDS = [
  "pitch",
  "description",
  "websiteUrl",
  "repositoryUrl",
  "statsUrl",
  "budgetUrl",
  "accessibilityStatus",
  "securityApproach",
  "openSource",
  "usesDsfr",
] as const satisfies readonly ProductField[];

/** The profile's columns, as a Prisma `select` reads them. */
export const PROFILE_SELECT = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, true])) as Record<
  (typeof PROFILE_FIELDS)[number],
  true
>;

/** What only the incubator's staff (and platform admins) may change. */
const STAFF_FIELDS = ["name", "slug", "sponsorIds", "coIncubatorIds", "isPublic"] as const satisfies readonly ProductField[];

/** Every field, in the forms' order. */
export const ALL_FIELDS: readonly ProductField[] = ["name", "slug", ...PROFILE_FIELDS, "sponsorIds", "coIncubatorIds", "isPublic"];

// ---------- Choosing several records ----------

/** The multiple-choice fields: one checkbox per record, named `<field>:<id>` (a form sends each once). */
export type ChoiceField = "sponsorIds" | "coIncubatorIds";

export const choiceName = (field: ChoiceField, id: string) => `${field}:${id}`;

/** The ids checked in a multiple-choice field. */
function checkedIds(values: FormValues, field: ChoiceField): string[] {
  const prefix = `${field}:`;
  return Object.entries(values)
    .filter(([name, value]) => name.startsWith(prefix) && value === "on")
    .map(([name]) => name.slice(prefix.length));
}

/** The submitted form with its checkboxes gathered into lists of ids, as the schemas read it. */
function gatherChoices(values: unknown): unknown {
  if (typeof values !== "object" || values === null) return values;
  const form = values as FormValues;
  return { ...form, sponsorIds: checkedIds(form, "sponsorIds"), coIncubatorIds: checkedIds(form, "coIncubatorIds") };
}

const idList = (message: string) => z.array(z.uuid({ error: message })).max(50, "Choisissez 50 éléments au plus.");

// ---------- Fields ----------

/** Text as browsers send it from a text area (CRLF line ends) is stored with LF line ends. */
const markdownText = z
  .string()
  .default("")
  .transform((text) => text.replace(/\r\n?/g, "\n").trimEnd())
  .pipe(z.string().max(DESCRIPTION_MAX_LENGTH, "Ce texte est trop long : 20 000 caractères au plus."));

const webAddress = (example: string) =>
  optionalText(500).pipe(
    z
      .url({
        protocol: /^https?$/,
        error: `Saisissez une adresse web complète, commençant par https://, par exemple ${example}.`,
      })
      .optional(),
  );

const SLUG_RULE =
  "L'identifiant ne peut contenir que des lettres minuscules sans accent, des chiffres, des points, des tirets bas et des tirets, et doit commencer par une lettre ou un chiffre.";

const SLUG_MISSING = "Indiquez l'identifiant.";

const slugRules = (text: z.ZodString) =>
  text
    .max(SLUG_MAX_LENGTH, `L'identifiant est trop long : ${SLUG_MAX_LENGTH} caractères au plus.`)
    .regex(SLUG_PATTERN, SLUG_RULE);

const profileFields = {
  pitch: requiredText("Indiquez le pitch : en une phrase, le problème que le produit résout et pour qui.", PITCH_MAX_LENGTH),
  description: markdownText,
  websiteUrl: webAddress("https://mon-service.beta.gouv.fr"),
  repositoryUrl: webAddress("https://github.com/betagouv/mon-service"),
  statsUrl: webAddress("https://mon-service.beta.gouv.fr/stats"),
  budgetUrl: webAddress("https://mon-service.beta.gouv.fr/budget"),
  accessibilityStatus: z.enum(AccessibilityStatus, { error: "Choisissez un statut d'accessibilité dans la liste." }),
  securityApproach: optionalText(500),
  openSource: checkbox,
  usesDsfr: checkbox,
};

const staffFields = {
  name: requiredText("Indiquez le nom du produit.", 100),
  sponsorIds: idList("Choisissez les sponsors dans la liste."),
  coIncubatorIds: idList("Choisissez les co-incubateurs dans la liste."),
  isPublic: checkbox,
};

const version = z
  .string({ error: "Ce formulaire est incomplet : rechargez la page, puis saisissez à nouveau vos modifications." })
  .regex(/^[1-9]\d{0,8}$/, "Ce formulaire est incomplet : rechargez la page, puis saisissez à nouveau vos modifications.")
  .transform(Number);

// ---------- The forms ----------

/** Creating a product in an incubator; left empty, the slug is proposed from the name. */
export const ProductCreateSchema = z.preprocess(
  gatherChoices,
  z
    .object({
      ...staffFields,
      ...profileFields,
      slug: z.preprocess(
        (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
        slugRules(z.string().trim()).optional(),
      ),
      phaseStartDate: dayField("Indiquez la date de début de l'investigation, par exemple 2025-03-12."),
    })
    .transform(({ slug, ...input }, ctx) => {
      const chosen = slug ?? proposeSlug(input.name);
      if (chosen === "") {
        ctx.addIssue({
          code: "custom",
          path: ["slug"],
          message: "Indiquez l'identifiant : le nom ne contient aucune lettre ni aucun chiffre pour le proposer.",
        });
      }
      return { ...input, slug: chosen };
    }),
);
export type NewProduct = z.output<typeof ProductCreateSchema>;

/** Every field, for the incubator's staff; `version` is the one the form was loaded at. */
export const ProductEditSchema = z.preprocess(
  gatherChoices,
  z.object({ ...staffFields, ...profileFields, slug: slugRules(z.string({ error: SLUG_MISSING }).trim().min(1, SLUG_MISSING)), version }),
);
export type ProductEdit = z.output<typeof ProductEditSchema>;

/** The profile, for the team. */
export const ProductProfileSchema = z.object({ ...profileFields, version });
export type ProfileEdit = z.output<typeof ProductProfileSchema>;

/**
 * Whether a submitted form names a field only the incubator's staff may change. The team's form has
 * none of them: such a request was written by hand, and is refused rather than half-applied.
 */
export function namesStaffField(values: FormValues): boolean {
  return Object.keys(values).some((name) =>
    (STAFF_FIELDS as readonly string[]).some((field) => name === field || name.startsWith(`${field}:`)),
  );
}

// ---------- A product as a form ----------

/** A product's state, as the forms show it and as edits compare it (id lists sorted). */
export interface ProductState {
  name: string;
  slug: string;
  pitch: string;
  description: string;
  websiteUrl: string | null;
  repositoryUrl: string | null;
  statsUrl: string | null;
  budgetUrl: string | null;
  accessibilityStatus: AccessibilityStatus;
  securityApproach: string | null;
  openSource: boolean;
  usesDsfr: boolean;
  sponsorIds: string[];
  coIncubatorIds: string[];
  isPublic: boolean;
}

/** A product's state as the initial values of a form holding `fields`. */
export function productFormValues(
  state: ProductState,
  productVersion: number,
  fields: readonly ProductField[] = ALL_FIELDS,
): FormValues {
  const values: FormValues = { version: String(productVersion) };
  for (const field of fields) {
    const value = state[field];
    if (Array.isArray(value)) {
      for (const id of value) values[choiceName(field as ChoiceField, id)] = "on";
    } else if (typeof value === "boolean") {
      if (value) values[field] = "on";
    } else {
      values[field] = value ?? "";
    }
  }
  return values;
}
