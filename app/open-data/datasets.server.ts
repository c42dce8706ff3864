// Jalon's open datasets, each defined once: its columns (app/open-data/table-schema.ts derives the CSV
// header, the Table Schema, the API's JSON Schema and the /donnees page from them) and the one SQL
// query its rows come from, for the CSV files and the API alike. Only public data is selected: public
// products; their phases; their published decisions with the public rationale (never `rationale`,
// votes or conditions); the values of their public, live indicators. Rows are read a page at a time,
// in the order of a key the database has an index for, so that no answer holds a whole table.
import { db } from "~/db.server";
import { dataVersion } from "~/db/data-version.server";
import { isoDay, parisDay } from "~/domain/days";
import { LIFECYCLE_ORDER, PHASES, TERMINAL_PHASES } from "~/domain/phases";
import { Prisma } from "~/generated/prisma/client";
import { ImpactLevel, IndicatorKind, Outcome, ValueStatus } from "~/generated/prisma/enums";
import { currentPhaseJoin } from "~/products/portfolio.server";
import { webUrl } from "~/ui/web-url";
import type { CellValue, DatasetDefinition, DatasetField } from "./table-schema";

export interface DatasetQuery {
  /** Only the rows of this (public) product. */
  productId?: string;
  /** Rows after this key (keyset pagination: what `DatasetPage.lastKey` gave). */
  after?: readonly unknown[];
  offset?: number;
  limit: number;
  asOf: Date;
}

export interface DatasetRow {
  values: Record<string, CellValue>;
  /** When the row last changed, for Last-Modified; null when the table does not record it. */
  modifiedAt: Date | null;
}

export interface DatasetPage {
  rows: DatasetRow[];
  /** The key of the last row, to ask for the rows after it; null for an empty page. */
  lastKey: unknown[] | null;
}

interface KeyPart {
  expr: Prisma.Sql;
  cast: "text" | "date" | "int" | "uuid";
  /**
   * A column of another table equal to this one (a join's key): bounded by the cursor too, so that the
   * planner starts that table's scan there rather than at its first row on every page.
   */
  joinedAs?: Prisma.Sql;
}

interface DatasetSql {
  /** The selected columns, aliased by field name, and `"_modified"`. */
  select: (q: DatasetQuery) => Prisma.Sql;
  /** What follows FROM, down to a WHERE clause the key condition is appended to with AND. */
  from: (q: DatasetQuery) => Prisma.Sql;
  /** The order, total: the last part is unique. */
  key: readonly KeyPart[];
  /** Whether `productId` filters this dataset. */
  byProduct: boolean;
  /**
   * For rows that appear with time rather than with a write (a decision published at a set moment):
   * the latest such moment up to `asOf`, one value. It changes whenever such a row appears.
   */
  clock?: (q: DatasetQuery) => Prisma.Sql;
}

export interface Dataset extends DatasetDefinition {
  sql: DatasetSql;
}

const textArray = (values: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]`;
const today = (q: DatasetQuery) => Prisma.sql`${isoDay(parisDay(q.asOf))}::date`;
// Timestamps are stored in UTC without a zone; an ISO string cast to `timestamp` keeps its digits.
const now = (q: DatasetQuery) => Prisma.sql`${q.asOf.toISOString()}::timestamp`;
const productFilter = (q: DatasetQuery, column: Prisma.Sql) =>
  q.productId === undefined ? Prisma.empty : Prisma.sql`AND ${column} = ${q.productId}::uuid`;

const productSlugField: DatasetField = {
  name: "product",
  type: "string",
  title: "Produit",
  description: "Identifiant stable du produit (colonne slug de produits.csv) : sa page est /produits/<identifiant>.",
  required: true,
  example: "mon-service",
};

const url = (name: string, title: string, description: string): DatasetField => ({
  name,
  type: "string",
  format: "uri",
  title,
  description: `${description} Adresse web (http ou https), vide si elle n'est pas renseignée.`,
  required: false,
  example: null,
});

