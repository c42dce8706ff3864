// The forms of the platform's structures: ministries, organisations and incubators. Shared by the
// pages that show them and the actions that save them.
import { z } from "zod";
import { OrganisationType } from "~/generated/prisma/enums";
import { optionalId, optionalText, requiredText } from "./form-parsing";

/** Slugs appear in addresses: lower-case letters, digits, dots and hyphens. */
const slug = requiredText("Indiquez l'identifiant.", 100).regex(
  /^[a-z0-9][a-z0-9.-]*$/,
  "L'identifiant ne peut contenir que des lettres minuscules sans accent, des chiffres, des points et des tirets, et doit commencer par une lettre ou un chiffre.",
);

const ministryId = optionalId("Choisissez un ministère dans la liste.");

export const MinistrySchema = z.object({
  slug,
  name: requiredText("Indiquez le nom du ministère."),
  shortName: requiredText("Indiquez le nom court du ministère.", 100),
});
export type MinistryInput = z.infer<typeof MinistrySchema>;

export const OrganisationSchema = z.object({
  slug,
  name: requiredText("Indiquez le nom de l'organisation."),
  acronym: optionalText(30),
  type: z.enum(OrganisationType, { error: "Choisissez un type d'organisation dans la liste." }),
  ministerialDomain: optionalText(),
  ministryId,
});
export type OrganisationInput = z.infer<typeof OrganisationSchema>;

export const IncubatorSchema = z.object({
  slug,
  name: requiredText("Indiquez le nom de l'incubateur."),
  description: optionalText(2000),
  website: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .url({
        protocol: /^https?$/,
        error: "Saisissez une adresse web complète, par exemple https://incubateur.gouv.fr.",
      })
      .max(500, "Cette adresse est trop longue : 500 caractères au plus.")
      .optional(),
  ),
  ministryId,
  ownerOrganisationId: optionalId("Choisissez une organisation dans la liste."),
  reviewIntervalMonths: z.coerce
    .number({ error: "Indiquez un nombre de mois entre 1 et 24." })
    .int("Indiquez un nombre entier de mois entre 1 et 24.")
    .min(1, "Indiquez un nombre de mois entre 1 et 24.")
    .max(24, "Indiquez un nombre de mois entre 1 et 24."),
});
export type IncubatorInput = z.infer<typeof IncubatorSchema>;
