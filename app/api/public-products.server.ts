// The public open data API: public products only, and of them only what their public page shows.
// Selects are explicit so that no private column (team, funding, notes, indicators) can leak in.
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { isoDay } from "~/domain/days";
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

/** GET /api/public/v1/products?page=&pageSize= */
export async function listPublicProducts(request: Request): Promise<Response> {
  const read = readListRequest(request);
  if (!read.ok) return read.answer;
  const { url, query } = read;
  const { page, pageSize } = query;

  const where = { isPublic: true } satisfies Prisma.ProductWhereInput;
  const [total, rows] = await db().$transaction([
    db().product.count({ where }),
    db().product.findMany({ where, select: publicProductSelect, orderBy: { slug: "asc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
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
