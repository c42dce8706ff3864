// The team's own part of a committee dossier: what the doctrine asks them to write (the problem, the
// strategy of the past six months, results, learnings, a demo, the next six months, the ask, the
// blockers). One schema reads the form (a draft may be incomplete; a submission must answer what the
// committee decides on), another reads what is stored in `Dossier.sections` and in snapshots.
import { z } from "zod";
import { parseLocaleNumber } from "~/domain/numbers";
import { webUrl } from "~/ui/web-url";

export const LONG_TEXT_MAX = 5000;
export const SHORT_TEXT_MAX = 1000;
export const URL_MAX = 500;
/** Larger than any envelope a committee grants: a typo, not a budget. */
export const BUDGET_MAX = 100_000_000;

/** The sections, in the order the form and the dossier show them. */
export const SECTION_FIELDS = [
  "problem",
  "pastStrategy",
  "results",
  "learnings",
  "demoUrl",
  "nextStrategy",
  "askTeam",
  "askBudgetEuros",
  "askHypotheses",
  "askSuccessCriteria",
  "blockers",
] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];

export const SECTION_LABELS: Record<SectionField, string> = {
  problem: "Le problème et ses conséquences",
  pastStrategy: "Stratégie des six derniers mois",
  results: "Résultats obtenus",
  learnings: "Apprentissages et difficultés",
  demoUrl: "Lien de démonstration",
  nextStrategy: "Stratégie pour les six prochains mois",
  askTeam: "Taille et profils de l'équipe demandés",
  askBudgetEuros: "Enveloppe budgétaire pour six mois (en euros)",
  askHypotheses: "Hypothèses à valider",
  askSuccessCriteria: "Critères de réussite à six mois",
  blockers: "Points de blocage à arbitrer",
};

export const SECTION_HINTS: Record<SectionField, string> = {
  problem: "Qui rencontre ce problème, à quelle fréquence, ce qu'il coûte aux usagers et à l'administration.",
  pastStrategy: "Ce que vous aviez prévu de faire depuis le dernier comité, et ce que vous avez fait.",
  results: "Ce que vous avez obtenu, chiffres à l'appui : le comité le compare aux objectifs fixés au comité précédent.",
  learnings: "Ce que vous avez appris, ce qui n'a pas marché, ce qui vous a freinés.",
  demoUrl: "Une adresse commençant par https://, par exemple celle du service ou d'une vidéo de démonstration (facultatif).",
  nextStrategy: "Ce que vous ferez dans les six prochains mois, et pourquoi.",
  askTeam: "Par exemple : « 1 développeuse, 1 designer, 1 chargé de déploiement à mi-temps ».",
  askBudgetEuros: "Le montant demandé pour les six prochains mois, par exemple 250 000.",
  askHypotheses: "Ce que les six prochains mois doivent confirmer ou infirmer.",
  askSuccessCriteria: "Quantitatifs et qualitatifs : ils serviront de référence au prochain comité.",
  blockers: "Les décisions que vous attendez du comité ou de votre administration (facultatif).",
};

/** What a submission cannot go without, each with what to write. */
const REQUIRED_FOR_SUBMISSION: Partial<Record<SectionField, string>> = {
  problem: "Décrivez le problème et ses conséquences pour déposer le dossier.",
  results: "Décrivez les résultats obtenus pour déposer le dossier.",
  nextStrategy: "Décrivez la stratégie des six prochains mois pour déposer le dossier.",
  askTeam: "Indiquez la taille et les profils de l'équipe demandés pour déposer le dossier.",
  askBudgetEuros: "Indiquez l'enveloppe budgétaire demandée pour déposer le dossier.",
  askSuccessCriteria: "Indiquez les critères de réussite à six mois pour déposer le dossier.",
};

const tooLong = (max: number) => `Ce texte est trop long : ${max} caractères au plus.`;
const text = (max: number) => z.string().trim().max(max, tooLong(max)).default("");

const BAD_URL = "Saisissez une adresse web commençant par https:// ou http://, par exemple https://demo.beta.gouv.fr.";
const BAD_AMOUNT = "Saisissez un montant en euros, sans symbole, par exemple 250 000.";

