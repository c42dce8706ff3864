// The public open data API's answers and query, as zod schemas: the server builds its answers to
// these types and the OpenAPI document (app/api/public-openapi.server.ts) is generated from them.
import { z } from "zod";
import { PHASES } from "~/domain/phases";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** The licence of the data, named in every answer (Link header) and in the list's body. */
export const LICENCE_ID = "etalab-2.0";
export const LICENCE_NAME = "Licence Ouverte / Etalab 2.0";
export const LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

const isoDate = z.string().meta({ description: "Date ISO 8601 (AAAA-MM-JJ).", examples: ["2024-03-12"] });

export const PublicOrganisationSchema = z.object({ slug: z.string(), name: z.string() });

export const PublicProductSchema = z
  .object({
    slug: z.string().meta({ description: "Identifiant stable du produit, celui de l'adresse de sa page." }),
    name: z.string(),
    pitch: z.string(),
    currentPhase: z.enum(PHASES).nullable().meta({ description: "Phase en cours (identifiants du réseau), null sans historique." }),
    phases: z
      .array(
        z.object({
          name: z.enum(PHASES),
          start: isoDate,
          end: isoDate.nullable().meta({ description: "Fin enregistrée, sinon début de la phase suivante ; null tant que la phase dure." }),
        }),
      )
      .meta({ description: "Historique des phases, de la plus ancienne à la plus récente." }),
    incubator: PublicOrganisationSchema.meta({ description: "Incubateur principal." }),
    coIncubators: z.array(PublicOrganisationSchema),
    sponsors: z.array(PublicOrganisationSchema.extend({ acronym: z.string().nullable() })),
    links: z.object({
      website: z.string().nullable(),
      repository: z.string().nullable(),
      stats: z.string().nullable(),
      budget: z.string().nullable(),
    }),
    updatedAt: z.string().meta({ description: "Dernière modification de la fiche (date et heure ISO 8601)." }),
  })
  .meta({ description: "Un produit public du réseau." });
export type PublicProduct = z.output<typeof PublicProductSchema>;

export const PublicProductListSchema = z.object({
  data: z.array(PublicProductSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
  total: z.number().int().min(0).meta({ description: "Nombre de produits publics, toutes pages comprises." }),
  next: z.string().nullable().meta({ description: "Adresse de la page suivante, null sur la dernière." }),
  licence: z.literal(LICENCE_ID).meta({ description: `${LICENCE_NAME} : ${LICENCE_URL}` }),
});
export type PublicProductList = z.output<typeof PublicProductListSchema>;

export const PublicApiErrorSchema = z.object({ error: z.string().meta({ description: "Le problème, en français." }) });

const pageParameter = (name: string, label: string, max?: number) => {
  const base = z.coerce
    .number({ error: `Paramètre « ${name} » illisible : donnez un nombre entier.` })
    .int({ error: `Paramètre « ${name} » illisible : donnez un nombre entier.` })
    .min(1, { error: `${label} : 1 au moins.` });
  return max === undefined ? base : base.max(max, { error: `${label} : ${max} au plus.` });
};

/** `?page=` and `?pageSize=`; an empty or absent value takes the default. */
export const ListQuerySchema = z.object({
  page: pageParameter("page", "Numéro de page").default(1),
  pageSize: pageParameter("pageSize", "Taille de page", MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type ListQuery = z.output<typeof ListQuerySchema>;
