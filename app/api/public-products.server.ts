// The public open data API: public products only, and of them only what their public page shows.
// Selects are explicit so that no private column (team, funding, notes, indicators) can leak in.
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { day, isoDay } from "~/domain/days";
import { currentPhase, phaseSegments } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import { conditionalJson, latest, nextPageUrl, nonReadAnswer, publicError, readListRequest } from "./public-http.server";
import { LICENCE_ID, type PublicProduct, type PublicProductList } from "./public-products";

const publicOrganisation = { slug: true, name: true } as const;

const publicProductSelect = {
  slug: true,
  name: true,
  pitch: true,
  websiteUrl: true,
  repositoryUrl: true,
  statsUrl: true,
  budgetUrl: true,
  updatedAt: true,
  primaryIncubator: { select: publicOrganisation },
  coIncubators: { select: { incubator: { select: publicOrganisation } } },
  sponsors: { select: { organisation: { select: { ...publicOrganisation, acronym: true } } } },
  phases: { select: { ...phaseHistorySelect, createdAt: true } },
} satisfies Prisma.ProductSelect;

type PublicProductRow = Prisma.ProductGetPayload<{ select: typeof publicProductSelect }>;

const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

function toPublicProduct(row: PublicProductRow, asOf: Date): PublicProduct {
  const history = toPhaseHistory(row.phases);
  return {
    slug: row.slug,
    name: row.name,
    pitch: row.pitch,
    currentPhase: currentPhase(history, asOf),
    phases: phaseSegments(history, asOf).map((s) => ({ name: s.phase, start: isoDay(s.start), end: s.end ? isoDay(s.end) : null })),
    incubator: { slug: row.primaryIncubator.slug, name: row.primaryIncubator.name },
    coIncubators: row.coIncubators.map(({ incubator }) => ({ slug: incubator.slug, name: incubator.name })).sort(bySlug),
    sponsors: row.sponsors
      .map(({ organisation }) => ({ slug: organisation.slug, name: organisation.name, acronym: organisation.acronym }))
      .sort(bySlug),
    links: { website: row.websiteUrl, repository: row.repositoryUrl, stats: row.statsUrl, budget: row.budgetUrl },
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** When a product last changed as the API shows it: its own columns, or a phase recorded since. */
function lastChange(row: PublicProductRow): Date {
  return row.phases.reduce((latest, p) => (p.createdAt > latest ? p.createdAt : latest), row.updatedAt);
}

/** A page's row as one query reads it: the relations as JSON. */
interface RawPublicProduct extends Omit<PublicProductRow, "primaryIncubator" | "coIncubators" | "sponsors" | "phases"> {
  total: number;
  incubatorSlug: string;
  incubatorName: string;
  coIncubators: { slug: string; name: string }[];
  sponsors: { slug: string; name: string; acronym: string | null }[];
  phases: { phase: string; startDate: string; endDate: string | null; createdAt: string }[];
}

// JSON writes a timestamp without its zone: stored in UTC.
const utc = (timestamp: string) => new Date(`${timestamp}Z`);

function fromRaw({ total: _total, incubatorSlug, incubatorName, coIncubators, sponsors, phases, ...product }: RawPublicProduct): PublicProductRow {
  return {
    ...product,
    primaryIncubator: { slug: incubatorSlug, name: incubatorName },
    coIncubators: coIncubators.map((incubator) => ({ incubator })),
    sponsors: sponsors.map((organisation) => ({ organisation })),
    phases: phases.map((p) => ({ phase: p.phase, startDate: day(p.startDate), endDate: p.endDate === null ? null : day(p.endDate), createdAt: utc(p.createdAt) })),
  };
}

/**
 * GET /api/public/v1/products?page=&pageSize=: one query gives the page, each product with its
 * relations, and the number of public products (on a row of nulls past the last page).
 */
export async function listPublicProducts(request: Request): Promise<Response> {
  const read = readListRequest(request);
  if (!read.ok) return read.answer;
  const { url, query } = read;
  const { page, pageSize } = query;

  const raw = await db().$queryRaw<(RawPublicProduct | ({ total: number } & { [K in keyof RawPublicProduct]?: null }))[]>`
    WITH listed AS (
      SELECT id FROM "Product" WHERE "isPublic" ORDER BY slug LIMIT ${pageSize}::int OFFSET ${(page - 1) * pageSize}::bigint
    )
    SELECT counted.total, p.slug, p.name, p.pitch, p."websiteUrl", p."repositoryUrl", p."statsUrl", p."budgetUrl", p."updatedAt",
      inc.slug AS "incubatorSlug", inc.name AS "incubatorName",
      coalesce((SELECT json_agg(json_build_object('slug', ci.slug, 'name', ci.name))
        FROM "ProductIncubator" pi JOIN "Incubator" ci ON ci.id = pi."incubatorId" WHERE pi."productId" = p.id), '[]'::json) AS "coIncubators",
      coalesce((SELECT json_agg(json_build_object('slug', o.slug, 'name', o.name, 'acronym', o.acronym))
        FROM "ProductSponsor" ps JOIN "Organisation" o ON o.id = ps."organisationId" WHERE ps."productId" = p.id), '[]'::json) AS sponsors,
      coalesce((SELECT json_agg(json_build_object('phase', pe.phase, 'startDate', pe."startDate", 'endDate', pe."endDate", 'createdAt', pe."createdAt"))
        FROM "PhaseEntry" pe WHERE pe."productId" = p.id), '[]'::json) AS phases
    FROM (SELECT count(*)::int AS total FROM "Product" WHERE "isPublic") counted
    LEFT JOIN (listed JOIN "Product" p ON p.id = listed.id JOIN "Incubator" inc ON inc.id = p."primaryIncubatorId") ON TRUE
    ORDER BY p.slug`;
  const total = raw[0]?.total ?? 0;
  const rows = raw.filter((row): row is RawPublicProduct => row.slug != null).map(fromRaw);
  const asOf = new Date();
  const body: PublicProductList = {
    data: rows.map((row) => toPublicProduct(row, asOf)),
    page,
    pageSize,
    total,
    next: nextPageUrl(url, query, total),
    licence: LICENCE_ID,
  };
  return conditionalJson(request, body, latest(rows.map(lastChange)));
}

/**
 * GET /api/public/v1/products/<slug>: a private product answers exactly like an unknown one; a former
 * slug of a public product redirects (301) to its current address.
 */
export async function getPublicProduct(request: Request, slug: string): Promise<Response> {
  const refused = nonReadAnswer(request);
  if (refused) return refused;
  const row = await db().product.findFirst({ where: { slug, isPublic: true }, select: publicProductSelect });
  if (row) return conditionalJson(request, toPublicProduct(row, new Date()), lastChange(row));
  const alias = await db().productSlugAlias.findFirst({ where: { slug, product: { isPublic: true } }, select: { product: { select: { slug: true } } } });
  if (alias) {
    const target = new URL(request.url);
    target.pathname = `/api/public/v1/products/${encodeURIComponent(alias.product.slug)}`;
    const answer = redirect(target.pathname + target.search, 301);
    answer.headers.set("Access-Control-Allow-Origin", "*");
    return answer;
  }
  return publicError(404, `Produit introuvable : aucun produit public n'a l'identifiant « ${slug} ».`);
}