export const PRODUCTS: Dataset = {
  id: "produits",
  apiPath: "/products",
  title: "Produits publics",
  description: "Les produits numériques publics des incubateurs, avec leur phase en cours et leurs liens publics.",
  fields: [
    { name: "slug", type: "string", title: "Identifiant", description: "Identifiant stable du produit, celui de l'adresse de sa page.", required: true, example: "mon-service" },
    { name: "name", type: "string", title: "Nom", description: "Nom du produit.", required: true, example: "Mon service" },
    { name: "pitch", type: "string", title: "Pitch", description: "Le produit en une phrase.", required: true, example: "Mon service simplifie une démarche administrative." },
    { name: "description", type: "string", title: "Description", description: "Description longue (Markdown), vide si elle n'est pas rédigée.", required: false, example: null },
    {
      name: "currentPhase",
      type: "string",
      title: "Phase en cours",
      description: "Phase en cours à la date de l'export (identifiants du réseau beta.gouv.fr), vide sans historique.",
      required: false,
      enum: PHASES,
      example: "acceleration",
    },
    {
      name: "incubator",
      type: "string",
      title: "Incubateur",
      description: "Identifiant de l'incubateur principal (colonne slug de incubateurs.csv).",
      required: true,
      example: "incubateur-exemple",
    },
    {
      name: "sponsors",
      type: "string",
      title: "Sponsors",
      description: "Identifiants des organisations sponsors, séparés par « | », vide sans sponsor.",
      required: false,
      example: "dinum|dgfip",
    },
    url("websiteUrl", "Site", "Site du service."),
    url("repositoryUrl", "Code source", "Dépôt du code source."),
    url("statsUrl", "Statistiques", "Page publique de statistiques d'impact."),
    url("budgetUrl", "Budget", "Page budget publiée par l'équipe (Jalon publie aussi /produits/<identifiant>/budget)."),
    { name: "updatedAt", type: "datetime", title: "Mise à jour", description: "Dernière modification de la fiche (ISO 8601, UTC).", required: true, example: "2026-10-02T09:14:00.000Z" },
  ],
  primaryKey: ["slug"],
  foreignKeys: [{ fields: "incubator", reference: { resource: "incubateurs", fields: "slug" } }],
  sql: {
    select: () => Prisma.sql`p.slug, p.name, p.pitch, nullif(p.description, '') AS description, cur.phase AS "currentPhase",
      inc.slug AS incubator,
      (SELECT string_agg(o.slug, '|' ORDER BY o.slug COLLATE "C") FROM "ProductSponsor" ps
        JOIN "Organisation" o ON o.id = ps."organisationId" WHERE ps."productId" = p.id) AS sponsors,
      p."websiteUrl", p."repositoryUrl", p."statsUrl", p."budgetUrl", p."updatedAt",
      greatest(p."updatedAt", (SELECT max(pe."createdAt") FROM "PhaseEntry" pe WHERE pe."productId" = p.id)) AS "_modified"`,
    from: (q) => Prisma.sql`"Product" p JOIN "Incubator" inc ON inc.id = p."primaryIncubatorId"
      ${currentPhaseJoin(today(q))}
      WHERE p."isPublic" ${productFilter(q, Prisma.sql`p.id`)}`,
    key: [{ expr: Prisma.sql`p.slug COLLATE "C"`, cast: "text" }],
    byProduct: true,
  },
};

export const PHASE_HISTORY: Dataset = {
  id: "phases",
  apiPath: "/phases",
  title: "Historique des phases",
  description:
    "Chaque phase traversée par chaque produit public, datée : l'historique complet, de l'investigation à la fin éventuelle.",
  fields: [
    { name: "id", type: "string", format: "uuid", title: "Identifiant", description: "Identifiant stable de l'étape.", required: true, example: "0b6f3f0e-6c1e-4f5e-9a53-1f6a3b0c9d21" },
    productSlugField,
    { name: "phase", type: "string", title: "Phase", description: "Phase (identifiants du réseau beta.gouv.fr).", required: true, enum: PHASES, example: "construction" },
    { name: "start", type: "date", title: "Début", description: "Premier jour de la phase (AAAA-MM-JJ).", required: true, example: "2024-03-12" },
    {
      name: "end",
      type: "date",
      title: "Fin",
      description:
        "Fin enregistrée, sinon début de la phase suivante ; pour une phase finale (transféré, arrêté, investigation non concluante), son début ; vide tant que la phase dure.",
      required: false,
      example: "2025-02-04",
    },
  ],
  primaryKey: ["id"],
  foreignKeys: [{ fields: "product", reference: { resource: "produits", fields: "slug" } }],
  sql: {
    select: () => Prisma.sql`seg.id, p.slug AS product, seg.phase, seg."startDate" AS start,
      coalesce(seg."endDate", seg."nextStart", CASE WHEN seg.phase = ANY(${textArray(TERMINAL_PHASES)}) THEN seg."startDate" END) AS "end",
      seg."createdAt" AS "_modified"`,
    // The next phase's start is read over the product's whole history, before any page is cut.
    from: (q) => Prisma.sql`(
        SELECT pe.id, pe."productId", pe.phase, pe."startDate", pe."endDate", pe."createdAt",
          array_position(${textArray(LIFECYCLE_ORDER)}, pe.phase) AS position,
          lead(pe."startDate") OVER (PARTITION BY pe."productId" ORDER BY pe."startDate", array_position(${textArray(LIFECYCLE_ORDER)}, pe.phase)) AS "nextStart"
        FROM "PhaseEntry" pe JOIN "Product" pp ON pp.id = pe."productId"
        WHERE pp."isPublic" ${productFilter(q, Prisma.sql`pp.id`)}
      ) seg JOIN "Product" p ON p.id = seg."productId"
      WHERE TRUE`,
    key: [
      { expr: Prisma.sql`p.slug COLLATE "C"`, cast: "text" },
      { expr: Prisma.sql`seg."startDate"`, cast: "date" },
      { expr: Prisma.sql`seg.position`, cast: "int" },
      { expr: Prisma.sql`seg.id`, cast: "uuid" },
    ],
    byProduct: true,
  },
};

