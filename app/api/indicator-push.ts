// The contract of the push API (POST /api/v1/products/<slug>/indicator-values): the body it reads,
// the answers it gives. The zod schemas are the source of the OpenAPI description (app/api/openapi.ts),
// so that the document cannot drift from what the server accepts.
import { z } from "zod";
import { REASON_MAX_LENGTH } from "~/indicators/entry-form";
import type { RawValueRow, RowPlan } from "~/indicators/value-batch";

export const MAX_PUSH_VALUES = 1000;
/** Far above 1,000 values with long reasons, far below what would strain the server. */
export const MAX_PUSH_BYTES = 1024 * 1024;

export const PushValueSchema = z
  .object({
    indicator: z.string().min(1).max(200).meta({
      description: "Le nom de l'indicateur (sans tenir compte des majuscules ni des accents) ou son identifiant.",
      examples: ["Utilisateurs actifs mensuels"],
    }),
    period: z.string().min(1).max(20).meta({
      description:
        "La période : un mois (2026-10), un trimestre (2026-T4 ou 2026-Q4) ou un jour (2026-10-15, 15/10/2026), qui désigne la période qui le contient selon la fréquence de l'indicateur. Une période à venir est refusée.",
      examples: ["2026-10"],
    }),
    value: z.number().meta({ description: "La valeur, en nombre JSON.", examples: [1234.5] }),
    reason: z
      .string()
      .max(REASON_MAX_LENGTH)
      .optional()
      .meta({ description: "Pourquoi une valeur déjà enregistrée change (conservé dans l'historique des révisions)." }),
  })
  .strict()
  .meta({ description: "Une valeur d'un indicateur pour une période." });

export const PushBodySchema = z
  .object({
    values: z.array(PushValueSchema).min(1).max(MAX_PUSH_VALUES).meta({ description: `De 1 à ${MAX_PUSH_VALUES} valeurs.` }),
  })
  .strict()
  .meta({ description: "Un lot de valeurs, enregistré en entier ou pas du tout." });

export type PushBody = z.output<typeof PushBodySchema>;

const count = (description: string) => z.number().int().min(0).meta({ description });

export const PushResultSchema = z
  .object({
    created: count("Valeurs enregistrées pour une période qui n'en avait pas."),
    updated: count("Valeurs qui remplacent une valeur différente (l'ancienne est gardée comme révision)."),
    unchanged: count("Valeurs identiques à celles déjà enregistrées : rien n'a changé."),
  })
  .strict()
  .meta({ description: "Ce que le lot a changé. Renvoyer le même lot donne 0 créée, 0 modifiée." });

export type PushResult = z.output<typeof PushResultSchema>;

export const ApiErrorSchema = z
  .object({
    error: z.string().meta({ description: "Le problème, en français." }),
    details: z
      .array(
        z
          .object({
            path: z.string().optional().meta({ description: "Le champ en cause, par exemple values[3].period.", examples: ["values[3].period"] }),
            message: z.string(),
          })
          .strict(),
      )
      .optional()
      .meta({ description: "Un message par champ en cause." }),
  })
  .strict()
  .meta({ description: "Toute réponse d'erreur de l'API." });

export type ApiError = z.output<typeof ApiErrorSchema>;
export type ErrorDetail = NonNullable<ApiError["details"]>[number];

/** "values[3].period" for the path ["values", 3, "period"]. */
export function detailPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i > 0 ? "." : ""}${String(key)}`)).join("");
}

const TYPE_NAMES: Record<string, string> = { string: "un texte", number: "un nombre", object: "un objet", array: "une liste" };

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "Champ obligatoire." : `Ce champ doit être ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case "too_small":
      return issue.origin === "array" ? "Envoyez au moins une valeur." : "Ce champ ne peut pas être vide.";
    case "too_big":
      return issue.origin === "array"
        ? `${MAX_PUSH_VALUES.toLocaleString("fr-FR")} valeurs au plus par requête.`
        : `${issue.maximum} caractères au plus.`;
    case "unrecognized_keys":
      return `Champ${issue.keys.length > 1 ? "s" : ""} inconnu${issue.keys.length > 1 ? "s" : ""} : ${issue.keys.join(", ")}.`;
    default:
      return "Valeur non valide.";
  }
}

/** One detail per problem of a body that does not match the schema (parsed with `reportInput`). */
export function schemaDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: detailPath(issue.path), message: issueMessage(issue) }));
}

/** The body's values, as the batch check reads them (their position is their index). */
export function pushRows(body: PushBody): RawValueRow[] {
  return body.values.map((v, index) => ({ position: index, indicator: v.indicator, period: v.period, value: v.value, reason: v.reason }));
}

export const describeItem = (index: number) => `values[${index}]`;

/** The errors of planned rows, as details. */
export function rowDetails(rows: ReadonlyArray<{ position: number; plan: RowPlan }>): ErrorDetail[] {
  return rows.flatMap(({ position, plan }) =>
    plan.kind === "error" ? plan.errors.map((e) => ({ path: `${describeItem(position)}.${e.field}`, message: e.message })) : [],
  );
}
