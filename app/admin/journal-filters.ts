// The journal's address: `?action=role&page=2`. One schema for the loader and the filter form.
import { z } from "zod";

export const JOURNAL_PAGE_SIZE = 50;

export const JournalFiltersSchema = z.object({
  // A category ("role") or a whole action code ("role.revoked").
  action: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)?$/, "Ce type d'action n'existe pas : choisissez-en un dans la liste.")
      .optional(),
  ),
  page: z.coerce
    .number({ error: "Le numéro de page doit être un nombre entier." })
    .int("Le numéro de page doit être un nombre entier.")
    .min(1, "Le numéro de page commence à 1.")
    .default(1),
});
export type JournalFilters = z.infer<typeof JournalFiltersSchema>;