export const DECISIONS: Dataset = {
  id: "decisions",
  apiPath: "/decisions",
  title: "Décisions publiées des comités d'investissement",
  description:
    "Les décisions des comités d'investissement que l'incubateur a publiées, avec leur motivation publique. Ni votes, ni délibérations, ni conditions, ni notes internes.",
  fields: [
    { name: "id", type: "string", format: "uuid", title: "Identifiant", description: "Identifiant stable de la décision.", required: true, example: "5d1c8a2e-3b7f-4c0a-8e21-9f4b6a7c2d10" },
    productSlugField,
    { name: "decidedOn", type: "date", title: "Date", description: "Jour de la décision (AAAA-MM-JJ).", required: true, example: "2025-02-04" },
    {
      name: "outcome",
      type: "string",
      title: "Décision",
      description:
        "continue : poursuivre six mois ; extend : prolongation provisoire ; next_phase : passage à la phase suivante ; pivot : réorientation ; stop : arrêt.",
      required: true,
      enum: Object.values(Outcome),
      example: "next_phase",
    },
    {
      name: "targetPhase",
      type: "string",
      title: "Phase visée",
      description: "La phase où entre le produit (avec next_phase ou stop), vide sinon.",
      required: false,
      enum: PHASES,
      example: "acceleration",
    },
    { name: "publicRationale", type: "string", title: "Motivation publique", description: "Ce que le comité publie de ses raisons, vide s'il n'a rien publié.", required: false, example: "Impact démontré auprès de 3 départements." },
    { name: "publishedAt", type: "datetime", title: "Publication", description: "Moment de la publication (ISO 8601, UTC).", required: true, example: "2025-02-10T08:00:00.000Z" },
    {
      name: "corrects",
      type: "string",
      format: "uuid",
      title: "Corrige",
      description: "Identifiant de la décision publiée que celle-ci corrige, vide sinon.",
      required: false,
      example: null,
    },
  ],
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "product", reference: { resource: "produits", fields: "slug" } },
    { fields: "corrects", reference: { resource: "decisions", fields: "id" } },
  ],
  sql: {
    select: (q) => Prisma.sql`d.id, p.slug AS product, d."decidedOn", d.outcome::text AS outcome, d."targetPhase",
      d."publicRationale", d."publishedAt",
      CASE WHEN c."publishedAt" <= ${now(q)} THEN c.id END AS corrects, d."publishedAt" AS "_modified"`,
    from: (q) => Prisma.sql`"Decision" d JOIN "Product" p ON p.id = d."productId"
      LEFT JOIN "Decision" c ON c.id = d."correctsId"
      WHERE p."isPublic" AND d."publishedAt" <= ${now(q)} ${productFilter(q, Prisma.sql`p.id`)}`,
    key: [
      { expr: Prisma.sql`d."decidedOn"`, cast: "date" },
      { expr: Prisma.sql`d.id`, cast: "uuid" },
    ],
    byProduct: true,
    clock: (q) => Prisma.sql`SELECT max("publishedAt") FROM "Decision" WHERE "publishedAt" <= ${now(q)}`,
  },
};

