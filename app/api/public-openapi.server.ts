// The OpenAPI 3.1 description of Jalon's public open data API, served at /api/public/v1/openapi.json.
// Schemas are generated from the zod schemas the answers are typed with (app/api/public-products.ts)
// and, for the datasets, from their column definitions (app/open-data/datasets.server.ts).
import { DECISIONS, INCUBATORS, INDICATOR_VALUES, PHASE_HISTORY, definitionOf, type Dataset } from "~/open-data/datasets.server";
import { rowJsonSchema } from "~/open-data/table-schema";
import { componentSchemas, schemaRef } from "./openapi-components";
import {
  DEFAULT_PAGE_SIZE,
  LICENCE_ID,
  LICENCE_NAME,
  LICENCE_URL,
  MAX_PAGE_SIZE,
  PublicApiErrorSchema,
  PublicProductListSchema,
  PublicProductSchema,
} from "./public-products";


export const PRODUCT_EXAMPLE = {
  slug: "mon-service",
  name: "Mon service",
  pitch: "Mon service simplifie une démarche administrative.",
  currentPhase: "acceleration",
  phases: [
    { name: "investigation", start: "2024-01-08", end: "2024-03-12" },
    { name: "construction", start: "2024-03-12", end: "2025-02-04" },
    { name: "acceleration", start: "2025-02-04", end: null },
  ],
  incubator: { slug: "incubateur-exemple", name: "Incubateur exemple" },
  coIncubators: [],
  sponsors: [{ slug: "dinum", name: "Direction interministérielle du numérique", acronym: "DINUM" }],
  links: { website: "https://mon-service.exemple.gouv.fr", repository: null, stats: null, budget: null },
  updatedAt: "2026-10-02T09:14:00.000Z",
} as const;

export const ERROR_EXAMPLES = {
  400: { summary: "Taille de page hors bornes", value: { error: `Taille de page : ${MAX_PAGE_SIZE} au plus.` } },
  404: { summary: "Produit inconnu ou non public", value: { error: "Produit introuvable : aucun produit public n'a l'identifiant « mon-produit »." } },
} as const;

const json = (schema: unknown, examples: Record<string, { summary: string; value: unknown }>) => ({
  "application/json": { schema, examples },
});

const header = (description: string) => ({ description, schema: { type: "string" } });
const CACHE_HEADERS = {
  ETag: header("Empreinte de la réponse : renvoyez-la dans If-None-Match pour obtenir un 304 si rien n'a changé."),
  "Last-Modified": header("Dernière modification des produits de la réponse (absent pour une page vide)."),
  "Cache-Control": header("public, max-age=300"),
  Link: header(`<${LICENCE_URL}>; rel="license"`),
  "Access-Control-Allow-Origin": header("*"),
};
const CONDITIONAL_PARAMETERS = [
  { name: "If-None-Match", in: "header", required: false, description: "ETag d'une réponse précédente.", schema: { type: "string" } },
  { name: "If-Modified-Since", in: "header", required: false, description: "Last-Modified d'une réponse précédente.", schema: { type: "string" } },
];
const NOT_MODIFIED = { description: "Rien n'a changé depuis la réponse désignée par If-None-Match ou If-Modified-Since.", headers: CACHE_HEADERS };

const PAGE_PARAMETERS = [
  { name: "page", in: "query", required: false, description: "Numéro de page, à partir de 1.", schema: { type: "integer", minimum: 1, default: 1 } },
  {
    name: "pageSize",
    in: "query",
    required: false,
    description: "Lignes par page.",
    schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  },
];

/** The datasets the API pages through, with their component name. */
const DATASET_ENDPOINTS: { name: string; operationId: string; summary: string; dataset: Dataset }[] = [
  { name: "PhaseEntry", operationId: "listPhases", summary: "Lister l'historique des phases", dataset: PHASE_HISTORY },
  { name: "Decision", operationId: "listDecisions", summary: "Lister les décisions publiées", dataset: DECISIONS },
  { name: "IndicatorValue", operationId: "listIndicatorValues", summary: "Lister les valeurs des indicateurs publics", dataset: INDICATOR_VALUES },
  { name: "Incubator", operationId: "listIncubators", summary: "Lister les incubateurs", dataset: INCUBATORS },
];

const exampleRow = (dataset: Dataset) => Object.fromEntries(dataset.fields.map((field) => [field.name, field.example]));

