// The OpenAPI 3.1 description of Jalon's API, served at /api/v1/openapi.json. Schemas are generated
// from the zod schemas the server validates with; the examples are checked against them by a test.
import { componentSchemas, schemaRef } from "./openapi-components";
import { ApiErrorSchema, MAX_PUSH_BYTES, MAX_PUSH_VALUES, PushBodySchema, PushResultSchema, PushValueSchema } from "./indicator-push";



/** Request bodies that the API accepts: each is checked against PushBodySchema by a test. */
export const PUSH_EXAMPLES = {
  mensuel: {
    summary: "Valeurs mensuelles",
    value: {
      values: [
        { indicator: "Utilisateurs actifs mensuels", period: "2026-10", value: 1234.5 },
        { indicator: "Utilisateurs actifs mensuels", period: "2026-09", value: 1180 },
      ],
    },
  },
  correction: {
    summary: "Une valeur trimestrielle corrigée, avec sa raison",
    value: {
      values: [{ indicator: "Taux de satisfaction", period: "2026-T3", value: 82, reason: "Réponses tardives de septembre ajoutées" }],
    },
  },
} as const;

/** Answers of the API: checked against their schemas by a test. */
export const RESULT_EXAMPLES = {
  premierEnvoi: { summary: "Premier envoi", value: { created: 2, updated: 0, unchanged: 0 } },
  memeEnvoi: { summary: "Le même lot renvoyé", value: { created: 0, updated: 0, unchanged: 2 } },
} as const;

export const ERROR_EXAMPLES = {
  400: {
    summary: "Valeurs refusées",
    value: {
      error: "Des valeurs sont refusées : aucune n'a été enregistrée.",
      details: [
        { path: "values[0].indicator", message: "Indicateur inconnu : « Utilisateurs actifs » ne désigne aucun indicateur de ce produit." },
        { path: "values[1].period", message: "Période à venir (2031-01) : une valeur se déclare une fois sa période commencée." },
      ],
    },
  },
  401: { summary: "Jeton manquant", value: { error: "Jeton manquant : envoyez l'en-tête « Authorization: Bearer <jeton> » avec un jeton API du produit." } },
  403: { summary: "Jeton d'un autre produit", value: { error: "Ce jeton appartient à un autre produit : utilisez un jeton créé pour celui-ci." } },
  404: { summary: "Produit inconnu", value: { error: "Produit introuvable : aucun produit n'a l'adresse « mon-produit »." } },
  405: { summary: "Méthode autre que POST", value: { error: "Méthode non permise : envoyez les valeurs en POST." } },
  409: { summary: "Envois simultanés", value: { error: "Des valeurs de ce lot ont été enregistrées en même temps par un autre envoi : renvoyez la requête." } },
  413: { summary: "Lot trop grand", value: { error: `Trop de valeurs : ${MAX_PUSH_VALUES.toLocaleString("fr-FR")} au plus par requête. Découpez l'envoi en plusieurs lots.` } },
  415: { summary: "Corps qui n'est pas du JSON", value: { error: "Type de contenu non pris en charge : envoyez du JSON avec « Content-Type: application/json »." } },
  429: { summary: "Trop de requêtes", value: { error: "Trop de requêtes avec ce jeton : 60 par minute au plus. Réessayez dans 42 secondes." } },
} as const;

const ERROR_DESCRIPTIONS: Record<keyof typeof ERROR_EXAMPLES, string> = {
  400: "Corps illisible, format non respecté ou valeurs refusées (indicateur inconnu, période illisible ou à venir, doublon…) : rien n'est enregistré.",
  401: "Jeton manquant, inconnu ou révoqué.",
  403: "Le jeton appartient à un autre produit.",
  404: "Aucun produit n'a cette adresse.",
  405: "Seul POST est accepté.",
  409: "Un autre envoi a créé les mêmes valeurs au même moment : rien n'est enregistré, renvoyez la requête.",
  413: `Plus de ${MAX_PUSH_VALUES} valeurs, ou corps de plus de ${MAX_PUSH_BYTES / 1024 / 1024} Mo.`,
  415: "Le corps n'est pas déclaré comme JSON.",
  429: "Plus de 60 requêtes par minute avec ce jeton ; l'en-tête Retry-After dit quand réessayer.",
};

const json = (schema: unknown, examples: Record<string, { summary: string; value: unknown }>) => ({
  "application/json": { schema, examples },
});

/** The document, with `appUrl` as the server. */
export function openApiDocument(appUrl: string) {
  const errors = Object.fromEntries(
    (Object.keys(ERROR_EXAMPLES) as unknown as Array<keyof typeof ERROR_EXAMPLES>).map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status],
        ...(status === 429 ? { headers: { "Retry-After": { description: "Secondes à attendre.", schema: { type: "integer" } } } } : {}),
        content: json(schemaRef("ApiError"), { [`erreur${status}`]: ERROR_EXAMPLES[status] }),
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "API de Jalon",
      version: "1.0.0",
      description:
        "Envoi automatique des valeurs des indicateurs d'impact d'un produit (depuis Matomo, une page /stats, un script…). Chaque produit crée ses jetons sur sa page « Jetons API » ; un jeton n'écrit que dans son produit.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: new URL("/api/v1", appUrl).href }],
    security: [{ jeton: [] }],
    paths: {
      "/products/{slug}/indicator-values": {
        parameters: [
          {
            name: "slug",
            in: "path",
            required: true,
            description: "L'identifiant du produit, tel qu'il apparaît dans l'adresse de sa page (/produits/<slug>).",
            schema: { type: "string" },
          },
        ],
        post: {
          operationId: "pushIndicatorValues",
          summary: "Enregistrer des valeurs d'indicateurs",
          description:
            "Enregistre un lot de valeurs en une seule transaction : tout ou rien. Une valeur par indicateur et par période ; une valeur différente de celle déjà enregistrée la remplace et l'ancienne est conservée comme révision. Renvoyer le même lot ne change rien (idempotent). Limite : 60 requêtes par minute et par jeton.",
          requestBody: { required: true, content: json(schemaRef("IndicatorValuesPush"), PUSH_EXAMPLES) },
          responses: {
            200: { description: "Lot enregistré.", content: json(schemaRef("IndicatorValuesPushResult"), RESULT_EXAMPLES) },
            ...errors,
          },
        },
      },
    },
    components: {
      schemas: componentSchemas({ IndicatorValue: PushValueSchema, IndicatorValuesPush: PushBodySchema, IndicatorValuesPushResult: PushResultSchema, ApiError: ApiErrorSchema }, "input"),
      securitySchemes: {
        jeton: {
          type: "http",
          scheme: "bearer",
          description: "Un jeton API du produit (« jalon_… »), montré une seule fois à sa création. En-tête : Authorization: Bearer <jeton>.",
        },
      },
    },
  };
}