export const INDICATOR_VALUES: Dataset = {
  id: "indicateurs",
  apiPath: "/indicator-values",
  title: "Valeurs des indicateurs d'impact publics",
  description:
    "Les valeurs, période par période, des indicateurs que chaque équipe publie (indicateurs publics et en service), jusqu'à la période en cours.",
  fields: [
    { name: "indicator", type: "string", format: "uuid", title: "Indicateur", description: "Identifiant stable de l'indicateur.", required: true, example: "9a0e7c55-1d2b-4c3e-8f40-5b6a7c8d9e01" },
    productSlugField,
    { name: "indicatorName", type: "string", title: "Nom de l'indicateur", description: "Nom de l'indicateur.", required: true, example: "Utilisateurs actifs mensuels" },
    {
      name: "matrixCode",
      type: "string",
      title: "Code de la matrice",
      description: "Code de l'indicateur obligatoire de la matrice d'impact qu'il mesure (mau, ease_of_use…), vide sinon.",
      required: false,
      example: "mau",
    },
    {
      name: "level",
      type: "string",
      title: "Niveau",
      description: "Niveau de la matrice d'impact : usable (utilisable), used (utilisé), useful (utile), impactful (impactant), efficient.",
      required: true,
      enum: Object.values(ImpactLevel),
      example: "used",
    },
    { name: "kind", type: "string", title: "Nature", description: "impact : effet pour les usagers ; means : moyens engagés.", required: true, enum: Object.values(IndicatorKind), example: "impact" },
    { name: "unit", type: "string", title: "Unité", description: "Unité des valeurs, vide si elle n'est pas précisée.", required: false, example: "usagers" },
    { name: "period", type: "date", title: "Période", description: "Premier jour de la période mesurée (semaine, mois ou trimestre).", required: true, example: "2026-09-01" },
    { name: "value", type: "number", title: "Valeur", description: "Valeur mesurée sur la période.", required: true, example: 1520 },
    {
      name: "status",
      type: "string",
      title: "Statut",
      description: "declared : déclarée par l'équipe ; validated : validée par l'incubateur.",
      required: true,
      enum: Object.values(ValueStatus),
      example: "validated",
    },
  ],
  primaryKey: ["indicator", "period"],
  foreignKeys: [{ fields: "product", reference: { resource: "produits", fields: "slug" } }],
  sql: {
    select: () => Prisma.sql`v."indicatorId" AS indicator, p.slug AS product, i.name AS "indicatorName", i."matrixCode",
      i.level::text AS level, i.kind::text AS kind, nullif(i.unit, '') AS unit, v."periodStart" AS period, v.value,
      v.status::text AS status, v."updatedAt" AS "_modified"`,
    from: (q) => Prisma.sql`"IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId" JOIN "Product" p ON p.id = i."productId"
      WHERE p."isPublic" AND i."isPublic" AND i."archivedAt" IS NULL AND v."periodStart" <= ${today(q)}
      ${productFilter(q, Prisma.sql`i."productId"`)}`,
    // The (indicatorId, periodStart) unique index serves this order: pages are read from the index.
    key: [
      { expr: Prisma.sql`v."indicatorId"`, cast: "uuid", joinedAs: Prisma.sql`i.id` },
      { expr: Prisma.sql`v."periodStart"`, cast: "date" },
    ],
    byProduct: true,
  },
};

export const INCUBATORS: Dataset = {
  id: "incubateurs",
  apiPath: "/incubators",
  title: "Incubateurs",
  description: "Les incubateurs du réseau, leur ministère et le nombre de leurs produits publics.",
  fields: [
    { name: "slug", type: "string", title: "Identifiant", description: "Identifiant stable de l'incubateur, celui de l'adresse de sa page.", required: true, example: "incubateur-exemple" },
    { name: "name", type: "string", title: "Nom", description: "Nom de l'incubateur.", required: true, example: "Incubateur exemple" },
    { name: "description", type: "string", title: "Description", description: "Présentation de l'incubateur, vide si elle n'est pas rédigée.", required: false, example: null },
    url("website", "Site", "Site de l'incubateur."),
    { name: "ministry", type: "string", title: "Ministère", description: "Ministère de rattachement, vide s'il n'est pas renseigné.", required: false, example: "Ministère de la Transition écologique" },
    {
      name: "publicProducts",
      type: "integer",
      title: "Produits publics",
      description: "Nombre de produits publics dont il est l'incubateur principal.",
      required: true,
      example: 12,
    },
  ],
  primaryKey: ["slug"],
  foreignKeys: [],
  sql: {
    select: () => Prisma.sql`inc.slug, inc.name, nullif(inc.description, '') AS description, inc.website, m.name AS ministry,
      (SELECT count(*)::int FROM "Product" p WHERE p."primaryIncubatorId" = inc.id AND p."isPublic") AS "publicProducts",
      NULL::timestamp AS "_modified"`,
    from: () => Prisma.sql`"Incubator" inc LEFT JOIN "Ministry" m ON m.id = inc."ministryId" WHERE TRUE`,
    key: [{ expr: Prisma.sql`inc.slug COLLATE "C"`, cast: "text" }],
    byProduct: false,
  },
};

