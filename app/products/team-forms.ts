// The forms of a product's team page: add a member by e-mail, change a membership, end one.
import { z } from "zod";
import {
  checkbox,
  datesInOrder,
  dayField,
  emailAddress,
  optionalDayField,
  optionalText,
  personName,
} from "~/admin/form-parsing";

export const TEAM_FIELD_LABELS: Record<string, string> = {
  name: "Prénom et nom",
  email: "Adresse électronique",
  title: "Fonction dans l'équipe (facultative)",
  startDate: "Date d'arrivée",
  endDate: "Date de départ (facultative)",
  isIntrapreneur: "Intrapreneur ou intrapreneuse",
  isCoach: "Coach du produit",
};

const assignmentId = z.uuid({ error: "Cette personne ne fait pas partie de l'équipe : rechargez la page." });

const memberFields = {
  title: optionalText(100),
  isIntrapreneur: checkbox,
  isCoach: checkbox,
};

const END_MESSAGE = "Indiquez une date de départ valide, ou laissez le champ vide si la participation continue.";

export const TeamActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("add"),
      name: personName,
      email: emailAddress,
      startDate: dayField("Indiquez la date d'arrivée dans l'équipe."),
      ...memberFields,
    }),
    z
      .object({
        intent: z.literal("update"),
        assignmentId,
        // Imported memberships may have no known start: the field may stay empty.
        startDate: optionalDayField("Indiquez une date d'arrivée valide."),
        endDate: optionalDayField(END_MESSAGE),
        ...memberFields,
      })
      .superRefine(datesInOrder("La date de départ doit suivre la date d'arrivée.")),
    z.object({ intent: z.literal("end"), assignmentId }),
  ],
  { error: "Cette action n'existe pas : rechargez la page et réessayez." },
);
export type TeamAction = z.infer<typeof TeamActionSchema>;