function datasetPath({ name, operationId, summary, dataset }: (typeof DATASET_ENDPOINTS)[number]) {
  const byProduct = dataset.sql.byProduct
    ? [{ name: "product", in: "query", required: false, description: "Seulement les lignes de ce produit public (son identifiant).", schema: { type: "string" } }]
    : [];
  return {
    get: {
      operationId,
      summary,
      description: `${dataset.description} Les mêmes lignes et colonnes que le fichier /donnees/${dataset.id}.csv, page par page. \`next\` donne l'adresse de la page suivante.`,
      parameters: [...PAGE_PARAMETERS, ...byProduct, ...CONDITIONAL_PARAMETERS],
      responses: {
        200: {
          description: "Une page de lignes.",
          headers: CACHE_HEADERS,
          content: json(schemaRef(`${name}List`), {
            page1: {
              summary: "Première page",
              value: { data: [exampleRow(dataset)], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 1, next: null, licence: LICENCE_ID },
            },
          }),
        },
        304: NOT_MODIFIED,
        400: { description: "`page` ou `pageSize` illisible ou hors bornes.", content: json(schemaRef("ApiError"), { erreur400: ERROR_EXAMPLES[400] }) },
        ...(dataset.sql.byProduct
          ? { 404: { description: "Aucun produit public n'a l'identifiant donné dans `product`.", content: json(schemaRef("ApiError"), { erreur404: ERROR_EXAMPLES[404] }) } }
          : {}),
      },
    },
  };
}

/** A page of a dataset's rows, as the API answers. */
function listSchema(name: string) {
  return {
    type: "object",
    properties: {
      data: { type: "array", items: schemaRef(name) },
      page: { type: "integer", minimum: 1 },
      pageSize: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
      total: { type: "integer", minimum: 0, description: "Nombre de lignes, toutes pages comprises." },
      next: { anyOf: [{ type: "string" }, { type: "null" }], description: "Adresse de la page suivante, null sur la dernière." },
      licence: { type: "string", const: LICENCE_ID, description: `${LICENCE_NAME} : ${LICENCE_URL}` },
    },
    required: ["data", "page", "pageSize", "total", "next", "licence"],
    additionalProperties: false,
  };
}

/** The document, with `appUrl` as the server. */
export function publicOpenApiDocument(appUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "API ouverte de Jalon",
      version: "1.0.0",
      description:
        "Les produits publics des incubateurs, leur historique de phases, les décisions publiées des comités d'investissement et les valeurs des indicateurs d'impact publics, en données ouvertes : sans jeton ni compte, depuis n'importe quel site (CORS). Les réponses se mettent en cache cinq minutes et se revalident avec ETag ou Last-Modified. Les mêmes données existent en fichiers CSV décrits par un Table Schema (/donnees). Aucune donnée privée n'y figure : ni équipe, ni financement, ni vote, ni note interne, ni décision non publiée, ni indicateur non public, ni produit non public.",
      license: { name: LICENCE_NAME, url: LICENCE_URL },
    },
    servers: [{ url: new URL("/api/public/v1", appUrl).href }],
    security: [],
    paths: {
      "/products": {
        get: {
          operationId: "listPublicProducts",
          summary: "Lister les produits publics",
          description: "Les produits publics, triés par identifiant, page par page. `next` donne l'adresse de la page suivante.",
          parameters: [
            { name: "page", in: "query", required: false, description: "Numéro de page, à partir de 1.", schema: { type: "integer", minimum: 1, default: 1 } },
            {
              name: "pageSize",
              in: "query",
              required: false,
              description: "Produits par page.",
              schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
            },
            ...CONDITIONAL_PARAMETERS,
          ],
          responses: {
            200: {
              description: "Une page de produits publics.",
              headers: CACHE_HEADERS,
              content: json(schemaRef("ProductList"), {
                page1: {
                  summary: "Première page",
                  value: { data: [PRODUCT_EXAMPLE], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 1, next: null, licence: "etalab-2.0" },
                },
              }),
            },
            304: NOT_MODIFIED,
            400: { description: "`page` ou `pageSize` illisible ou hors bornes.", content: json(schemaRef("ApiError"), { erreur400: ERROR_EXAMPLES[400] }) },
          },
        },
      },
      "/products/{slug}": {
        parameters: [
          { name: "slug", in: "path", required: true, description: "L'identifiant stable du produit.", schema: { type: "string" } },
        ],
        get: {
          operationId: "getPublicProduct",
          summary: "Lire un produit public",
          parameters: CONDITIONAL_PARAMETERS,
          responses: {
            200: { description: "Le produit.", headers: CACHE_HEADERS, content: json(schemaRef("Product"), { produit: { summary: "Un produit en accélération", value: PRODUCT_EXAMPLE } }) },
            301: {
              description: "Un ancien identifiant du produit (renommé) : Location donne l'adresse actuelle.",
              headers: { Location: header("L'adresse du produit sous son identifiant actuel.") },
            },
            304: NOT_MODIFIED,
            404: { description: "Aucun produit public n'a cet identifiant.", content: json(schemaRef("ApiError"), { erreur404: ERROR_EXAMPLES[404] }) },
          },
        },
      },
      ...Object.fromEntries(DATASET_ENDPOINTS.map((endpoint) => [endpoint.dataset.apiPath, datasetPath(endpoint)])),
    },
    components: {
      schemas: {
        ...componentSchemas({ Product: PublicProductSchema, ProductList: PublicProductListSchema, ApiError: PublicApiErrorSchema }, "output"),
        ...Object.fromEntries(
          DATASET_ENDPOINTS.flatMap(({ name, dataset }) => [
            [name, rowJsonSchema(definitionOf(dataset))],
            [`${name}List`, listSchema(name)],
          ]),
        ),
      },
    },
  };
}