/** The sections as stored: every text present ("" when not written), the budget in euros or null. */
export const DossierSectionsSchema = z.object({
  problem: z.string().default(""),
  pastStrategy: z.string().default(""),
  results: z.string().default(""),
  learnings: z.string().default(""),
  demoUrl: z.string().default(""),
  nextStrategy: z.string().default(""),
  askTeam: z.string().default(""),
  askBudgetEuros: z.number().nonnegative().nullable().default(null),
  askHypotheses: z.string().default(""),
  askSuccessCriteria: z.string().default(""),
  blockers: z.string().default(""),
});
export type DossierSections = z.output<typeof DossierSectionsSchema>;

export const EMPTY_SECTIONS: DossierSections = DossierSectionsSchema.parse({});

/** Reads `Dossier.sections`: a row written by another version of Jalon fails loudly, not silently. */
export function readSections(stored: unknown): DossierSections {
  return DossierSectionsSchema.parse(stored ?? {});
}

export const DOSSIER_INTENTS = ["save", "submit"] as const;
export type DossierIntent = (typeof DOSSIER_INTENTS)[number];

/** The form of the draft: `intent` says whether to keep it as a draft or submit it to the committee. */
export const DossierFormSchema = z
  .object({
    intent: z.enum(DOSSIER_INTENTS, { error: "Choisissez d'enregistrer le brouillon ou de déposer le dossier." }),
    problem: text(LONG_TEXT_MAX),
    pastStrategy: text(LONG_TEXT_MAX),
    results: text(LONG_TEXT_MAX),
    learnings: text(LONG_TEXT_MAX),
    demoUrl: z
      .string()
      .trim()
      .max(URL_MAX, tooLong(URL_MAX))
      .refine((value) => value === "" || webUrl(value) !== null, BAD_URL)
      .default(""),
    nextStrategy: text(LONG_TEXT_MAX),
    askTeam: text(SHORT_TEXT_MAX),
    askBudgetEuros: z
      .string()
      .trim()
      .default("")
      .transform((value, ctx) => {
        if (value === "") return null;
        const amount = parseLocaleNumber(value.replace(/\s*€$/, ""));
        if (amount === null || amount < 0) {
          ctx.addIssue({ code: "custom", message: BAD_AMOUNT });
          return z.NEVER;
        }
        if (amount > BUDGET_MAX) {
          ctx.addIssue({ code: "custom", message: "Ce montant dépasse 100 millions d'euros : vérifiez-le." });
          return z.NEVER;
        }
        return Math.round(amount * 100) / 100;
      }),
    askHypotheses: text(LONG_TEXT_MAX),
    askSuccessCriteria: text(LONG_TEXT_MAX),
    blockers: text(LONG_TEXT_MAX),
  })
  .superRefine(
    (form, ctx) => {
      if (form.intent !== "submit") return;
      for (const [field, message] of Object.entries(REQUIRED_FOR_SUBMISSION)) {
        const value = form[field as SectionField];
        if (value === "" || value === null) ctx.addIssue({ code: "custom", path: [field], message });
      }
    },
    // Said together with the other fields' errors, not once they are fixed.
    { when: ({ value }) => typeof value === "object" && value !== null },
  )
  .transform(({ intent, ...sections }) => ({ intent, sections: sections satisfies DossierSections }));
export type DossierForm = z.output<typeof DossierFormSchema>;

/** Labels of the form's fields, for the summary of errors. */
export const DOSSIER_FORM_LABELS: Record<string, string> = { ...SECTION_LABELS };

/** The stored sections as the form's initial values (amounts without grouping, as typed). */
export function sectionsFormValues(sections: DossierSections): Record<SectionField, string> {
  const values = {} as Record<SectionField, string>;
  for (const field of SECTION_FIELDS) {
    const value = sections[field];
    // An amount as typed in French, without grouping, so that sending the form back changes nothing.
    values[field] = value === null ? "" : typeof value === "number" ? String(value).replace(".", ",") : value;
  }
  return values;
}

/** Whether two versions of the sections say the same. */
export function sameSections(a: DossierSections, b: DossierSections): boolean {
  return SECTION_FIELDS.every((field) => a[field] === b[field]);
}