/** Every dataset, in the order the /donnees page lists them. */
export const DATASETS: readonly Dataset[] = [PRODUCTS, PHASE_HISTORY, DECISIONS, INDICATOR_VALUES, INCUBATORS];

export const datasetById = (id: string): Dataset | undefined => DATASETS.find((d) => d.id === id);

/** The definition alone (what pages and schemas need), without the SQL. */
export const definitionOf = ({ sql: _sql, ...definition }: Dataset): DatasetDefinition => definition;

function cell(field: DatasetField, raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case "date":
      return isoDay(raw instanceof Date ? raw : new Date(String(raw)));
    case "datetime":
      return (raw instanceof Date ? raw : new Date(String(raw))).toISOString();
    case "integer":
    case "number":
      return Number(raw);
    case "boolean":
      return Boolean(raw);
    case "string":
      // Links come from free-text fields: only web addresses are published as such.
      return field.format === "uri" ? webUrl(String(raw)) : String(raw);
  }
}

const keyValue = (part: KeyPart, value: unknown) =>
  part.cast === "date" && value instanceof Date ? isoDay(value) : value instanceof Date ? value.toISOString() : value;

/** One page of rows, in key order: after `q.after` (keyset) and/or past `q.offset` rows. */
export async function datasetPage(dataset: Dataset, q: DatasetQuery): Promise<DatasetPage> {
  const { key } = dataset.sql;
  const keyColumns = Prisma.join(key.map((part, i) => Prisma.sql`${part.expr} AS ${Prisma.raw(`"_k${i}"`)}`));
  const bound = (i: number) => Prisma.sql`${keyValue(key[i], q.after?.[i])}::${Prisma.raw(key[i].cast)}`;
  const after = q.after
    ? Prisma.sql`AND (${Prisma.join(key.map((part) => part.expr))}) > (${Prisma.join(key.map((_, i) => bound(i)))})
      ${key[0].joinedAs ? Prisma.sql`AND ${key[0].joinedAs} >= ${bound(0)}` : Prisma.empty}`
    : Prisma.empty;
  const raw = await db().$queryRaw<Record<string, unknown>[]>`
    SELECT ${dataset.sql.select(q)}, ${keyColumns}
    FROM ${dataset.sql.from(q)} ${after}
    ORDER BY ${Prisma.join(key.map((part) => part.expr))}
    LIMIT ${q.limit}::int OFFSET ${q.offset ?? 0}::bigint`;
  const last = raw.at(-1);
  return {
    rows: raw.map((r) => ({
      values: Object.fromEntries(dataset.fields.map((field) => [field.name, cell(field, r[field.name])])),
      modifiedAt: r._modified instanceof Date ? r._modified : null,
    })),
    lastKey: last ? key.map((_, i) => last[`_k${i}`]) : null,
  };
}

export async function datasetCount(dataset: Dataset, q: Omit<DatasetQuery, "limit">): Promise<number> {
  const [row] = await db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM ${dataset.sql.from({ ...q, limit: 0 })}`;
  return row?.total ?? 0;
}

/** Every row, a page at a time through the key: the CSV files never hold a whole table. */
export async function* datasetRows(dataset: Dataset, asOf: Date, batchSize = 1000): AsyncGenerator<DatasetRow[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const page = await datasetPage(dataset, { after, limit: batchSize, asOf });
    if (page.rows.length > 0) yield page.rows;
    if (page.rows.length < batchSize || !page.lastKey) return;
    after = page.lastKey;
  }
}

/**
 * A token that changes whenever the dataset's rows may have changed: a committed write to the domain
 * tables, a new day (phases start and values fall due by the day), a row appearing by the clock.
 * Null while a write is in flight (nothing can then be promised).
 */
export async function datasetVersion(dataset: Dataset, asOf: Date): Promise<string | null> {
  const version = await dataVersion();
  if (version === null) return null;
  const clock = dataset.sql.clock;
  const [moment] = clock ? await db().$queryRaw<{ max: Date | null }[]>`${clock({ limit: 0, asOf })}` : [];
  return [dataset.id, isoDay(parisDay(asOf)), version, moment?.max?.getTime() ?? 0].join("-");
}

/** The id of the public product with this slug, or null (unknown, or not public). */
export async function publicProductId(slug: string): Promise<string | null> {
  const product = await db().product.findFirst({ where: { slug, isPublic: true }, select: { id: true } });
  return product?.id ?? null;
}
